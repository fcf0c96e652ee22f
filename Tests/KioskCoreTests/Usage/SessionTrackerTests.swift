import Foundation
import Testing
@testable import KioskCore

/// Sessions on a clock the test moves: starts, activity, idle ends, and the journal that
/// makes a kill -9 or a power cut lose nothing.
@Suite struct SessionTrackerTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sessions-\(UUID().uuidString.prefix(8))").path

    func at(_ seconds: Int64, boot: String = "boot-a", clock: ClockState = .synced) -> ClockReading {
        ClockReading(boot: boot, monoMs: 1_000_000 + seconds * 1000, wallMs: 1_795_608_000_000 + seconds * 1000, clock: clock)
    }

    func tracker(labels: [String] = []) -> SessionTracker {
        SessionTracker(directory: folder, idleTimeout: .seconds(60), labels: labels)
    }

    @Test func anExplicitSessionHasItsDurationAndNoIdleTail() throws {
        let sessions = tracker(labels: ["learning"])
        try sessions.start(label: "learning", source: .ui, at: at(0))
        sessions.activity(source: .ui, at: at(30))
        let ended = try #require(sessions.end(reason: .user, at: at(45)))
        #expect(ended.durationMs == 45_000)
        #expect(ended.activeMs == 30_000)
        #expect(ended.idleMs == 15_000)
        #expect(ended.endReason == .user)
        #expect(ended.label == "learning")
        #expect(ended.start == "2026-11-25T12:00:00.000Z")
        #expect(ended.end == "2026-11-25T12:00:45.000Z")
        #expect(ended.clock == .synced)
        #expect(sessions.open == nil)
    }

    @Test func idleEndsAtTheLastActivityPlusTheTimeout() throws {
        let sessions = tracker()
        sessions.activity(source: .input, at: at(0))  // implicit start
        sessions.activity(source: .input, at: at(20))
        #expect(sessions.tick(at: at(79)) == nil)
        let ended = try #require(sessions.tick(at: at(85)))
        #expect(ended.endReason == .idle)
        #expect(ended.durationMs == 80_000)
        #expect(ended.activeMs == 20_000)
        #expect(ended.idleMs == 60_000)
        #expect(ended.end == "2026-11-25T12:01:20.000Z")
        #expect(ended.source == .input)
    }

    @Test func aNewStartEndsTheSessionGoingOn() throws {
        let sessions = tracker()
        try sessions.start(label: nil, source: .ui, at: at(0))
        let second = try sessions.start(label: nil, source: .ui, at: at(10))
        #expect(sessions.ended.map(\.endReason) == [.user])
        #expect(sessions.open == second)
        #expect(second.id != sessions.ended.first?.id)
    }

    @Test func labelsAreLimitedToTheConfiguredCategories() {
        // The message, and the reason code kioskctl says in the technician's language.
        #expect(throws: InvalidValue("labels are not enabled: list the categories in [sessions] labels", reason: ConfigReason("labels-off"))) {
            try tracker().start(label: "learning", source: .ui, at: at(0))
        }
        #expect(throws: InvalidValue(
            "label \"nguyen-van-a\" is not one of learning, other ([sessions] labels)",
            reason: ConfigReason("label-unknown", ["label": "nguyen-van-a", "labels": "learning, other"]))
        ) {
            try tracker(labels: ["learning", "other"]).start(label: "nguyen-van-a", source: .ui, at: at(0))
        }
    }

    /// A start before NTP synced gets its true start from the monotonic clock at the end.
    @Test func aStartBeforeTheClockSyncedIsCorrected() throws {
        let sessions = tracker()
        var start = at(0, clock: .unsynced)
        start.wallMs = 0  // 1970: no battery-backed clock
        try sessions.start(label: nil, source: .ui, at: start)
        let ended = try #require(sessions.end(reason: .user, at: at(90)))
        #expect(ended.start == "2026-11-25T12:00:00.000Z")
        #expect(ended.clock == .corrected)
    }

    /// kill -9 after 25 s: the journal's last heartbeat (written every 10 s) is the end.
    @Test func aSessionLeftOpenIsClosedInterruptedAtItsLastHeartbeat() throws {
        let sessions = tracker()
        try sessions.start(label: nil, source: .ui, at: at(0))
        sessions.flush()
        for second in 1...25 {
            sessions.activity(source: .ui, at: at(Int64(second)))
            sessions.tick(at: at(Int64(second)))
            sessions.flush()
        }
        // The process dies here; a new one (after a power cut: another boot) reads the journal.
        let next = tracker()
        #expect(next.open == nil)
        let interrupted = try #require(next.ended.first)
        #expect(next.ended.count == 1)
        #expect(interrupted.endReason == .interrupted)
        #expect(interrupted.durationMs == 20_000)
        #expect(interrupted.end == "2026-11-25T12:00:20.000Z")
        #expect(next.recovered == [interrupted.id])
    }

    /// Ended but not yet confirmed durable in the store: handed over again after a restart.
    @Test func anEndedSessionStaysUntilConfirmed() throws {
        let sessions = tracker()
        try sessions.start(label: nil, source: .ui, at: at(0))
        let ended = try #require(sessions.end(reason: .user, at: at(5)))
        sessions.flush()
        #expect(tracker().ended == [ended])
        sessions.confirm(ended.id)
        sessions.flush()
        #expect(tracker().ended.isEmpty)
    }

    /// A store that takes nothing for days: the journal keeps the newest 1000 ended sessions.
    @Test func endedSessionsAreCappedWhileTheStoreTakesNone() throws {
        let sessions = tracker()
        for n in 0..<(SessionTracker.endedLimit + 5) {
            try sessions.start(label: nil, source: .ui, at: at(Int64(n * 10)))
            sessions.end(reason: .user, at: at(Int64(n * 10 + 5)))
        }
        #expect(sessions.ended.count == SessionTracker.endedLimit)
        #expect(sessions.overflowed == 5)
        #expect(sessions.ended.first?.start == KernelClock.rfc3339(milliseconds: at(50).wallMs))
        #expect(sessions.lastProblem == "5 ended session(s) dropped: the record store has not taken any for a long time")
    }

    @Test func aDamagedJournalIsSetAsideAndCounted() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("{\"format\":1,\"open\":{\"id\":".utf8).write(to: URL(fileURLWithPath: folder + "/sessions.json"))
        let sessions = tracker()
        #expect(sessions.open == nil && sessions.ended.isEmpty)
        #expect(sessions.lastProblem?.contains("is damaged") == true)
        #expect(FileManager.default.fileExists(atPath: folder + "/sessions.json.corrupt"))
    }

    @Test func activityAloneWritesNothing() throws {
        let sessions = tracker()
        try sessions.start(label: nil, source: .ui, at: at(0))
        sessions.flush()
        let path = folder + "/sessions.json"
        let before = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        usleep(20_000)
        sessions.activity(source: .ui, at: at(3))
        sessions.tick(at: at(3))
        sessions.flush()
        let after = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        #expect(before == after)
        #expect(sessions.nextDeadline == at(0).monoMs + SessionTracker.heartbeatMs)
    }
}
