#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Whether wall time can be trusted: a kiosk without a battery-backed clock is wrong until NTP.
public enum ClockState: String, Codable, Sendable {
    case synced, unsynced, corrected
}

/// Time as the kernel sees it: boot id, time since boot, wall time and whether it is synced.
public enum KernelClock {
    /// The kernel's random boot id, new at every boot (`/proc/sys/kernel/random/boot_id`).
    public static let bootID: String = {
        let raw = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)) ?? ""
        let id = raw.trimmed
        return id.isEmpty ? "unknown" : id
    }()

    /// Milliseconds since boot (CLOCK_BOOTTIME: keeps counting across suspend, never jumps).
    public static func monotonicMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_BOOTTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    /// Milliseconds since the Unix epoch, by the wall clock (may be wrong while unsynced).
    public static func wallMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    /// systemd-timesyncd's marker, created once it has synced the clock.
    static let timesyncMarker = "/run/systemd/timesync/synchronized"

    /// `$KIOSKD_TIMESYNC_MARKER` names a marker file that alone decides (synced while it exists):
    /// how tests, and a technician reproducing a problem, drive the clock state without NTP.
    static let markerOverride: String? = ProcessInfo.processInfo.environment["KIOSKD_TIMESYNC_MARKER"]
        .flatMap { $0.isEmpty ? nil : $0 }

    /// Synced when the kernel's NTP state lacks STA_UNSYNC (set by any NTP client that disciplines
    /// the clock) or systemd-timesyncd has left its marker file.
    public static func state() -> ClockState {
        if let markerOverride {
            return FileManager.default.fileExists(atPath: markerOverride) ? .synced : .unsynced
        }
        if FileManager.default.fileExists(atPath: timesyncMarker) {
            return .synced
        }
        return LinuxSystem.clockSynced() == true ? .synced : .unsynced
    }

    /// RFC 3339 UTC with milliseconds: `2026-11-25T12:24:37.123Z`.
    public static func rfc3339(milliseconds: Int64) -> String {
        var seconds = time_t(milliseconds.floorDiv(1000))
        let millis = Int(milliseconds - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return pad(Int(parts.tm_year) + 1900, 4) + "-" + pad(Int(parts.tm_mon) + 1, 2) + "-"
            + pad(Int(parts.tm_mday), 2) + "T" + pad(Int(parts.tm_hour), 2) + ":"
            + pad(Int(parts.tm_min), 2) + ":" + pad(Int(parts.tm_sec), 2) + "." + pad(millis, 3) + "Z"
    }

    /// The UTC milliseconds of a time written by `rfc3339(milliseconds:)`
    /// (`2026-11-25T12:24:37.123Z`; the fraction may be absent); nil for anything else. The one
    /// parser of these times (kioskd, kioskctl and the fleet view), byte by byte: the fleet
    /// reads one per record.
    public static func milliseconds(rfc3339 text: String) -> Int64? {
        var text = text
        return text.withUTF8 { bytes -> Int64? in
            guard bytes.count == 20 || bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
                bytes[bytes.count - 1] == UInt8(ascii: "Z")
            else { return nil }
            func number(_ range: Range<Int>) -> Int64? {
                var value: Int64 = 0
                for index in range {
                    let digit = Int64(bytes[index]) - 48
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
                let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
                (1...12).contains(month), (1...LocalDay.daysIn(month: month, year: year)).contains(day),
                hour < 24, minute < 60, second < 61
            else { return nil }
            var millis: Int64 = 0
            if bytes.count == 24 {
                guard bytes[19] == UInt8(ascii: "."), let fraction = number(20..<23) else { return nil }
                millis = fraction
            }
            let days = LocalDay.days(year: year, month: month, day: day)
            return days * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + millis
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

extension Int64 {
    fileprivate func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
