#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A blocking client of kioskd's control socket: what kioskctl and the kiosk UI use.
public final class ControlClient {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// kioskd is not there: no socket, nobody listening, or the path cannot be reached.
        case unreachable(path: String, reason: String)
        /// The connection broke or kioskd replied with something that is not a reply.
        case protocolError(String)
        case timedOut

        public var description: String {
            switch self {
            case .unreachable(let path, let reason): "kioskd is not reachable at \(path) (\(reason))"
            case .protocolError(let text): "bad reply from kioskd: \(text)"
            case .timedOut: "kioskd did not reply in time"
            }
        }
    }

    private let fd: Int32
    private var buffer: [UInt8] = []
    private var nextID = 1
    private let timeoutMs: Int64

    public init(path: String, timeout: Duration = .seconds(10)) throws(Failure) {
        timeoutMs = timeout.inMilliseconds
        guard var address = UnixAddress(path: path) else {
            throw .unreachable(path: path, reason: "path too long for a Unix socket")
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .unreachable(path: path, reason: Errno.current.description) }
        let rc = address.withSockaddr { Glibc.connect(fd, $0, $1) }
        if rc != 0 {
            let reason = Errno.current.description
            close(fd)
            throw .unreachable(path: path, reason: reason)
        }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Sends one request and returns its reply line (without the newline).
    public func call(_ cmd: String, args: [String: JSONValue]? = nil) throws(Failure) -> [UInt8] {
        let id = nextID
        nextID += 1
        let request = ControlRequest(id: .number(Double(id)), cmd: cmd, args: args)
        guard var line = try? JSON.line(request) else { throw .protocolError("cannot encode request") }
        line.append(UInt8(ascii: "\n"))
        try sendAll(line)
        return try readLine()
    }

    /// Sends one request and decodes its reply; a refusal comes back as `.failure`.
    public func call<R: Codable & Sendable>(
        _ cmd: String, args: [String: JSONValue]? = nil, as type: R.Type
    ) throws(Failure) -> Result<R, ControlError> {
        let line = try call(cmd, args: args)
        guard let reply = try? JSON.decoder().decode(ControlReply<R>.self, from: Data(line)) else {
            throw .protocolError(String(decoding: line.prefix(200), as: UTF8.self))
        }
        if reply.ok, let result = reply.result { return .success(result) }
        return .failure(reply.error ?? ControlError(.failed, "kioskd refused without saying why"))
    }

    /// Sends bytes as they are: for tests of malformed requests.
    public func sendAll(_ bytes: [UInt8]) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .protocolError("send: \(Errno.current)")
            }
            offset += n
        }
    }

    /// Reads one reply line, waiting at most the timeout.
    public func readLine() throws(Failure) -> [UInt8] {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return line
            }
            let ready: Int16
            do throws(Errno) {
                ready = try PollSet.waitOne(fd: fd, events: Int16(POLLIN), timeoutMs: timeoutMs)
            } catch {
                throw .protocolError("poll: \(error)")
            }
            if ready == 0 { throw .timedOut }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .protocolError("recv: \(Errno.current)")
            }
            if n == 0 { throw .protocolError("kioskd closed the connection") }
            buffer.append(contentsOf: chunk[..<n])
        }
    }
}
