import Foundation
import Testing
@testable import KioskCore

@Suite struct UsageSummaryTests {
    func session(_ seconds: Int64, _ reason: SessionEndReason = .user, label: String? = nil) -> SessionRecord {
        SessionRecord(
            id: "s\(seconds)", start: "", end: "", durationMs: seconds * 1000, activeMs: seconds * 900, idleMs: seconds * 100,
            endReason: reason, label: label, source: .ui, startBoot: "b", endBoot: "b", clock: .synced)
    }

    @Test func countsMedianPerHourReasonsAndLabels() throws {
        let zone = try LocalTimeZone.load("+07:00")
        let day = KernelClock.milliseconds(rfc3339: "2026-11-24T17:00:00.000Z")!  // local midnight
        let sessions = [session(60), session(300, .idle, label: "learning"), session(120), session(30, .interrupted)]
        let starts = [day + 8 * 3_600_000, day + 8 * 3_600_000 + 5, day + 14 * 3_600_000, day + 23 * 3_600_000 + 59_000]
        let summary = UsageSummary.of(sessions, startsMs: starts, zone: zone)
        #expect(summary.count == 4)
        #expect(summary.totalMs == 510_000)
        #expect(summary.medianMs == 90_000)
        #expect(summary.longestMs == 300_000)
        #expect(summary.activeMs == 459_000)
        #expect(summary.perHour[8] == 2 && summary.perHour[14] == 1 && summary.perHour[23] == 1)
        #expect(summary.perHour.reduce(0, +) == 4)
        #expect(summary.endReasons == ["user": 2, "idle": 1, "shutdown": 0, "interrupted": 1])
        #expect(summary.labels == ["learning": 1])
    }

    @Test func anEmptyDay() throws {
        let summary = UsageSummary.of([], startsMs: [], zone: .utc)
        #expect(summary.count == 0 && summary.medianMs == 0 && summary.longestMs == 0)
        #expect(summary.perHour == Array(repeating: 0, count: 24))
    }
}
