import Testing
@testable import KioskCore

@Suite struct ConnectivityVerdictTests {
    let thresholds = HealthThresholds()

    @Test func allLayersPassingIsOnline() {
        #expect(RoundVerdict.of(Probes.allFine, thresholds: thresholds) == RoundVerdict(state: .online, cause: nil, detail: nil))
    }

    /// Each layer failing, together with every layer above it: the lowest one is the cause.
    @Test(arguments: HealthLayer.allCases)
    func theFirstFailingLayerIsTheCause(layer: HealthLayer) {
        let round = Probes.allFine.map { $0.layer >= layer ? Probes.failed($0.layer, "down at \($0.layer)") : $0 }
        let verdict = RoundVerdict.of(round, thresholds: thresholds)
        let name = Probes.healthy(layer).name
        #expect(verdict == RoundVerdict(state: .offline, cause: layer, detail: "\(name): down at \(layer)"))
    }

    @Test func aPortalAnswerIsThePortalState() {
        let verdict = RoundVerdict.of(Probes.round(Probes.portal), thresholds: thresholds)
        #expect(verdict == RoundVerdict(state: .portal, cause: .portal, detail: "captive: HTTP 302 to http://login.example"))
    }

    @Test func aPortalBehindAFailedLinkIsOffline() {
        let verdict = RoundVerdict.of(Probes.round(Probes.portal, Probes.failed(.link, "no carrier")), thresholds: thresholds)
        #expect(verdict == RoundVerdict(state: .offline, cause: .link, detail: "link: no carrier"))
    }

    @Test func aPortalFlagOnAnotherLayerStillMeansPortal() {
        var hijacked = Probes.healthy(.dns)
        hijacked.portal = true
        hijacked.detail = "answered 10.0.0.1, the portal's address"
        let verdict = RoundVerdict.of(Probes.round(hijacked), thresholds: thresholds)
        #expect(verdict == RoundVerdict(state: .portal, cause: .portal, detail: "dns: answered 10.0.0.1, the portal's address"))
    }

    @Test func aPortalCheckThatTimesOutIsOfflineAtThePortalLayer() {
        let verdict = RoundVerdict.of(Probes.down(.portal), thresholds: thresholds)
        #expect(verdict == RoundVerdict(state: .offline, cause: .portal, detail: "captive: timed out after 5s"))
    }

    @Test func aBrokerDownWhileTheInternetWorksIsOfflineWithTheBrokerAsCause() {
        let verdict = RoundVerdict.of(Probes.down(.broker), thresholds: thresholds)
        #expect(verdict.state == .offline)
        #expect(verdict.cause == .broker)
        #expect(RoundVerdict.of(Probes.down(.mqtt), thresholds: thresholds).cause == .mqtt)
    }

    @Test func oneFailingProbeFailsItsLayer() {
        var second = Probes.failed(.internet, "network is unreachable")
        second.name = "internet-2"
        let verdict = RoundVerdict.of(Probes.allFine + [second], thresholds: thresholds)
        #expect(verdict == RoundVerdict(state: .offline, cause: .internet, detail: "internet-2: network is unreachable"))
    }

    /// A kiosk that may not ping is not offline: the gateway layer is left unjudged.
    @Test func anUntestedProbeNeitherFailsNorPassesItsLayer() {
        var gateway = Probes.failed(.gateway, "unprivileged ICMP not allowed")
        gateway.untested = true
        gateway.sent = 0
        gateway.received = 0
        #expect(RoundVerdict.of(Probes.round(gateway), thresholds: thresholds).state == .online)
        let dnsDown = Probes.round(gateway, Probes.failed(.dns, "SERVFAIL"))
        #expect(RoundVerdict.of(dnsDown, thresholds: thresholds).cause == .dns)
    }

    @Test func lossAboveTheThresholdIsDegraded() {
        var lossy = Probes.healthy(.gateway)
        lossy.sent = 5
        lossy.received = 3
        lossy.rttMs = [1, 2, 3]
        let verdict = RoundVerdict.of(Probes.round(lossy), thresholds: thresholds)
        #expect(verdict == RoundVerdict(state: .degraded, cause: .gateway, detail: "gateway: loss 40% above 20%"))
    }

    @Test func lossAtTheThresholdIsOnline() {
        var lossy = Probes.healthy(.internet)
        lossy.sent = 5
        lossy.received = 4
        lossy.rttMs = [40, 41, 42, 43]
        #expect(RoundVerdict.of(Probes.round(lossy), thresholds: thresholds).state == .online)
    }

    @Test func p95RTTAboveTheThresholdIsDegraded() {
        var slow = Probes.healthy(.internet)
        slow.rttMs = [100, 200, 1500]
        let verdict = RoundVerdict.of(Probes.round(slow), thresholds: thresholds)
        #expect(verdict == RoundVerdict(state: .degraded, cause: .internet, detail: "internet: p95 RTT 1500 ms above 1000 ms"))
    }

    @Test func p95RTTAtTheThresholdIsOnline() {
        var slow = Probes.healthy(.internet)
        slow.rttMs = [100, 200, 1000]
        #expect(RoundVerdict.of(Probes.round(slow), thresholds: thresholds).state == .online)
    }

    @Test func thresholdsAreTheCallers() {
        var slow = Probes.healthy(.dns)
        slow.rttMs = [300]
        let strict = HealthThresholds(degradedRttMs: 250)
        #expect(RoundVerdict.of(Probes.round(slow), thresholds: strict)
            == RoundVerdict(state: .degraded, cause: .dns, detail: "dns: p95 RTT 300 ms above 250 ms"))
    }

    @Test func aFailureOutranksDegradation() {
        var lossy = Probes.healthy(.gateway)
        lossy.sent = 5
        lossy.received = 1
        lossy.rttMs = [1]
        let verdict = RoundVerdict.of(Probes.round(lossy, Probes.failed(.broker, "connection refused")), thresholds: thresholds)
        #expect(verdict == RoundVerdict(state: .offline, cause: .broker, detail: "broker: connection refused"))
    }

    @Test func anEmptyRoundSaysNoProbeRan() {
        #expect(RoundVerdict.of([], thresholds: thresholds) == RoundVerdict(state: .offline, cause: nil, detail: "no probe ran"))
    }

    @Test func roundsBelowOneAreRaised() {
        let t = HealthThresholds(downRounds: 0, upRounds: -3)
        #expect(t.downRounds == 1)
        #expect(t.upRounds == 1)
    }
}
