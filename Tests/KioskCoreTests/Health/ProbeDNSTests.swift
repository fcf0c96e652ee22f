import Testing
@testable import KioskCore

/// DNS probes against a real DNS responder on loopback (a Python script speaking RFC 1035 over
/// UDP) and against the system resolver.
@Suite struct ProbeDNSTests {
    /// Answers A queries: `kiosk.test` is 10.1.2.3, `empty.test` exists without an A record,
    /// `servfail.test` fails, `silent.test` gets no answer, `wrong-id.test` first gets an answer
    /// with another id (which must be ignored) and then the right one; anything else NXDOMAIN.
    static let responder = """
        import socket, struct
        server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        server.bind(("127.0.0.1", 0))
        print(server.getsockname()[1], flush=True)
        while True:
            data, peer = server.recvfrom(512)
            if len(data) < 12:
                continue
            qid = struct.unpack(">H", data[:2])[0]
            i, labels = 12, []
            while data[i] != 0:
                labels.append(data[i + 1:i + 1 + data[i]].decode())
                i += 1 + data[i]
            name = ".".join(labels).lower()
            question = data[12:i + 5]
            if name == "silent.test":
                continue
            rcode, answers = 3, b""
            if name in ("kiosk.test", "wrong-id.test"):
                rcode = 0
                answers = b"\\xc0\\x0c" + struct.pack(">HHIH", 1, 1, 60, 4) + bytes([10, 1, 2, 3])
            elif name == "empty.test":
                rcode = 0
            elif name == "servfail.test":
                rcode = 2
            def reply(ident):
                header = struct.pack(">HHHHHH", ident, 0x8180 | rcode, 1, 1 if answers else 0, 0, 0)
                server.sendto(header + question + answers, peer)
            if name == "wrong-id.test":
                reply(qid ^ 0xFFFF)
            reply(qid)
        """

    @Test func aDirectQueryResolvesWithItsTime() throws {
        let dns = try LocalServer(python: Self.responder, what: "DNS responder")
        let result = DNSProbe(name: "dns", query: "kiosk.test", server: "127.0.0.1:\(dns.port)").measure(timeout: .seconds(2))
        #expect(result.ok, "\(result.detail ?? "")")
        #expect(result.type == "dns" && result.layer == .dns)
        #expect(result.target == "kiosk.test@127.0.0.1:\(dns.port)")
        #expect(result.addresses == ["10.1.2.3"])
        #expect(result.sent == 1 && result.received == 1)
        #expect(result.rttMs.count == 1 && result.rttMs[0] < 1000)
        #expect(result.detail == nil)
    }

    @Test func nxdomainIsAFailureThatSaysSo() throws {
        let dns = try LocalServer(python: Self.responder, what: "DNS responder")
        let result = DNSProbe(name: "dns", query: "other.test", server: "127.0.0.1:\(dns.port)").measure(timeout: .seconds(2))
        #expect(!result.ok)
        #expect(result.detail == "NXDOMAIN from 127.0.0.1:\(dns.port)")
        #expect(result.received == 1 && result.rttMs.count == 1)
    }

    @Test func servfailIsAFailureThatSaysSo() throws {
        let dns = try LocalServer(python: Self.responder, what: "DNS responder")
        let result = DNSProbe(name: "dns", query: "servfail.test", server: "127.0.0.1:\(dns.port)").measure(timeout: .seconds(2))
        #expect(!result.ok)
        #expect(result.detail == "SERVFAIL from 127.0.0.1:\(dns.port)")
    }

    @Test func aNameWithoutAnARecordFails() throws {
        let dns = try LocalServer(python: Self.responder, what: "DNS responder")
        let result = DNSProbe(name: "dns", query: "empty.test", server: "127.0.0.1:\(dns.port)").measure(timeout: .seconds(2))
        #expect(!result.ok)
        #expect(result.detail == "no A record for empty.test (NOERROR with an empty answer) from 127.0.0.1:\(dns.port)")
    }

    @Test func anAnswerWithAnotherIdIsIgnored() throws {
        let dns = try LocalServer(python: Self.responder, what: "DNS responder")
        let result = DNSProbe(name: "dns", query: "wrong-id.test", server: "127.0.0.1:\(dns.port)").measure(timeout: .seconds(2))
        #expect(result.ok, "\(result.detail ?? "")")
        #expect(result.received == 1)
    }

    @Test func noAnswerTimesOut() throws {
        let dns = try LocalServer(python: Self.responder, what: "DNS responder")
        let probe = DNSProbe(name: "dns", query: "silent.test", server: "127.0.0.1:\(dns.port)", timeout: .milliseconds(300))
        let result = probe.measure(timeout: .seconds(2))
        #expect(!result.ok)
        #expect(result.detail == "no answer from 127.0.0.1:\(dns.port)/udp: timed out after 300ms")
        #expect(result.received == 0 && result.rttMs.isEmpty)
        #expect(result.durationMs >= 300 && result.durationMs < 1000)
    }

    @Test func aPortWithoutAServerIsRefused() {
        let port = closedPort()
        let result = DNSProbe(name: "dns", query: "kiosk.test", server: "127.0.0.1:\(port)").measure(timeout: .seconds(2))
        #expect(!result.ok)
        #expect(result.detail == "connection refused: nothing answers DNS on 127.0.0.1:\(port)/udp")
    }

    @Test func aServerMustBeAnAddress() {
        let result = DNSProbe(name: "dns", query: "kiosk.test", server: "dns.example").measure(timeout: .seconds(1))
        #expect(!result.ok)
        #expect(result.detail == "DNS server \"dns.example\" is not an IP address with an optional port")
    }

    @Test func theSystemResolverResolvesLocalhost() {
        let result = DNSProbe(name: "dns", query: "localhost").measure(timeout: .seconds(2))
        #expect(result.ok, "\(result.detail ?? "")")
        #expect(result.target == "localhost")
        #expect(result.addresses?.contains { $0 == "127.0.0.1" || $0 == "::1" } == true)
        #expect(result.rttMs.count == 1)
    }

    @Test func theSystemResolverReportsAnUnknownName() {
        let result = DNSProbe(name: "dns", query: "no-such-host.invalid").measure(timeout: .seconds(3))
        #expect(!result.ok)
        #expect(result.detail?.isEmpty == false)
        #expect(result.received == 0)
    }

    @Test func aQueryIsRFC1035() {
        #expect(DNSMessage.query(id: 0xBEEF, name: "ab.c.") == [
            0xBE, 0xEF, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
            2, 0x61, 0x62, 1, 0x63, 0, 0, 1, 0, 1,
        ])
        #expect(DNSMessage.query(id: 1, name: "a..b") == nil)
        #expect(DNSMessage.query(id: 1, name: String(repeating: "x", count: 64) + ".test") == nil)
    }

    @Test func aCompressionLoopIsRefusedNotFollowed() {
        // A response whose question name points at itself.
        let looping: [UInt8] = [0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1]
        #expect(DNSMessage.parse(looping) == nil)
        #expect(DNSMessage.parse([0, 1, 0x81]) == nil)
    }
}
