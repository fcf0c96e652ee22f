import Foundation
import Testing
@testable import KioskCore

@Suite struct HealthSampleWindowTests {
    let thresholds = HealthThresholds()

    func add(_ window: inout HealthSampleWindow, _ round: [ProbeMeasurement]) {
        window.add(round, verdict: RoundVerdict.of(round, thresholds: thresholds))
    }

    func gateway(sent: Int, rtt: [Double], detail: String? = nil) -> ProbeMeasurement {
        var m = Probes.healthy(.gateway)
        m.sent = sent
        m.received = rtt.count
        m.rttMs = rtt
        m.ok = !rtt.isEmpty
        m.detail = detail
        return m
    }

    @Test func aProbesFiguresSpanTheWindow() throws {
        var window = HealthSampleWindow()
        #expect(window.isEmpty)
        add(&window, Probes.round(gateway(sent: 3, rtt: [1, 2, 3])))
        add(&window, Probes.round(gateway(sent: 3, rtt: [10], detail: "2 of 3 echoes lost")))
        add(&window, Probes.round(gateway(sent: 3, rtt: [], detail: "no echo answered")))
        #expect(!window.isEmpty)
        let sample = window.take(state: .online, cause: nil)
        let stats = try #require(sample.probes.first { $0.name == "gateway" })
        #expect(stats == ProbeStats(
            name: "gateway", type: "icmp", target: "192.168.1.1", layer: .gateway, rounds: 3, failures: 1, sent: 9,
            received: 4, loss: 0.5556, rttMinMs: 1, rttP50Ms: 2, rttP95Ms: 10, rttMaxMs: 10,
            lastDetail: "no echo answered"))
    }

    @Test func theSampleSaysHowTheWindowWent() {
        var window = HealthSampleWindow()
        var slow = Probes.healthy(.internet)
        slow.rttMs = [1500, 1600, 1700]
        add(&window, Probes.allFine)
        add(&window, Probes.round(slow))
        add(&window, Probes.down(.link))
        add(&window, Probes.round(Probes.portal))
        let sample = window.take(state: .portal, cause: .portal)
        #expect(sample.state == .portal)
        #expect(sample.cause == .portal)
        #expect(sample.rounds == 4)
        #expect(sample.roundStates == RoundStateCounts(online: 1, degraded: 1, portal: 1, offline: 1))
        #expect(sample.onlineShare == 0.5)
        #expect(sample.probes.map(\.name) == ["link", "gateway", "dns", "internet", "captive", "broker", "mqtt"])
        #expect(sample.link == Probes.healthy(.link).link)
        #expect(sample.dnsMs == 20)
    }

    @Test func takeEmptiesTheWindow() {
        var window = HealthSampleWindow()
        add(&window, Probes.allFine)
        _ = window.take(state: .online, cause: nil)
        #expect(window.isEmpty)
        add(&window, Probes.down(.dns))
        let sample = window.take(state: .online, cause: nil)
        #expect(sample.rounds == 1)
        #expect(sample.onlineShare == 0)
        #expect(sample.dnsMs == nil)
        #expect(sample.probes.first { $0.name == "dns" }?.failures == 1)
    }

    @Test func aLinkProbeHasNoLossAndNoRTT() throws {
        var window = HealthSampleWindow()
        add(&window, Probes.down(.link))
        let link = try #require(window.take(state: .offline, cause: .link).probes.first)
        #expect(link.sent == 0)
        #expect(link.loss == nil)
        #expect(link.rttMinMs == nil && link.rttP50Ms == nil && link.rttP95Ms == nil && link.rttMaxMs == nil)
        #expect(link.lastDetail == "timed out after 5s")
    }

    @Test func anEmptyRoundIsIgnored() {
        var window = HealthSampleWindow()
        window.add([], verdict: RoundVerdict.of([], thresholds: thresholds))
        #expect(window.isEmpty)
    }

    @Test func timesAreRoundedForTheWire() throws {
        var window = HealthSampleWindow()
        add(&window, Probes.round(gateway(sent: 1, rtt: [1.23456])))
        let stats = try #require(window.take(state: .online, cause: nil).probes.first { $0.name == "gateway" })
        #expect(stats.rttMinMs == 1.23)
    }

    @Test func theRecordIsSnakeCaseJSON() throws {
        var window = HealthSampleWindow()
        add(&window, [gateway(sent: 2, rtt: [1.5])])
        let sample = window.take(state: .degraded, cause: .gateway)
        let json = String(decoding: try JSON.line(sample), as: UTF8.self)
        #expect(json == #"{"cause":"gateway","online_share":1,"probes":[{"failures":0,"layer":"gateway","loss":0.5,"#
            + #""name":"gateway","received":1,"rounds":1,"rtt_max_ms":1.5,"rtt_min_ms":1.5,"rtt_p50_ms":1.5,"#
            + #""rtt_p95_ms":1.5,"sent":2,"target":"192.168.1.1","type":"icmp"}],"#
            + #""round_states":{"degraded":1,"offline":0,"online":0,"portal":0},"rounds":1,"state":"degraded"}"#)
        #expect(try JSON.decoder().decode(HealthSample.self, from: Data(json.utf8)) == sample)
    }
}
