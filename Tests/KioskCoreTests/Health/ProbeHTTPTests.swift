import Testing
@testable import KioskCore

/// A captive-portal check against a real HTTP server on loopback that answers like the
/// internet (204) or like the portals found on commune Wi-Fi.
@Suite struct ProbeHTTPTests {
    /// Canned answers by path, written byte for byte so each test sees exactly one kind.
    static let server = """
        import socket, sys, threading, time
        ANSWERS = {
            "/generate_204": b"HTTP/1.1 204 No Content\\r\\nContent-Length: 0\\r\\n\\r\\n",
            "/portal-redirect": b"HTTP/1.1 302 Found\\r\\nLocation: http://login.example/portal?x=1\\r\\nContent-Length: 0\\r\\n\\r\\n",
            "/portal-page": b"HTTP/1.1 200 OK\\r\\nContent-Type: text/html\\r\\nContent-Length: 27\\r\\n\\r\\n<html>Please log in</html>\\n",
            "/portal-511": b"HTTP/1.1 511 Network Authentication Required\\r\\nContent-Length: 0\\r\\n\\r\\n",
            "/empty-200": b"HTTP/1.1 200 OK\\r\\nContent-Length: 0\\r\\n\\r\\n",
            "/chunked-page": b"HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5\\r\\nhello\\r\\n0\\r\\n\\r\\n",
            "/page-until-close": b"HTTP/1.1 200 OK\\r\\nConnection: close\\r\\n\\r\\n<html>login</html>",
            "/not-found": b"HTTP/1.1 404 Not Found\\r\\nContent-Length: 0\\r\\n\\r\\n",
            "/not-http": b"SSH-2.0-OpenSSH_9.2p1\\r\\n",
        }
        def serve(conn):
            with conn:
                data = b""
                while b"\\r\\n\\r\\n" not in data:
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    data += chunk
                path = data.split(b" ")[1].decode()
                if path == "/silent":
                    time.sleep(5)
                    return
                conn.sendall(ANSWERS.get(path, ANSWERS["/not-found"]))
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        print(listener.getsockname()[1], flush=True)
        while True:
            conn, _ = listener.accept()
            threading.Thread(target=serve, args=(conn,), daemon=True).start()
        """

    func probe(_ path: String, port: UInt16, timeout: Duration? = nil) -> ProbeMeasurement {
        HTTPProbe(name: "portal", url: "http://127.0.0.1:\(port)\(path)", timeout: timeout).measure(timeout: .seconds(3))
    }

    @Test func theExpected204MeansOnline() throws {
        let server = try LocalServer(python: Self.server, what: "HTTP server")
        let result = probe("/generate_204", port: server.port)
        #expect(result.ok, "\(result.detail ?? "")")
        #expect(!result.portal)
        #expect(result.type == "http" && result.layer == .portal)
        #expect(result.httpStatus == 204)
        #expect(result.detail == nil)
        #expect(result.sent == 1 && result.received == 1 && result.rttMs.count == 1)
    }

    @Test func aRedirectIsAPortalAndNamesWhereTo() throws {
        let server = try LocalServer(python: Self.server, what: "HTTP server")
        let result = probe("/portal-redirect", port: server.port)
        #expect(!result.ok)
        #expect(result.portal)
        #expect(result.httpStatus == 302)
        #expect(result.detail == "HTTP 302 to http://login.example/portal?x=1")
        #expect(result.received == 1 && result.rttMs.count == 1)
    }

    @Test func aPageWhere204WasExpectedIsAPortal() throws {
        let server = try LocalServer(python: Self.server, what: "HTTP server")
        let sized = probe("/portal-page", port: server.port)
        #expect(!sized.ok && sized.portal)
        #expect(sized.detail == "HTTP 200 with a 27-byte body instead of 204")
        let chunked = probe("/chunked-page", port: server.port)
        #expect(!chunked.ok && chunked.portal)
        #expect(chunked.detail == "HTTP 200 with a body instead of 204")
        let untilClose = probe("/page-until-close", port: server.port)
        #expect(!untilClose.ok && untilClose.portal)
        #expect(untilClose.detail == "HTTP 200 with a body instead of 204")
    }

    @Test func networkAuthenticationRequiredIsAPortal() throws {
        let server = try LocalServer(python: Self.server, what: "HTTP server")
        let result = probe("/portal-511", port: server.port)
        #expect(!result.ok && result.portal)
        #expect(result.httpStatus == 511)
        #expect(result.detail == "HTTP 511 network authentication required")
    }

    @Test func anEmpty200CountsAs204() throws {
        let server = try LocalServer(python: Self.server, what: "HTTP server")
        let result = probe("/empty-200", port: server.port)
        #expect(result.ok && !result.portal)
        #expect(result.detail == "HTTP 200 with an empty body, taken as 204")
    }

    @Test func anotherStatusFailsWithoutBeingAPortal() throws {
        let server = try LocalServer(python: Self.server, what: "HTTP server")
        let result = probe("/not-found", port: server.port)
        #expect(!result.ok && !result.portal)
        #expect(result.detail == "HTTP 404, expected 204")
    }

    @Test func somethingThatIsNotHTTPSaysSo() throws {
        let server = try LocalServer(python: Self.server, what: "HTTP server")
        let result = probe("/not-http", port: server.port)
        #expect(!result.ok && !result.portal)
        #expect(result.detail == "not an HTTP answer: \"SSH-2.0-OpenSSH_9.2p1\"")
    }

    @Test func aServerThatSaysNothingTimesOut() throws {
        let server = try LocalServer(python: Self.server, what: "HTTP server")
        let result = probe("/silent", port: server.port, timeout: .milliseconds(400))
        #expect(!result.ok && !result.portal)
        #expect(result.detail == "no answer: timed out after 400ms")
        #expect(result.durationMs >= 400 && result.durationMs < 1500)
    }

    @Test func aClosedPortIsRefused() {
        let result = probe("/generate_204", port: closedPort())
        #expect(!result.ok && !result.portal)
        #expect(result.detail == "connection refused")
        #expect(result.received == 0)
    }

    @Test func httpsIsNotSupported() {
        let result = HTTPProbe(name: "portal", url: "https://example.com/").measure(timeout: .seconds(1))
        #expect(!result.ok && !result.portal)
        #expect(result.detail == "only http:// captive-portal checks are supported, not https://")
    }

    @Test func urlsSplitIntoHostPortAndPath() throws {
        #expect(try HTTPTarget.parse("http://connectivitycheck.gstatic.com/generate_204").get()
            == HTTPTarget(host: "connectivitycheck.gstatic.com", port: 80, path: "/generate_204"))
        #expect(try HTTPTarget.parse("http://example.com").get() == HTTPTarget(host: "example.com", port: 80, path: "/"))
        #expect(try HTTPTarget.parse("HTTP://[2001:db8::1]:8080?probe=1").get() == HTTPTarget(host: "2001:db8::1", port: 8080, path: "/?probe=1"))
        #expect(throws: ProbeFailure.self) { try HTTPTarget.parse("http://user@host/").get() }
    }

    @Test func theRequestAsksPastCachesAndCloses() {
        let text = String(decoding: HTTPTarget(host: "example.com", port: 8080, path: "/generate_204").request, as: UTF8.self)
        #expect(text == "GET /generate_204 HTTP/1.1\r\nHost: example.com:8080\r\nUser-Agent: kioskd/\(KioskAgent.version)\r\n"
            + "Accept: */*\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n")
    }
}
