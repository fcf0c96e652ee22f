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

