import Foundation
import Testing
import TestSupport
@testable import KioskCore

/// The daily summary read from a real store: which day each record belongs to, including
/// records stamped before the clock synced.
@Suite struct DailySummaryTests {
    let zone = try! LocalTimeZone.load("+07:00")
    let day = LocalDay("2026-11-25")!
    /// 2026-11-25 local midnight (+07:00) in UTC ms.
    var midnight: Int64 { zone.start(of: day) }

    func session(id: String, startMs: Int64, durationMs: Int64, clock: ClockState) -> SessionRecord {
        SessionRecord(
            id: id, start: KernelClock.rfc3339(milliseconds: startMs), end: KernelClock.rfc3339(milliseconds: startMs + durationMs),
            durationMs: durationMs, activeMs: durationMs, idleMs: 0, endReason: .user, label: nil, source: .ui,
            startBoot: "boot-b", endBoot: "boot-b", clock: clock)
    }

    @Test func recordsAreCountedOnTheirLocalDayAndUnsyncedOnesAreReanchored() throws {
        let folder = try StoreFolder()
        let store = try openStore(directory: folder.path, limits: smallLimits)
        // In the day: 09:00 local, stored at its end.
        let nine = midnight + 9 * 3_600_000
        try store.append(NewRecord(
            type: "session", encoding: session(id: "a", startMs: nine, durationMs: 600_000, clock: .synced),
            boot: "boot-b", wallMs: nine + 600_000, monoMs: 1_000_000, clock: .synced))
        // The day before (23:50 local), ended after midnight: belongs to the day before.
        let before = midnight - 600_000
        try store.append(NewRecord(
            type: "session", encoding: session(id: "b", startMs: before, durationMs: 1_200_000, clock: .synced),
            boot: "boot-b", wallMs: before + 1_200_000, monoMs: 2_000_000, clock: .synced))
        // Before NTP: stamped in 1970 (no battery clock), ending at mono 5_000_000 of boot-c.
        // The clock synced later in that boot: mono 5_000_000 is 14:00 local on the day.
        let fourteen = midnight + 14 * 3_600_000
        try store.append(NewRecord(
            type: "session", encoding: session(id: "c", startMs: 60_000, durationMs: 300_000, clock: .unsynced),
            boot: "boot-c", wallMs: 360_000, monoMs: 5_000_000, clock: .unsynced))
        _ = try store.sync()  // queries see durable records only
        let anchor = ClockAnchor(boot: "boot-c", wallMs: fourteen, monoMs: 5_000_000)

        let summary = try DailySummary.compute(day: day, zone: zone, store: store, anchor: anchor)
        #expect(summary.sessions.count == 2)
        #expect(summary.sessions.perHour[9] == 1)
        #expect(summary.sessions.perHour[13] == 1, "started 5 minutes before 14:00")
        #expect(summary.sessions.totalMs == 900_000)
        #expect(summary.start == "2026-11-24T17:00:00.000Z")
        #expect(summary.end == "2026-11-25T17:00:00.000Z")
        #expect(summary.timezone == "+07:00")
        #expect(summary.partial == nil)

        // Without the anchor the 1970 record cannot be placed, and is not counted on this day.
        #expect(try DailySummary.compute(day: day, zone: zone, store: store, anchor: nil).sessions.count == 1)
        let previous = try DailySummary.compute(day: day.previous, zone: zone, store: store, anchor: anchor)
        #expect(previous.sessions.count == 1 && previous.sessions.perHour[23] == 1)
    }
}
