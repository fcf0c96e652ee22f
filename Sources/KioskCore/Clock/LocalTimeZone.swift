#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A time zone read from the system's TZif files (`/usr/share/zoneinfo`, RFC 8536): daily
/// rollups close at local midnight, and FoundationEssentials carries no time zone database.
///
/// Offsets come from the file's transitions. After the last transition the footer's POSIX
/// rule is used when it has no daylight saving part (`<+07>-7`, `UTC0`: every zone a kiosk
/// of this programme is in); a footer with daylight saving rules keeps the last transition's
/// offset — Debian's tzdata files list transitions up to 2037, so that only matters past then.
public struct LocalTimeZone: Equatable, Sendable {
    /// The IANA name (`Asia/Ho_Chi_Minh`), or `localtime` when the system's could not be named.
    public let name: String
    /// UTC seconds at which the offset changes, ascending, and the offset from then on.
    let transitions: [Int64]
    let offsets: [Int32]
    let initialOffset: Int32
    let finalOffset: Int32?

    public static let zoneinfo = "/usr/share/zoneinfo"

    /// UTC, for tests and for a kiosk whose zone file is missing.
    public static let utc = LocalTimeZone(name: "UTC", transitions: [], offsets: [], initialOffset: 0, finalOffset: 0)

    init(name: String, transitions: [Int64], offsets: [Int32], initialOffset: Int32, finalOffset: Int32?) {
        self.name = name
        self.transitions = transitions
        self.offsets = offsets
        self.initialOffset = initialOffset
        self.finalOffset = finalOffset
    }

    /// The zone `name` — an IANA name such as `Asia/Ho_Chi_Minh`, or a fixed offset from UTC
    /// such as `+07:00` (`±HH:MM`, seconds allowed) — or the system's own (`/etc/localtime`)
    /// when nil.
    public static func load(_ name: String?, zoneinfo: String = zoneinfo) throws(InvalidValue) -> LocalTimeZone {
        if let name, let sign = name.first, sign == "+" || sign == "-" {
            guard let offset = PosixZoneRule.fixedOffset("X" + (sign == "+" ? "-" : "+") + name.dropFirst()),
                  name.dropFirst().first?.isNumber == true, abs(offset) <= 14 * 3600
            else {
                throw InvalidValue("\(ConfigValue.quoted(name)) is not a UTC offset (like +07:00)")
            }
            return LocalTimeZone(name: name, transitions: [], offsets: [], initialOffset: offset, finalOffset: offset)
        }
        if let name {
            guard !name.isEmpty, !name.hasPrefix("/"), !name.split(separator: "/").contains("..") else {
                throw InvalidValue("\(ConfigValue.quoted(name)) is not a time zone name (like Asia/Ho_Chi_Minh)")
            }
            return try parse(file: zoneinfo + "/" + name, name: name)
        }
        return try parse(file: "/etc/localtime", name: systemZoneName(zoneinfo: zoneinfo) ?? "localtime")
    }

    /// `/etc/localtime` is a link into zoneinfo on Debian; its target names the zone.
    static func systemZoneName(zoneinfo: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/etc/localtime", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let parts = target.split(separator: "/", omittingEmptySubsequences: true)
        guard let at = parts.lastIndex(of: "zoneinfo"), at + 1 < parts.count else { return nil }
        return parts[(at + 1)...].joined(separator: "/")
    }

    static func parse(file: String, name: String) throws(InvalidValue) -> LocalTimeZone {
        let bytes: [UInt8]
        do {
            bytes = try LocalFile(path: file).readAll()
        } catch {
            throw InvalidValue("no time zone \(ConfigValue.quoted(name)) (\(file): \(error))")
        }
        guard let zone = TZifReader(bytes).zone(named: name) else {
            throw InvalidValue("\(file) is not a time zone file (TZif)")
        }
        return zone
    }

    /// Seconds to add to UTC to get local time, at the UTC instant `ms`.
    public func offsetSeconds(atUTC ms: Int64) -> Int {
        let seconds = floorDivide(ms, 1000)
        guard let first = transitions.first, let last = transitions.last else { return Int(finalOffset ?? initialOffset) }
        if seconds < first { return Int(initialOffset) }
        if seconds >= last { return Int(finalOffset ?? offsets[offsets.count - 1]) }
        var low = 0, high = transitions.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if transitions[middle] <= seconds { low = middle } else { high = middle - 1 }
        }
        return Int(offsets[low])
    }

    /// The local calendar day of the UTC instant `ms`.
    public func day(atUTC ms: Int64) -> LocalDay {
        LocalDay(daysSinceEpoch: floorDivide(ms + Int64(offsetSeconds(atUTC: ms)) * 1000, 86_400_000))
    }

    /// The local hour (0–23) of the UTC instant `ms`.
    public func hour(atUTC ms: Int64) -> Int {
        let local = ms + Int64(offsetSeconds(atUTC: ms)) * 1000
        return Int(floorDivide(local, 3_600_000) - floorDivide(local, 86_400_000) * 24)
    }

    /// The UTC instant (ms) at which the local day `day` begins.
    public func start(of day: LocalDay) -> Int64 {
        let local = day.daysSinceEpoch * 86_400_000
        var utc = local - Int64(offsetSeconds(atUTC: local)) * 1000
        utc = local - Int64(offsetSeconds(atUTC: utc)) * 1000
        return utc
    }

    private func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}

/// A local calendar day, `YYYY-MM-DD`.
public struct LocalDay: Comparable, Hashable, Sendable, CustomStringConvertible, Codable {
    /// Days since 1970-01-01.
    public let daysSinceEpoch: Int64

    public init(daysSinceEpoch: Int64) { self.daysSinceEpoch = daysSinceEpoch }

    /// `YYYY-MM-DD`; nil when the text is not a real date.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int64(parts[0]), let month = Int64(parts[1]), let day = Int64(parts[2]),
              (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        daysSinceEpoch = Self.days(year: year, month: month, day: day)
    }

    public var next: LocalDay { LocalDay(daysSinceEpoch: daysSinceEpoch + 1) }
    public var previous: LocalDay { LocalDay(daysSinceEpoch: daysSinceEpoch - 1) }

    public var description: String {
        let (year, month, day) = civil
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    public static func < (a: LocalDay, b: LocalDay) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = LocalDay(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    // Howard Hinnant's days_from_civil and civil_from_days (proleptic Gregorian calendar).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    var civil: (year: Int64, month: Int64, day: Int64) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// Reads RFC 8536 TZif data: version 1 (32-bit times) or, when present, the 64-bit block.
struct TZifReader {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func zone(named name: String) -> LocalTimeZone? {
        guard let v1 = header(at: 0) else { return nil }
        var start = 44
        var timeSize = 4
        var counts = v1
        if bytes[4] >= UInt8(ascii: "2") {
            let second = 44 + v1.dataSize(timeSize: 4)
            guard let v2 = header(at: second) else { return nil }
            start = second + 44
            timeSize = 8
            counts = v2
        }
        guard bytes.count >= start + counts.dataSize(timeSize: timeSize), counts.typeCount > 0 else { return nil }
        var transitions: [Int64] = []
        for index in 0..<counts.timeCount {
            transitions.append(timeSize == 8 ? int64(at: start + index * 8) : Int64(int32(at: start + index * 4)))
        }
        let indicesStart = start + counts.timeCount * timeSize
        let typesStart = indicesStart + counts.timeCount
        func offset(ofType type: Int) -> Int32? {
            type < counts.typeCount ? int32(at: typesStart + type * 6) : nil
        }
        var offsets: [Int32] = []
        for index in 0..<counts.timeCount {
            guard let value = offset(ofType: Int(bytes[indicesStart + index])) else { return nil }
            offsets.append(value)
        }
        var final: Int32?
        if timeSize == 8 {
            final = footerOffset(after: start + counts.dataSize(timeSize: 8))
        }
        return LocalTimeZone(
            name: name, transitions: transitions, offsets: offsets, initialOffset: offset(ofType: 0) ?? 0,
            finalOffset: final ?? offsets.last)
    }

    struct Counts {
        var utCount, stdCount, leapCount, timeCount, typeCount, charCount: Int
        func dataSize(timeSize: Int) -> Int {
            timeCount * timeSize + timeCount + typeCount * 6 + charCount + leapCount * (timeSize + 4) + stdCount + utCount
        }
    }

    private func header(at offset: Int) -> Counts? {
        guard bytes.count >= offset + 44, Array(bytes[offset..<offset + 4]) == Array("TZif".utf8) else { return nil }
        let values = (0..<6).map { Int(UInt32(bitPattern: int32(at: offset + 20 + $0 * 4))) }
        return Counts(
            utCount: values[0], stdCount: values[1], leapCount: values[2], timeCount: values[3], typeCount: values[4],
            charCount: values[5])
    }

    /// The footer `\n<POSIX TZ>\n`: the standard offset when the rule has no daylight part.
    private func footerOffset(after offset: Int) -> Int32? {
        guard offset < bytes.count, bytes[offset] == 0x0A else { return nil }
        guard let end = bytes[(offset + 1)...].firstIndex(of: 0x0A) else { return nil }
        let rule = String(decoding: bytes[(offset + 1)..<end], as: UTF8.self)
        return PosixZoneRule.fixedOffset(rule)
    }

    private func int32(at offset: Int) -> Int32 {
        Int32(bitPattern: UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3]))
    }

    private func int64(at offset: Int) -> Int64 {
        Int64(bitPattern: UInt64(UInt32(bitPattern: int32(at: offset))) << 32 | UInt64(UInt32(bitPattern: int32(at: offset + 4))))
    }
}

/// The part of a POSIX TZ rule a fixed-offset zone needs: `<+07>-7`, `UTC0`, `IST-5:30`.
enum PosixZoneRule {
    /// Seconds east of UTC, or nil when the rule has a daylight saving part or cannot be read.
    static func fixedOffset(_ rule: String) -> Int32? {
        var rest = Substring(rule)
        if rest.hasPrefix("<") {
            guard let close = rest.firstIndex(of: ">") else { return nil }
            rest = rest[rest.index(after: close)...]
        } else {
            rest = rest.drop { $0.isLetter }
        }
        var sign: Int32 = 1
        if rest.first == "+" || rest.first == "-" {
            sign = rest.first == "-" ? -1 : 1
            rest = rest.dropFirst()
        }
        let clock = rest.prefix { $0.isNumber || $0 == ":" }
        guard !clock.isEmpty, clock.count == rest.count else { return nil }  // anything after: DST
        let parts = clock.split(separator: ":").map { Int32($0) ?? 0 }
        let seconds = (parts.first ?? 0) * 3600 + (parts.count > 1 ? parts[1] * 60 : 0) + (parts.count > 2 ? parts[2] : 0)
        return -sign * seconds  // POSIX offsets are west of UTC
    }
}
