#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The control socket's wire format, shared by kioskd and kioskctl.
///
/// Newline-delimited JSON over a Unix stream socket. A request is one line:
/// `{"id":1,"cmd":"status","args":{}}`; its reply is one line with the same `id`:
/// `{"id":1,"ok":true,"result":{…}}` or `{"id":1,"ok":false,"error":{"code":"…","message":"…"}}`.
/// Replies come in request order; a client may pipeline several requests.
public struct ControlRequest: Codable, Equatable, Sendable {
    /// Echoed in the reply; any JSON value the client chooses (usually a number).
    public var id: JSONValue?
    public var cmd: String
    public var args: [String: JSONValue]?

    public init(id: JSONValue? = nil, cmd: String, args: [String: JSONValue]? = nil) {
        self.id = id
        self.cmd = cmd
        self.args = args
    }

    /// Decodes one request line, or says in a sentence why it is not one.
    public static func parse(_ line: some Collection<UInt8>) -> Result<ControlRequest, ControlError> {
        let data = Data(line)
        guard !data.isEmpty else { return .failure(ControlError(.badRequest, "empty request line")) }
        do {
            return .success(try JSON.decoder().decode(ControlRequest.self, from: data))
        } catch DecodingError.keyNotFound(let key, _) {
            return .failure(ControlError(.badRequest, "request has no \"\(key.stringValue)\" field"))
        } catch DecodingError.typeMismatch(_, let context) where !context.codingPath.isEmpty {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return .failure(ControlError(.badRequest, "request field \"\(field)\" has the wrong type"))
        } catch {
            return .failure(ControlError(.badRequest, "request is not a JSON object"))
        }
    }
}

/// Why a request failed, as a stable code and a sentence for people.
public struct ControlError: Error, Codable, Equatable, Sendable {
    public enum Code: String, Codable, Sendable {
        case badRequest = "bad-request"
        case unknownCommand = "unknown-command"
        case badArguments = "bad-arguments"
        case tooLarge = "too-large"
        case forbidden
        case busy
        case timeout
        case failed
    }
    public var code: Code
    /// In English, as kioskd logs it.
    public var message: String
    /// For the refusals a technician meets, what they are as a stable code and its values,
    /// so kioskctl can say it in the technician's language (`refusal.REASON`); absent otherwise.
    public var reason: String?
    public var values: [String: String]?

    public init(_ code: Code, _ message: String, reason: ConfigReason? = nil) {
        self.code = code
        self.message = message
        self.reason = reason?.code
        self.values = reason.map(\.values).flatMap { $0.isEmpty ? nil : $0 }
    }
}

public struct ControlReply<Result: Codable & Sendable>: Codable, Sendable {
    public var id: JSONValue?
    public var ok: Bool
    public var result: Result?
    public var error: ControlError?

    public init(id: JSONValue?, result: Result) {
        self.id = id
        self.ok = true
        self.result = result
        self.error = nil
    }

    public init(id: JSONValue?, error: ControlError) {
        self.id = id
        self.ok = false
        self.result = nil
        self.error = error
    }
}
