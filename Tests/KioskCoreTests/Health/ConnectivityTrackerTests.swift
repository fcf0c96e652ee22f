import Testing
@testable import KioskCore

/// Hysteresis within one kioskd run; restarts and reboots are in `OutageLedgerTests`.
@Suite struct ConnectivityTrackerTests {
    let folder: StoreFolder
    let tracker: ConnectivityTracker
    let time = KioskTime()

    init() throws {
        let (folder, health) = try ledgerFolder()
        self.folder = folder
        tracker = ConnectivityTracker(thresholds: HealthThresholds(), ledger: try OutageLedger(directory: health))
    }

    @Test func itStartsOnlineWithAnEmptyLedger() {
        #expect(tracker.state == .online)
        #expect(tracker.cause == nil)
        #expect(tracker.ledger.open == nil)
    }

    @Test func oneBadRoundIsNotAnOutage() {
        #expect(time.feed(tracker, Probes.down(.gateway)) == [])
        #expect(tracker.state == .online)
        #expect(tracker.lastVerdict?.state == .offline)
        #expect(time.feed(tracker, Probes.allFine) == [])
        #expect(tracker.ledger.open == nil)
    }

    @Test func twoBadRoundsStartAnOutageAtTheFirst() throws {
        let first = time.moment
        #expect(time.feed(tracker, Probes.down(.gateway)) == [])
        let changes = time.feed(tracker, Probes.down(.gateway))
        let outage = try #require(changes.startedOutage)
        #expect(changes.first == .stateChanged(from: .online, to: .offline, cause: .gateway))
        #expect(changes.count == 2)
        #expect(outage.startMonoMs == first.monoMs)
        #expect(outage.startWallMs == first.wallMs)
        #expect(outage.startBoot == "boot-a")
        #expect(outage.cause == .gateway)
        #expect(tracker.state == .offline)
        #expect(tracker.cause == .gateway)
        #expect(tracker.ledger.open == outage)
    }

    @Test func oneGoodRoundEndsItWithTheMonotonicDuration() throws {
        let start = time.moment
        _ = time.feed(tracker, Probes.down())
        _ = time.feed(tracker, Probes.down())
        _ = time.feed(tracker, Probes.down())
        time.wallMs += 3_600_000  // NTP steps the wall clock: durations do not care
        let end = time.moment
        let changes = time.feed(tracker, Probes.allFine)
        #expect(changes.first == .stateChanged(from: .offline, to: .online, cause: nil))
        let record = try #require(changes.endedOutage)
        #expect(record == OutageRecord(
            start: rfc(start.wallMs), end: rfc(end.wallMs), durationMs: 90_000, cause: .internet, reboots: 0,
            startBoot: "boot-a", endBoot: "boot-a", clock: .synced, unobservedMs: 0))
        #expect(tracker.state == .online)
        #expect(tracker.ledger.open == nil)
        #expect(tracker.ledger.unpublished == [record])
    }

    @Test func flappingEveryOtherRoundNeverStartsAnOutage() {
        for _ in 0..<10 {
            #expect(time.feed(tracker, Probes.down(.link)) == [])
            #expect(time.feed(tracker, Probes.allFine) == [])
        }
        #expect(tracker.state == .online)
        #expect(tracker.ledger.open == nil)
        #expect(!LocalFile.exists(tracker.ledger.path))
    }

    @Test func flappingInPairsMakesSeparateOutages() {
        var records: [OutageRecord] = []
        for _ in 0..<3 {
            _ = time.feed(tracker, Probes.down(.dns))
            #expect(time.feed(tracker, Probes.down(.dns)).startedOutage != nil)
            records += time.feed(tracker, Probes.allFine).endedOutage.map { [$0] } ?? []
        }
        #expect(records.map(\.durationMs) == [60_000, 60_000, 60_000])
        #expect(records.map(\.cause) == [.dns, .dns, .dns])
    }

    @Test func theCauseIsTheFirstRoundsAndTheStateFollowsTheLatest() throws {
        _ = time.feed(tracker, Probes.down(.dns))
        let outage = try #require(time.feed(tracker, Probes.down(.link)).startedOutage)
        #expect(outage.cause == .dns)
        #expect(tracker.cause == .link)
        // Within an outage a cause change is not a state change.
        #expect(time.feed(tracker, Probes.down(.gateway)) == [])
        #expect(tracker.cause == .gateway)
        #expect(tracker.ledger.open?.latestCause == .gateway)
        #expect(tracker.ledger.open?.cause == .dns)
    }

    @Test func portalAndOfflineSwitchAtOnceInsideOneOutage() throws {
        _ = time.feed(tracker, Probes.round(Probes.portal))
        let started = time.feed(tracker, Probes.round(Probes.portal))
        #expect(started.first == .stateChanged(from: .online, to: .portal, cause: .portal))
        #expect(started.startedOutage?.cause == .portal)
        #expect(time.feed(tracker, Probes.down(.link)) == [.stateChanged(from: .portal, to: .offline, cause: .link)])
        #expect(tracker.ledger.open?.state == .offline)
        #expect(time.feed(tracker, Probes.round(Probes.portal)) == [.stateChanged(from: .offline, to: .portal, cause: .portal)])
        let ended = try #require(time.feed(tracker, Probes.allFine).endedOutage)
        #expect(ended.cause == .portal)
        #expect(ended.durationMs == 120_000)
    }

    @Test func degradedNeedsTheSameRoundsAsAnOutage() {
        var slow = Probes.healthy(.internet)
        slow.rttMs = [1200, 1300, 1400]
        #expect(time.feed(tracker, Probes.round(slow)) == [])
        #expect(time.feed(tracker, Probes.allFine) == [])
        #expect(time.feed(tracker, Probes.round(slow)) == [])
        #expect(time.feed(tracker, Probes.round(slow)) == [.stateChanged(from: .online, to: .degraded, cause: .internet)])
        #expect(time.feed(tracker, Probes.allFine) == [.stateChanged(from: .degraded, to: .online, cause: nil)])
        #expect(tracker.ledger.open == nil)
    }

    @Test func aBadRoundInterruptsTheDegradedCount() {
        var slow = Probes.healthy(.internet)
        slow.rttMs = [1200]
        #expect(time.feed(tracker, Probes.round(slow)) == [])
        #expect(time.feed(tracker, Probes.down()) == [])
        #expect(time.feed(tracker, Probes.round(slow)) == [])
        #expect(tracker.state == .online)
    }

    @Test func anOutageEndingOnADegradedRoundLeavesItDegraded() {
        var lossy = Probes.healthy(.gateway)
        lossy.sent = 3
        lossy.received = 1
        lossy.rttMs = [2]
        _ = time.feed(tracker, Probes.down(.gateway))
        _ = time.feed(tracker, Probes.down(.gateway))
        let changes = time.feed(tracker, Probes.round(lossy))
        #expect(changes.first == .stateChanged(from: .offline, to: .degraded, cause: .gateway))
        #expect(changes.endedOutage != nil)
    }

    @Test func withTwoUpRoundsTheEndIsTheFirstGoodRound() throws {
        let tracker = ConnectivityTracker(thresholds: HealthThresholds(upRounds: 2), ledger: self.tracker.ledger)
        _ = time.feed(tracker, Probes.down())
        _ = time.feed(tracker, Probes.down())
        let firstGood = time.moment
        #expect(time.feed(tracker, Probes.allFine) == [])
        #expect(tracker.state == .offline)
        let record = try #require(time.feed(tracker, Probes.allFine).endedOutage)
        #expect(record.end == rfc(firstGood.wallMs))
        #expect(record.durationMs == 60_000)
    }

    @Test func aBadRoundAmongTheUpRoundsKeepsTheOutage() {
        let tracker = ConnectivityTracker(thresholds: HealthThresholds(upRounds: 2), ledger: self.tracker.ledger)
        _ = time.feed(tracker, Probes.down())
        _ = time.feed(tracker, Probes.down())
        #expect(time.feed(tracker, Probes.allFine) == [])
        #expect(time.feed(tracker, Probes.down()) == [])
        #expect(time.feed(tracker, Probes.allFine) == [])
        #expect(time.feed(tracker, Probes.allFine).endedOutage?.durationMs == 120_000)
    }

    @Test func withOneDownRoundTheFirstBadRoundIsTheOutage() {
        let tracker = ConnectivityTracker(thresholds: HealthThresholds(downRounds: 1), ledger: self.tracker.ledger)
        #expect(time.feed(tracker, Probes.down(.mqtt)).startedOutage?.cause == .mqtt)
    }

    @Test func anEmptyRoundChangesNothing() {
        _ = time.feed(tracker, Probes.down())
        #expect(time.feed(tracker, []) == [])
        #expect(time.feed(tracker, Probes.down()).startedOutage != nil)
    }

    @Test func anUnsyncedStartIsCorrectedThroughTheMonotonicClock() throws {
        time.clock = .unsynced
        time.wallMs = 0  // no battery-backed clock: 1970
        _ = time.feed(tracker, Probes.down())
        _ = time.feed(tracker, Probes.down())
        time.clock = .synced
        time.wallMs = 1_795_435_200_000
        let record = try #require(time.feed(tracker, Probes.allFine).endedOutage)
        #expect(record.clock == .corrected)
        #expect(record.start == rfc(1_795_435_200_000 - 60_000))
        #expect(record.end == rfc(1_795_435_200_000))
    }

    @Test func anUnsyncedEndIsDerivedFromASyncedStart() throws {
        let start = time.moment
        _ = time.feed(tracker, Probes.down())
        _ = time.feed(tracker, Probes.down())
        time.clock = .unsynced
        time.wallMs = 5
        let record = try #require(time.feed(tracker, Probes.allFine).endedOutage)
        #expect(record.clock == .corrected)
        #expect(record.end == rfc(start.wallMs + 60_000))
    }

    @Test func unsyncedAtBothEndsStaysUnsynced() throws {
        time.clock = .unsynced
        time.wallMs = 1_000
        _ = time.feed(tracker, Probes.down())
        _ = time.feed(tracker, Probes.down())
        let record = try #require(time.feed(tracker, Probes.allFine).endedOutage)
        #expect(record.clock == .unsynced)
        #expect(record.start == rfc(1_000))
        #expect(record.end == rfc(61_000))
    }
}
