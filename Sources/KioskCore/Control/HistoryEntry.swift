#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One stored record as the control socket and kioskctl show it: the envelope's fields without
/// device and site, `ts` re-anchored when it can be.
public struct HistoryEntry: Codable, Equatable, Sendable {
    public var seq: UInt64
    public var type: String
    public var ts: String
    public var clock: ClockState
    public var boot: String
    public var data: JSONValue

    /// - Parameter anchor: this boot's synced clock (`ClockAnchor.current()`, read once for a
    ///   whole list), to re-anchor records stamped before the sync.
    /// `data` as the record type it holds; nil when it is not one.
    public func decode<T: Decodable>(_ type: T.Type) -> T? {
        guard let bytes = try? JSON.line(data) else { return nil }
        return try? JSON.decoder().decode(T.self, from: Data(bytes))
    }

    public init(_ record: StoredRecord, anchor: ClockAnchor?) {
        let stamp = record.timestamp(anchor: anchor)
        seq = record.seq
        type = record.type
        ts = KernelClock.rfc3339(milliseconds: stamp.wallMs)
        clock = stamp.clock
        boot = record.boot
        data = (try? JSONDecoder().decode(JSONValue.self, from: Data(record.data))) ?? .null
    }

    /// The history query of a `history` request: `{"type":"event","since_ms":…,"limit":…}`.
    public static func query(from args: [String: JSONValue]) -> HistoryQuery {
        HistoryQuery(
            types: args["type"]?.string.map { [$0] },
            fromWallMs: args["since_ms"]?.number.map { Int64($0) },
            limit: Int(args["limit"]?.number ?? 1000),
            newestFirst: true)
    }
}
