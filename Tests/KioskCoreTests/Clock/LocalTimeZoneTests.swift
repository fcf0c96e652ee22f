import Foundation
import Testing
@testable import KioskCore

/// Local days from the system's own TZif files.
@Suite struct LocalTimeZoneTests {
    static let noonUTC: Int64 = 1_795_608_000_000  // 2026-11-25T12:00:00Z (checked below)

    @Test func vietnamIsSevenHoursAhead() throws {
        let zone = try LocalTimeZone.load("Asia/Ho_Chi_Minh")
        #expect(KernelClock.rfc3339(milliseconds: Self.noonUTC) == "2026-11-25T12:00:00.000Z")
        #expect(zone.offsetSeconds(atUTC: Self.noonUTC) == 7 * 3600)
        #expect(zone.hour(atUTC: Self.noonUTC) == 19)
        // 17:00Z is midnight in Hanoi: the next local day.
        #expect(zone.day(atUTC: Self.noonUTC + 5 * 3_600_000 - 1).description == "2026-11-25")
        #expect(zone.day(atUTC: Self.noonUTC + 5 * 3_600_000).description == "2026-11-26")
        #expect(KernelClock.rfc3339(milliseconds: zone.start(of: LocalDay("2026-11-26")!)) == "2026-11-25T17:00:00.000Z")
    }

    /// Saigon was on +08:00 until 1975: the file's transitions, not one fixed offset, decide.
    @Test func historicalTransitionsAreRead() throws {
        let zone = try LocalTimeZone.load("Asia/Ho_Chi_Minh")
        let in1970: Int64 = 86_400_000 * 180
        #expect(zone.offsetSeconds(atUTC: in1970) == 8 * 3600)
    }

    @Test func daylightSavingZonesFollowTheirTransitions() throws {
        let zone = try LocalTimeZone.load("Europe/Berlin")
        let july = KernelClock.milliseconds(rfc3339: "2026-07-01T12:00:00.000Z")!
        let january = KernelClock.milliseconds(rfc3339: "2026-01-15T12:00:00.000Z")!
        #expect(zone.offsetSeconds(atUTC: july) == 7200)
        #expect(zone.offsetSeconds(atUTC: january) == 3600)
    }

    @Test func fixedOffsets() throws {
        let zone = try LocalTimeZone.load("+07:00")
        #expect(zone.offsetSeconds(atUTC: Self.noonUTC) == 25_200)
        #expect(try LocalTimeZone.load("-03:30:15").offsetSeconds(atUTC: 0) == -(3 * 3600 + 30 * 60 + 15))
        #expect(throws: InvalidValue("\"+7h\" is not a UTC offset (like +07:00)")) { try LocalTimeZone.load("+7h") }
        #expect(throws: InvalidValue("\"+15:00\" is not a UTC offset (like +07:00)")) { try LocalTimeZone.load("+15:00") }
    }

    @Test func unknownZonesAndPathsAreRefused() {
        #expect(throws: InvalidValue.self) { try LocalTimeZone.load("Asia/Atlantis") }
        #expect(throws: InvalidValue("\"../../etc/passwd\" is not a time zone name (like Asia/Ho_Chi_Minh)")) {
            try LocalTimeZone.load("../../etc/passwd")
        }
        #expect(throws: InvalidValue("/etc/hostname is not a time zone file (TZif)")) {
            try LocalTimeZone.parse(file: "/etc/hostname", name: "x")
        }
    }

    @Test func theSystemZoneLoads() throws {
        let zone = try LocalTimeZone.load(nil)
        #expect(!zone.name.isEmpty)
    }

    @Test func localDaysParseAndPrint() {
        #expect(LocalDay("2026-02-29") == nil)
        #expect(LocalDay("2024-02-29")?.description == "2024-02-29")
        #expect(LocalDay("2026-13-01") == nil)
        #expect(LocalDay("26-11-25") == nil)
        #expect(LocalDay("1970-01-01")?.daysSinceEpoch == 0)
        #expect(LocalDay("2026-11-25")?.next.description == "2026-11-26")
        #expect(LocalDay("2026-03-01")?.previous.description == "2026-02-28")
        for days in stride(from: Int64(-354_000), through: 2_900_000, by: 997) {  // years 1001-9910
            let day = LocalDay(daysSinceEpoch: days)
            #expect(LocalDay(day.description) == day)
        }
    }

    @Test func rfc3339ReadsBackWhatKioskdWrites() {
        for ms: Int64 in [0, 1, 999, Self.noonUTC + 123, 4_102_444_800_000] {
            #expect(KernelClock.milliseconds(rfc3339: KernelClock.rfc3339(milliseconds: ms)) == ms)
        }
        #expect(KernelClock.milliseconds(rfc3339: "2026-11-25T12:00:00Z") == Self.noonUTC)
        #expect(KernelClock.milliseconds(rfc3339: "2026-11-25 12:00:00Z") == nil)
        #expect(KernelClock.milliseconds(rfc3339: "2026-11-25T12:00:00.1Z") == nil)
    }

    @Test func posixRules() {
        #expect(PosixZoneRule.fixedOffset("<+07>-7") == 25_200)
        #expect(PosixZoneRule.fixedOffset("UTC0") == 0)
        #expect(PosixZoneRule.fixedOffset("IST-5:30") == 19_800)
        #expect(PosixZoneRule.fixedOffset("CET-1CEST,M3.5.0,M10.5.0/3") == nil)
    }
}
