#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KioskCore

/// One message from the provincial broker, read as a kiosk.v1 envelope (config/schema/kiosk.v1).
///
/// Only what a fleet view needs is typed; `data` stays a JSON value so that keys and record
/// types added within kiosk.v1 pass through without breaking anything.
public struct FleetRecord: Decodable, Sendable, Equatable {
    public var schema: String
    public var device: String
    public var site: String
    public var type: String
    public var seq: UInt64
    public var boot: String
    public var ts: String
    public var clock: String
    public var data: [String: JSONValue]

    /// The envelope in `payload`, or nil when it is not a kiosk.v1 record (a command, a
    /// stranger's message, a newer major version): a consumer skips those.
    public static func decode(_ payload: [UInt8]) -> FleetRecord? {
        guard let record = try? JSON.decoder().decode(FleetRecord.self, from: Data(payload)),
            record.schema == "kiosk.v1"
        else { return nil }
        return record
    }

    /// Presence messages are not stored records: their seq is not part of the gap-free sequence.
    public var isPresence: Bool { type == "status" }

    public func string(_ key: String) -> String? { data[key]?.string }
}

/// Milliseconds since the epoch of an RFC 3339 UTC time as kioskd writes it
/// (`2026-11-25T12:40:01.123Z`); nil for anything else.
public func fleetMilliseconds(_ text: String) -> Int64? {
    let bytes = Array(text.utf8)
    guard bytes.count == 24, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58, bytes[16] == 58,
        bytes[19] == 46, bytes[23] == 90
    else { return nil }
    func number(_ range: Range<Int>) -> Int64? {
        var value: Int64 = 0
        for index in range {
            let digit = Int64(bytes[index]) - 48
            guard digit >= 0 && digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
        let minute = number(14..<16), let second = number(17..<19), let milli = number(20..<23)
    else { return nil }
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    let days = era * 146_097 + doe - 719_468
    return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + milli
}
