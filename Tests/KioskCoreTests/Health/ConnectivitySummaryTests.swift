import Testing
@testable import KioskCore

@Suite struct ConnectivitySummaryTests {
    func sample(online: Int, degraded: Int = 0, offline: Int) -> HealthSample {
        let states = RoundStateCounts(online: online, degraded: degraded, offline: offline)
        return HealthSample(
            state: .online, cause: nil, rounds: states.total, roundStates: states,
            onlineShare: Double(online + degraded) / Double(states.total), probes: [], dnsMs: nil, link: nil)
    }

    func outage(_ durationMs: Int64) -> OutageRecord {
        OutageRecord(
            start: rfc(0), end: rfc(durationMs), durationMs: durationMs, cause: .internet, reboots: 0, startBoot: "b",
            endBoot: "b", clock: .synced, unobservedMs: 0)
    }

    @Test func theDaysFigures() {
        let summary = ConnectivitySummary.of(
            samples: [sample(online: 8, degraded: 1, offline: 1), sample(online: 5, offline: 5)],
            outages: [outage(60_000), outage(150_000), outage(30_000)])
        #expect(summary == ConnectivitySummary(
            onlineShare: 0.7, rounds: 20, outages: 3, longestOutageMs: 150_000, totalOutageMs: 240_000))
    }

    @Test func theShareIsWeightedByRounds() {
        let summary = ConnectivitySummary.of(samples: [sample(online: 1, offline: 0), sample(online: 0, offline: 3)], outages: [])
        #expect(summary.onlineShare == 0.25)
    }

    @Test func aDayWithoutRoundsOrOutages() {
        #expect(ConnectivitySummary.of(samples: [], outages: [])
            == ConnectivitySummary(onlineShare: 0, rounds: 0, outages: 0, longestOutageMs: 0, totalOutageMs: 0))
    }

    @Test func theSummaryIsSnakeCaseJSON() throws {
        let json = String(decoding: try JSON.line(ConnectivitySummary.of(samples: [sample(online: 2, offline: 1)], outages: [outage(5)])), as: UTF8.self)
        #expect(json == #"{"longest_outage_ms":5,"online_share":0.6667,"outages":1,"rounds":3,"total_outage_ms":5}"#)
    }
}
