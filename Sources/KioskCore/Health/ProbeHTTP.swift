#if canImport(Glibc)
import Glibc
#endif

/// The `portal` layer: does a plain-HTTP request reach the internet, or does a captive portal
/// answer in its place? Portals answer pings and often DNS too; only an HTTP answer shows them.
///
/// One GET over a TCP socket of our own (FoundationEssentials has no URLSession, and a portal
/// check must see the raw answer: no redirect followed, no cache, no proxy). The expected status
/// (204 by default, as `http://connectivitycheck.gstatic.com/generate_204` answers) means
/// online; see `HTTPVerdict` for what means portal.
public struct HTTPProbe: HealthProbe {
    public var name: String
    public var url: String
    public var expectStatus: Int
    /// The probe's own timeout; nil means the round's.
    public var timeout: Duration?
    public var layer: HealthLayer { .portal }
    public var type: String { "http" }
    public var target: String { url }

    public init(name: String, url: String, expectStatus: Int = 204, timeout: Duration? = nil) {
        self.name = name
        self.url = url
        self.expectStatus = expectStatus
        self.timeout = timeout
    }

    /// `rttMs` is the time to the first byte of the answer, from the start of the TCP
    /// connection (name resolution not included).
    public func measure(timeout round: Duration) -> ProbeMeasurement {
        let deadline = ProbeDeadline(timeout: ProbeDeadline.effective(round, own: timeout))
        var result = ProbeMeasurement(name: name, type: type, target: url, layer: .portal, ok: false)
        do throws(ProbeFailure) {
            let target: HTTPTarget
            switch HTTPTarget.parse(url) {
            case .success(let parsed): target = parsed
            case .failure(let failure): throw failure
            }
            try exchange(with: target, deadline: deadline, into: &result)
        } catch {
            result.detail = error.detail
        }
        result.durationMs = deadline.elapsedMs
        return result
    }

    private func exchange(with target: HTTPTarget, deadline: ProbeDeadline, into result: inout ProbeMeasurement) throws(ProbeFailure) {
        var connectMs = 0.0
        let socket = try ProbeSocket.connected(to: target.host, port: target.port, deadline: deadline, connectMs: &connectMs)
        let sentAt = ContinuousClock.now
        try socket.sendAll(target.request, deadline: deadline)
        var reader = Reader(deadline: deadline)
        var head: HTTPResponseHead?
        while head == nil {
            guard try reader.more(from: socket) else {
                throw ProbeFailure(reader.buffer.isEmpty ? "connection closed without an answer" : "connection closed in the middle of the answer")
            }
            if result.rttMs.isEmpty { result.rttMs = [connectMs + ProbeDeadline.milliseconds(.now - sentAt)] }
            if reader.buffer.count > 65_536 { throw ProbeFailure("answer head longer than 64 KiB") }
            head = try HTTPResponseHead.parse(reader.buffer)
        }
        guard let head else { return }
        result.received = 1
        result.httpStatus = head.status
        let body = (head.status == 200 && expectStatus == 204) ? try body(after: head, reader: &reader, socket: socket) : .empty
        let verdict = HTTPVerdict.judge(status: head.status, location: head.location, body: body, expect: expectStatus)
        result.ok = verdict.ok
        result.portal = verdict.portal
        result.detail = verdict.detail
    }

    /// Whether a body follows the head: by the first chunk's size, by Content-Length (which
    /// chunked encoding overrides, RFC 9112), or, with neither, by whether any byte comes before
    /// the server closes (or the deadline passes).
    private func body(after head: HTTPResponseHead, reader: inout Reader, socket: borrowing ProbeSocket) throws(ProbeFailure) -> HTTPBody {
        if head.isChunked {
            while true {
                let rest = reader.buffer[head.length...]
                if let lineEnd = rest.firstIndex(of: 13) {
                    let sizeText = String(decoding: rest[..<lineEnd], as: UTF8.self).split(separator: ";").first.map(String.init) ?? ""
                    return Int(sizeText.trimmed, radix: 16) == 0 ? .empty : .some
                }
                if try !reader.more(from: socket, timeoutFails: false) { return .empty }
            }
        }
        if let length = head.contentLength { return length > 0 ? .bytes(length) : .empty }
        if reader.buffer.count > head.length { return .some }
        return try reader.more(from: socket, timeoutFails: false) ? .some : .empty
    }

    /// The bytes received so far on one connection.
    private struct Reader {
        let deadline: ProbeDeadline
        var buffer: [UInt8] = []

        /// Appends what the next recv returns; false at the end of the stream. At the deadline:
        /// throws when `timeoutFails`, else returns false (the body check takes silence as none).
        mutating func more(from socket: borrowing ProbeSocket, timeoutFails: Bool = true) throws(ProbeFailure) -> Bool {
            let chunk: (bytes: [UInt8], from: ProbeAddress?)?
            do throws(Errno) {
                chunk = try socket.receive(maxLength: 16_384, until: deadline.end)
            } catch {
                throw ProbeFailure.system(error)
            }
            guard let chunk else {
                if !timeoutFails { return false }
                throw ProbeFailure(buffer.isEmpty
                    ? "no answer: timed out after \(ConfigValue.format(deadline.timeout))"
                    : "answer incomplete: timed out after \(ConfigValue.format(deadline.timeout))")
            }
            buffer += chunk.bytes
            return !chunk.bytes.isEmpty
        }
    }
}
