import Foundation
import Synchronization
import Testing
@testable import KioskCore

/// Probes run at once, keep their order, and never hold a round past its timeout.
@Suite struct ProbeRunnerTests {
    @Test func probesRunConcurrently() throws {
        // Three DNS servers that never answer: each probe waits out its 300 ms timeout.
        let servers = try (0..<3).map { _ in try SilentUDPServer() }
        let probes: [any HealthProbe] = servers.enumerated().map { index, server in
            DNSProbe(name: "dns\(index)", query: "kiosk.test", server: "127.0.0.1:\(server.port)", timeout: .milliseconds(300))
        }
        let results = ProbeRunner.run(probes, timeout: .seconds(2))
        #expect(results.map(\.name) == ["dns0", "dns1", "dns2"])
        for result in results {
            #expect(!result.ok)
            #expect(result.durationMs >= 300)
        }
        // They overlapped: every probe started before any of them ended.
        let starts = results.map { Double($0.atWallMs) }
        let ends = results.map { Double($0.atWallMs) + $0.durationMs }
        #expect(starts.max()! < ends.min()!, "starts \(starts), ends \(ends)")
    }

    @Test func measurementsComeBackInTheProbesOrder() throws {
        let listener = try LocalListener()
        let probes: [any HealthProbe] = [
            TCPProbe(name: "slow", host: "127.0.0.1", port: listener.port, layer: .broker),
            LinkProbe(name: "lo", interface: "lo"),
            TCPProbe(name: "refused", host: "127.0.0.1", port: closedPort(), layer: .internet),
        ]
        let results = ProbeRunner.run(probes, timeout: .seconds(2))
        #expect(results.map(\.name) == ["slow", "lo", "refused"])
        #expect(results.map(\.ok) == [true, true, false])
    }

    @Test func aProbeThatOverrunsIsReportedNotWaitedFor() {
        let started = ContinuousClock.now
        let results = ProbeRunner.run([Oversleeper(name: "stuck"), LinkProbe(name: "lo", interface: "lo")], timeout: .milliseconds(200))
        let took = ContinuousClock.now - started
        #expect(took < .milliseconds(1500))
        #expect(results[0].name == "stuck" && results[0].layer == .internet && results[0].type == "custom")
        #expect(!results[0].ok)
        #expect(results[0].detail == "did not finish within 200ms")
        #expect(results[1].ok)
    }

    @Test func anEmptyRoundIsEmpty() {
        #expect(ProbeRunner.run([], timeout: .seconds(1)).isEmpty)
    }

    @Test func theSystemResolverIsNotWaitedForPastTheDeadline() {
        // getaddrinfo cannot be interrupted; a stand-in that blocks for 2 s shows the wait end.
        let started = ContinuousClock.now
        let result = SystemResolver.resolve(
            "slow.example", port: 53, socketType: 0, deadline: ProbeDeadline(timeout: .milliseconds(200))
        ) { _, _, _ in
            usleep(2_000_000)
            return .failure(ProbeFailure("too late"))
        }
        #expect(ContinuousClock.now - started < .milliseconds(1000))
        #expect(result.failureDetail == "timed out after 200ms")
    }

    /// A probe that ignores its timeout, as a buggy custom probe might.
    struct Oversleeper: HealthProbe {
        var name: String
        var layer: HealthLayer { .internet }
        func measure(timeout: Duration) -> ProbeMeasurement {
            usleep(2_000_000)
            return ProbeMeasurement(name: name, type: "custom", target: "", layer: .internet, ok: true)
        }
    }
}

extension Result where Failure == ProbeFailure {
    var failureDetail: String? {
        if case .failure(let failure) = self { return failure.detail }
        return nil
    }
}
