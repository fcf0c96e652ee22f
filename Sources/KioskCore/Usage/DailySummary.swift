#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The usage part of the daily `summary`: the sessions that started that local day.
public struct UsageSummary: Codable, Equatable, Sendable {
    public var count: Int
    public var totalMs: Int64
    /// The median session duration (the mean of the two middle ones for an even count).
    public var medianMs: Int64
    public var longestMs: Int64
    /// Time visitors were active (without the idle tails before timeouts).
    public var activeMs: Int64
    /// Sessions by the local hour they started in, 0–23.
    public var perHour: [Int]
    /// Sessions by end reason; every reason is present.
    public var endReasons: [String: Int]
    /// Sessions by label (unlabelled ones are not counted here).
    public var labels: [String: Int]

    public static func of(_ sessions: [SessionRecord], startsMs: [Int64], zone: LocalTimeZone) -> UsageSummary {
        let durations = sessions.map(\.durationMs).sorted()
        var median: Int64 = 0
        if !durations.isEmpty {
            let middle = durations.count / 2
            median = durations.count % 2 == 1 ? durations[middle] : (durations[middle - 1] + durations[middle]) / 2
        }
        var perHour = [Int](repeating: 0, count: 24)
        for start in startsMs { perHour[zone.hour(atUTC: start)] += 1 }
        var reasons = Dictionary(uniqueKeysWithValues: SessionEndReason.allCases.map { ($0.rawValue, 0) })
        var labels: [String: Int] = [:]
        for session in sessions {
            reasons[session.endReason.rawValue, default: 0] += 1
            if let label = session.label { labels[label, default: 0] += 1 }
        }
        return UsageSummary(
            count: sessions.count, totalMs: durations.reduce(0, +), medianMs: median, longestMs: durations.last ?? 0,
            activeMs: sessions.reduce(0) { $0 + $1.activeMs }, perHour: perHour, endReasons: reasons, labels: labels)
    }
}

/// The queue part of the daily `summary`.
public struct QueueSummary: Codable, Equatable, Sendable {
    /// Records waiting to be published when the summary was made.
    public var pendingRecords: UInt64
    /// Records dropped that day (announced by `records-dropped` events of that day).
    public var droppedRecords: UInt64
    /// Records lost since the store was created.
    public var droppedTotal: UInt64
}

/// The `data` of a `summary` record: one local day of the kiosk.
///
/// The day runs from local midnight to local midnight in `timezone`. A session belongs to the
/// day it started; an outage to the day it ended; a health sample to the day it was taken.
/// Times are re-anchored: a session recorded before NTP synced is placed by its true start.
/// `partial` marks a summary of a day not yet over (asked for with `cmd/report` or `report`).
public struct DailySummary: Codable, Equatable, Sendable {
    public var day: LocalDay
    public var timezone: String
    public var start: String
    public var end: String
    public var partial: Bool?
    public var sessions: UsageSummary
    public var connectivity: ConnectivitySummary
    public var queue: QueueSummary

    /// Reads the day's records from `store` and sums them up.
    public static func compute(
        day: LocalDay, zone: LocalTimeZone, store: RecordStore, anchor: ClockAnchor?, partial: Bool = false
    ) throws(StoreError) -> DailySummary {
        let start = zone.start(of: day)
        let end = zone.start(of: day.next)
        func records(_ type: String, slackDays: Int64) throws(StoreError) -> [StoredRecord] {
            try store.records(HistoryQuery(
                types: [type], fromWallMs: start - 86_400_000, toWallMs: end + slackDays * 86_400_000, limit: 1_000_000,
                anyUnsynced: true))
        }
        let decoder = JSON.decoder()
        func inDay(_ ms: Int64) -> Bool { ms >= start && ms < end }

        var sessions: [SessionRecord] = []
        var starts: [Int64] = []
        for record in try records("session", slackDays: 2) {
            guard let session = try? decoder.decode(SessionRecord.self, from: Data(record.data)) else { continue }
            // Stored when it ended: an unsynced start is re-anchored through the record's time.
            let begun: Int64
            if session.clock == .unsynced, record.timestamp(anchor: anchor).clock == .corrected {
                begun = record.timestamp(anchor: anchor).wallMs - session.durationMs
            } else {
                guard let parsed = KernelClock.milliseconds(rfc3339: session.start) else { continue }
                begun = parsed
            }
            if inDay(begun) {
                sessions.append(session)
                starts.append(begun)
            }
        }
        var samples: [HealthSample] = []
        for record in try records("health", slackDays: 1) where inDay(record.timestamp(anchor: anchor).wallMs) {
            if let sample = try? decoder.decode(HealthSample.self, from: Data(record.data)) { samples.append(sample) }
        }
        var outages: [OutageRecord] = []
        for record in try records("outage", slackDays: 1) {
            guard let outage = try? decoder.decode(OutageRecord.self, from: Data(record.data)),
                  let ended = KernelClock.milliseconds(rfc3339: outage.end), inDay(ended)
            else { continue }
            outages.append(outage)
        }
        var dropped: UInt64 = 0
        for record in try records("event", slackDays: 1) where inDay(record.timestamp(anchor: anchor).wallMs) {
            guard let event = try? decoder.decode(DropEventFigures.self, from: Data(record.data)),
                  event.kind == "records-dropped"
            else { continue }
            dropped += event.count ?? 0
        }
        let stats = try store.stats()
        return DailySummary(
            day: day, timezone: zone.name, start: KernelClock.rfc3339(milliseconds: start),
            end: KernelClock.rfc3339(milliseconds: end), partial: partial ? true : nil,
            sessions: UsageSummary.of(sessions, startsMs: starts, zone: zone),
            connectivity: ConnectivitySummary.of(samples: samples, outages: outages),
            queue: QueueSummary(pendingRecords: stats.pendingRecords, droppedRecords: dropped, droppedTotal: stats.lostRecords))
    }

    /// The figures of a `records-dropped` event that a summary counts.
    private struct DropEventFigures: Decodable {
        var kind: String
        var count: UInt64?
    }
}
