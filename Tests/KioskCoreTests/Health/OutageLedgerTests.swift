import Foundation
import Testing
@testable import KioskCore

/// The ledger on real files: restarts, reboots, power cuts, damage.
@Suite struct OutageLedgerTests {
    let folder: StoreFolder
    let health: String
    let time = KioskTime()
    /// 2026-11-23T12:00:00.000Z, the wall time of the first round.
    let w0: Int64 = 1_795_435_200_000

    init() throws {
        (folder, health) = try ledgerFolder()
    }

    func tracker(_ thresholds: HealthThresholds = HealthThresholds()) throws -> ConnectivityTracker {
        ConnectivityTracker(thresholds: thresholds, ledger: try OutageLedger(directory: health))
    }

    /// An outage from mono 60 s over `bad` failing rounds 30 s apart; kioskd is then dropped
    /// without a clean stop, as a power cut does.
    func outageThenPowerCut(bad: Int) throws {
        let before = try tracker()
        for _ in 0..<bad { _ = time.feed(before, Probes.down()) }
        #expect(before.ledger.open != nil)
    }

    @Test func anOpenOutageIsOnDiskAsSoonAsItStarts() throws {
        let first = try tracker()
        _ = time.feed(first, Probes.down(.dns))
        let outage = try #require(time.feed(first, Probes.down(.dns)).startedOutage)
        let reread = try OutageLedger(directory: health)
        #expect(reread.open == outage)
        #expect(reread.damagedFiles == 0)
        #expect(reread.lastProblem == nil)
    }

    @Test func anOutageAcrossARebootIsOneOutageCountingWatchedTime() throws {
        try outageThenPowerCut(bad: 4)  // start at mono 60 s, last alive at mono 150 s = w0 + 90 s
        time.reboot(as: "boot-b", downMs: 600_000)  // first round of boot-b: mono 20 s, w0 + 740 s
        let after = try tracker()
        #expect(after.state == .offline)
        #expect(after.cause == .internet)
        #expect(time.feed(after, Probes.down()) == [])
        #expect(after.ledger.open?.reboots == 1)
        #expect(try OutageLedger(directory: health).open?.reboots == 1)
        #expect(time.feed(after, Probes.down()) == [])
        let record = try #require(time.feed(after, Probes.allFine).endedOutage)
        // Watched: 150 − 60 s in boot-a, then 80 − 20 s in boot-b; unwatched: w0+90 s … w0+740 s.
        #expect(record == OutageRecord(
            start: rfc(w0), end: rfc(w0 + 800_000), durationMs: 150_000, cause: .internet, reboots: 1,
            startBoot: "boot-a", endBoot: "boot-b", clock: .synced, unobservedMs: 650_000))
        #expect(record.durationMs + record.unobservedMs! == 800_000)
    }

    @Test func twoRebootsAreCounted() throws {
        try outageThenPowerCut(bad: 2)
        time.reboot(as: "boot-b", downMs: 60_000)
        let second = try tracker()
        _ = time.feed(second, Probes.down())
        time.reboot(as: "boot-c", downMs: 60_000)
        let third = try tracker()
        _ = time.feed(third, Probes.down())
        let record = try #require(time.feed(third, Probes.allFine).endedOutage)
        #expect(record.reboots == 2)
        #expect(record.startBoot == "boot-a")
        #expect(record.endBoot == "boot-c")
        #expect(record.durationMs == 30_000 + 0 + 30_000)
    }

    @Test func aPowerCutFollowedByAGoodRoundEndsAtTheLastAliveRound() throws {
        try outageThenPowerCut(bad: 3)  // last alive: mono 120 s, w0 + 60 s
        time.reboot(as: "boot-b", downMs: 3_600_000)
        let after = try tracker()
        let changes = time.feed(after, Probes.allFine)
        #expect(changes.first == .stateChanged(from: .offline, to: .online, cause: nil))
        let record = try #require(changes.endedOutage)
        #expect(record == OutageRecord(
            start: rfc(w0), end: rfc(w0 + 60_000), durationMs: 60_000, cause: .internet, reboots: 0,
            startBoot: "boot-a", endBoot: "boot-a", clock: .synced, unobservedMs: 0))
        #expect(try OutageLedger(directory: health).open == nil)
    }

    @Test func aGoodFirstRoundThatDoesNotLastResumesFromTheFirstRound() throws {
        try outageThenPowerCut(bad: 2)  // watched 60 … 90 s
        time.reboot(as: "boot-b", downMs: 60_000)
        let after = try tracker(HealthThresholds(upRounds: 2))
        #expect(time.feed(after, Probes.allFine) == [])  // mono 20 s
        #expect(time.feed(after, Probes.down()) == [])  // the outage goes on
        _ = time.feed(after, Probes.allFine)  // mono 80 s
        let record = try #require(time.feed(after, Probes.allFine).endedOutage)
        #expect(record.reboots == 1)
        #expect(record.durationMs == 30_000 + 60_000)
    }

    @Test func aKioskdRestartWithinOneBootCountsTheGapAsUnobserved() throws {
        try outageThenPowerCut(bad: 3)  // watched 60 … 120 s
        time.advance(15_000)  // systemd restarts kioskd: next round at mono 165 s
        let after = try tracker()
        _ = time.feed(after, Probes.down())
        let record = try #require(time.feed(after, Probes.allFine).endedOutage)
        #expect(record.reboots == 0)
        #expect(record.durationMs == 60_000 + 30_000)
        #expect(record.unobservedMs == 45_000)
        #expect(record.end == rfc(w0 + 135_000))
    }

    @Test func aRebootWithoutASyncedClockLeavesTheGapUnknown() throws {
        try outageThenPowerCut(bad: 2)
        time.reboot(as: "boot-b", downMs: 600_000, clock: .unsynced)
        let after = try tracker()
        _ = time.feed(after, Probes.down())
        let record = try #require(time.feed(after, Probes.allFine).endedOutage)
        #expect(record.unobservedMs == nil)
        #expect(record.clock == .unsynced)
        #expect(record.durationMs == 60_000)
        let json = String(decoding: try JSON.line(record), as: UTF8.self)
        #expect(json == #"{"cause":"internet","clock":"unsynced","duration_ms":60000,"end":"\#(rfc(time.wallMs - 30_000))","#
            + #""end_boot":"boot-b","reboots":1,"start":"\#(rfc(w0))","start_boot":"boot-a"}"#)
    }

    @Test func theLastAliveTimeIsWrittenAtMostEveryThirtySeconds() throws {
        let time = KioskTime(intervalMs: 10_000)
        let tracker = try tracker()
        for _ in 0..<6 { _ = time.feed(tracker, Probes.down()) }  // 60 … 110 s; begun at 70 s
        #expect(tracker.ledger.open?.lastAliveMonoMs == 110_000)
        #expect(try OutageLedger(directory: health).open?.lastAliveMonoMs == 100_000)
        tracker.ledger.flush()
        #expect(try OutageLedger(directory: health).open?.lastAliveMonoMs == 110_000)
    }

    @Test func anExplicitHeartbeatIsHarmless() throws {
        let tracker = try tracker()
        _ = time.feed(tracker, Probes.down())
        _ = time.feed(tracker, Probes.down())
        tracker.ledger.heartbeat(monoMs: 100_000, wallMs: w0 + 40_000, boot: "boot-a", clock: .synced)
        #expect(tracker.ledger.open?.lastAliveMonoMs == 100_000)
        tracker.ledger.heartbeat(monoMs: 5_000, wallMs: w0, boot: "some-other-boot", clock: .synced)
        #expect(tracker.ledger.open?.lastAliveMonoMs == 100_000)
    }

    @Test func aHeartbeatBeforeTheFirstRoundKeepsThePreviousLastAlive() throws {
        try outageThenPowerCut(bad: 3)
        time.reboot(as: "boot-b", downMs: 60_000)
        let ledger = try OutageLedger(directory: health)
        ledger.heartbeat(monoMs: 10_000, wallMs: time.wallMs, boot: "boot-b", clock: .synced)
        #expect(ledger.open?.lastAliveBoot == "boot-a")
        #expect(ledger.open?.lastAliveMonoMs == 120_000)
    }

    @Test func finishedOutagesWaitForMarkPublished() throws {
        let tracker = try tracker()
        _ = time.feed(tracker, Probes.down())
        _ = time.feed(tracker, Probes.down())
        let record = try #require(time.feed(tracker, Probes.allFine).endedOutage)
        #expect(try OutageLedger(directory: health).unpublished == [record])
        tracker.ledger.markPublished(record)
        #expect(tracker.ledger.unpublished == [])
        #expect(try OutageLedger(directory: health).unpublished == [])
    }

    @Test func unpublishedOutagesAreCapped() throws {
        let tracker = try tracker(HealthThresholds(downRounds: 1))
        var records: [OutageRecord] = []
        for _ in 0..<20 {
            _ = time.feed(tracker, Probes.down())
            records += time.feed(tracker, Probes.allFine).endedOutage.map { [$0] } ?? []
        }
        #expect(records.count == 20)
        #expect(try OutageLedger(directory: health).unpublished == Array(records.suffix(OutageLedger.unpublishedLimit)))
    }

    @Test func theFolderIsCreated() throws {
        let nested = health + "/deeper/still"
        let ledger = try OutageLedger(directory: nested)
        #expect(ledger.path == nested + "/outages.json")
        #expect(ledger.open == nil)
    }

    // MARK: Damage

    /// Writes `bytes` as the ledger file, opens it, and checks it was set aside with `why`.
    func expectSetAside(_ bytes: [UInt8], why: String) throws {
        try FileSystem.makeDirectories(health, mode: 0o750)
        let path = health + "/outages.json"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let tracker = try tracker()
        #expect(tracker.ledger.open == nil)
        #expect(tracker.ledger.damagedFiles == 1)
        #expect(tracker.ledger.lastProblem == "\(path) is damaged: \(why); set aside as outages.json.corrupt, "
            + "starting with an empty outage ledger (an outage open before the damage will be recorded as a new one)")
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path + ".corrupt"))) == bytes)
        #expect(!LocalFile.exists(path))
        #expect(tracker.state == .online)
        // The ledger works on.
        _ = time.feed(tracker, Probes.down())
        #expect(time.feed(tracker, Probes.down()).startedOutage != nil)
        #expect(try OutageLedger(directory: health).open == tracker.ledger.open)
    }

    func validLedgerBytes() throws -> [UInt8] {
        try outageThenPowerCut(bad: 3)
        return Array(try Data(contentsOf: URL(fileURLWithPath: health + "/outages.json")))
    }

    @Test func aTruncatedLedgerIsSetAside() throws {
        let bytes = try validLedgerBytes()
        let half = Array(bytes.prefix(bytes.count / 2))
        try expectSetAside(half, why: "it is truncated or not JSON (\(half.count) bytes)")
    }

    @Test func garbageIsSetAside() throws {
        try expectSetAside([0x00, 0xFF, 0x13, 0x37, 0x7B], why: "it is truncated or not JSON (5 bytes)")
    }

    @Test func anEmptyLedgerIsSetAside() throws {
        try expectSetAside([], why: "it is empty")
    }

    @Test func anUnknownFormatIsSetAside() throws {
        try expectSetAside(Array(#"{"format":2,"unpublished":[]}"#.utf8), why: "format 2 is not one this kioskd reads")
    }

    @Test func impossibleFiguresAreSetAside() throws {
        let text = String(decoding: try validLedgerBytes(), as: UTF8.self)
            .replacingOccurrences(of: #""segment_start_mono_ms":60000"#, with: #""segment_start_mono_ms":999999999"#)
        try expectSetAside(Array(text.utf8), why: "its open outage has impossible figures")
    }

    @Test func anUnreadableLedgerIsReportedAndNotSetAside() throws {
        try FileSystem.makeDirectories(health + "/outages.json", mode: 0o750)
        let ledger = try OutageLedger(directory: health)
        #expect(ledger.open == nil)
        #expect(ledger.damagedFiles == 0)
        #expect(ledger.lastProblem == "cannot read \(health)/outages.json: Is a directory; starting with an empty outage ledger")
    }

    @Test func aFailedWriteIsCountedKeptInMemoryAndRetried() throws {
        try FileSystem.makeDirectories(health + "/outages.json.tmp", mode: 0o750)  // blocks the temporary file
        let tracker = try tracker()
        _ = time.feed(tracker, Probes.down())
        let outage = try #require(time.feed(tracker, Probes.down()).startedOutage)
        #expect(tracker.ledger.failedWrites == 1)
        #expect(tracker.ledger.lastProblem
            == "cannot write the outage ledger: open \(health)/outages.json.tmp: Is a directory")
        #expect(tracker.ledger.open == outage)
        try FileManager.default.removeItem(atPath: health + "/outages.json.tmp")
        _ = time.feed(tracker, Probes.down())
        #expect(try OutageLedger(directory: health).open?.startMonoMs == outage.startMonoMs)
        #expect(tracker.ledger.failedWrites == 1)
    }
}
