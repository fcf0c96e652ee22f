/// The connectivity part of the daily `summary` record.
///
/// The caller chooses the day: it passes that day's `health` samples and the outages that
/// ended that day (an outage is counted once, on the day it ended, whole).
public struct ConnectivitySummary: Codable, Equatable, Sendable {
    /// Share of the day's probe rounds that were online or degraded, 0…1 (weighted by each
    /// sample's `rounds`); 0 when there were no rounds — see `rounds`.
    public var onlineShare: Double
    /// Probe rounds the samples cover: 0 means kioskd did not watch that day at all.
    public var rounds: Int
    public var outages: Int
    /// 0 when there was no outage.
    public var longestOutageMs: Int64
    public var totalOutageMs: Int64

    public init(onlineShare: Double, rounds: Int, outages: Int, longestOutageMs: Int64, totalOutageMs: Int64) {
        self.onlineShare = onlineShare
        self.rounds = rounds
        self.outages = outages
        self.longestOutageMs = longestOutageMs
        self.totalOutageMs = totalOutageMs
    }

    /// Durations are the outages' `durationMs` (the time kioskd watched them).
    public static func of(samples: [HealthSample], outages: [OutageRecord]) -> ConnectivitySummary {
        let rounds = samples.reduce(0) { $0 + $1.rounds }
        let good = samples.reduce(0) { $0 + $1.roundStates.online + $1.roundStates.degraded }
        return ConnectivitySummary(
            onlineShare: rounds > 0 ? (Double(good) / Double(rounds)).rounded(places: 4) : 0, rounds: rounds,
            outages: outages.count, longestOutageMs: outages.map(\.durationMs).max() ?? 0,
            totalOutageMs: outages.reduce(0) { $0 + $1.durationMs })
    }
}
