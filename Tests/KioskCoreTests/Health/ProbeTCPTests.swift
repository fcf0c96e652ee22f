import Testing
@testable import KioskCore

@Suite struct ProbeTCPTests {
    @Test func aListeningPortIsReachedWithItsConnectTime() throws {
        let listener = try LocalListener()
        let result = TCPProbe(name: "broker", host: "127.0.0.1", port: listener.port, layer: .broker).measure(timeout: .seconds(2))
        #expect(result.ok, "\(result.detail ?? "")")
        #expect(result.type == "tcp")
        #expect(result.target == "127.0.0.1:\(listener.port)")
        #expect(result.layer == .broker)
        #expect(result.sent == 1 && result.received == 1)
        #expect(result.rttMs.count == 1 && result.rttMs[0] >= 0 && result.rttMs[0] < 1000)
        #expect(result.detail == nil)
    }

    @Test func aClosedPortIsRefused() {
        let result = TCPProbe(name: "web", host: "127.0.0.1", port: closedPort(), layer: .internet).measure(timeout: .seconds(2))
        #expect(!result.ok)
        #expect(result.detail == "connection refused")
        #expect(result.sent == 1 && result.received == 0 && result.rttMs.isEmpty)
        #expect(result.loss == 1)
    }

    @Test func aNameGoesThroughTheSystemResolver() throws {
        let listener = try LocalListener()
        let result = TCPProbe(name: "broker", host: "localhost", port: listener.port, layer: .broker).measure(timeout: .seconds(2))
        #expect(result.ok, "\(result.detail ?? "")")
    }

    @Test func anUnknownNameSaysItCouldNotBeResolved() {
        let result = TCPProbe(name: "broker", host: "no-such-host.invalid", port: 1883, layer: .broker).measure(timeout: .seconds(3))
        #expect(!result.ok)
        #expect(result.detail?.hasPrefix("resolving no-such-host.invalid: ") == true, "\(result.detail ?? "")")
    }

    @Test func aHandshakeThatNeverCompletesTimesOutAtTheProbesOwnTimeout() throws {
        let listener = try LocalListener(backlog: 0)
        try listener.fillBacklog()
        let probe = TCPProbe(name: "far", host: "127.0.0.1", port: listener.port, layer: .internet, timeout: .milliseconds(300))
        let result = probe.measure(timeout: .seconds(5))
        #expect(!result.ok)
        #expect(result.detail == "timed out after 300ms")
        #expect(result.durationMs >= 300 && result.durationMs < 1000)
    }
}
