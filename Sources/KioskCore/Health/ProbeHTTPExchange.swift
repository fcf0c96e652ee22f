/// The parts of HTTP/1.1 a captive-portal check needs: the URL it asks, the request it sends,
/// and a reading of the answer's head. Written here because FoundationEssentials has no
/// URLSession, and a portal check wants the raw answer anyway (no redirects followed, no
/// caches, no proxies).
struct HTTPTarget: Equatable, Sendable {
    var host: String
    var port: UInt16
    /// Path and query, `/` when the URL has none.
    var path: String

    /// `http://host[:port][/path]`; a `https://` URL fails with its own words, because a
    /// portal cannot answer for a TLS site without a certificate error, which is what the
    /// plain-HTTP check exists to avoid.
    static func parse(_ url: String) -> Result<HTTPTarget, ProbeFailure> {
        let lower = url.lowercased()
        if lower.hasPrefix("https://") {
            return .failure(ProbeFailure("only http:// captive-portal checks are supported, not https://"))
        }
        guard lower.hasPrefix("http://") else { return .failure(ProbeFailure("\"\(url)\" is not an http:// URL")) }
        let rest = url.dropFirst("http://".count)
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = String(rest[..<authorityEnd])
        var path = String(rest[authorityEnd...])
        if path.isEmpty || path.hasPrefix("?") { path = "/" + path }
        guard !authority.contains("@"), let hostPort = ProbeHostPort(authority) else {
            return .failure(ProbeFailure("\"\(url)\" has no usable host"))
        }
        return .success(HTTPTarget(host: hostPort.host, port: hostPort.port ?? 80, path: path))
    }

    /// A GET that no cache or keep-alive can answer for.
    var request: [UInt8] {
        let hostHeader = port == 80 ? (host.contains(":") ? "[\(host)]" : host) : ProbeHostPort.render(host: host, port: port)
        let lines = [
            "GET \(path) HTTP/1.1",
            "Host: \(hostHeader)",
            "User-Agent: kioskd/\(KioskAgent.version)",
            "Accept: */*",
            "Cache-Control: no-cache",
            "Connection: close",
        ]
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
    }
}

/// The head of an HTTP response: status line and headers.
struct HTTPResponseHead: Equatable, Sendable {
    var status: Int
    /// Header names lower case; the last of repeated headers wins.
    var headers: [String: String]
    /// How many bytes the head took, `\r\n\r\n` included.
    var length: Int

    /// nil while `bytes` does not yet hold a whole head; throws when it is not HTTP.
    static func parse(_ bytes: [UInt8]) throws(ProbeFailure) -> HTTPResponseHead? {
        guard let end = headEnd(bytes) else {
            if bytes.count >= 5 && !bytes.starts(with: Array("HTTP/".utf8)) { throw notHTTP(bytes) }
            return nil
        }
        let text = String(decoding: bytes[..<end], as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3, let status = Int(parts[1]) else {
            throw notHTTP(bytes)
        }
        var headers: [String: String] = [:]
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].trimmed.lowercased()] = line[line.index(after: colon)...].trimmed
        }
        return HTTPResponseHead(status: status, headers: headers, length: end + 4)
    }

    var location: String? { headers["location"] }
    var contentLength: Int? { headers["content-length"].flatMap { Int($0) } }
    var isChunked: Bool { headers["transfer-encoding"]?.lowercased().contains("chunked") ?? false }

    private static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }

    /// Words for an answer that is not HTTP: its first line, as far as 40 bytes, quoted.
    private static func notHTTP(_ bytes: [UInt8]) -> ProbeFailure {
        let firstLine = bytes.prefix(40).prefix { $0 != 13 && $0 != 10 }
        let printable = firstLine.map { $0 >= 0x20 && $0 < 0x7F ? Character(UnicodeScalar($0)) : "." }
        return ProbeFailure("not an HTTP answer: \"\(String(printable))\"")
    }
}

/// What the probe knows about the body of an answer, which only matters for a 200 where a 204
/// was expected: a portal's login page has a body, an honest empty 200 does not.
enum HTTPBody: Equatable, Sendable {
    case empty
    case bytes(Int)
    /// Something came, length unknown (chunked, or until the connection closes).
    case some
}

/// The captive-portal verdict on an answer.
struct HTTPVerdict: Equatable, Sendable {
    var ok: Bool
    var portal: Bool
    var detail: String?

    /// The expected status means online. A redirect, 511 Network Authentication Required, or a
    /// 200 with a body where 204 was expected is a portal answering in the internet's place.
    /// An empty 200 for 204 counts as online, as Android's check does: some proxies rewrite 204.
    /// Any other status is a failure that is not a portal.
    static func judge(status: Int, location: String?, body: HTTPBody, expect: Int) -> HTTPVerdict {
        if status == expect { return HTTPVerdict(ok: true, portal: false, detail: nil) }
        let to = location.map { " to \(String($0.prefix(200)))" } ?? ""
        switch status {
        case 300...399:
            return HTTPVerdict(ok: false, portal: true, detail: "HTTP \(status)\(to.isEmpty ? " without a Location" : to)")
        case 511:
            return HTTPVerdict(ok: false, portal: true, detail: "HTTP 511 network authentication required\(to)")
        case 200 where expect == 204:
            switch body {
            case .empty:
                return HTTPVerdict(ok: true, portal: false, detail: "HTTP 200 with an empty body, taken as 204")
            case .bytes(let count):
                return HTTPVerdict(ok: false, portal: true, detail: "HTTP 200 with a \(count)-byte body instead of 204")
            case .some:
                return HTTPVerdict(ok: false, portal: true, detail: "HTTP 200 with a body instead of 204")
            }
        default:
            return HTTPVerdict(ok: false, portal: false, detail: "HTTP \(status), expected \(expect)")
        }
    }
}
