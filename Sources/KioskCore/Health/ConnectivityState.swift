/// What the kiosk's uplink is like, as the dashboard and the technician see it.
///
/// `portal` and `offline` are outages (the kiosk cannot reach the internet or the broker);
/// `online` and `degraded` are not (the uplink works, `degraded` only slowly or lossily).
public enum ConnectivityState: String, Codable, Sendable, CaseIterable {
    case online, degraded, portal, offline

    /// Whether this state is an outage: what the ledger records and the summary counts.
    public var isOutage: Bool { self == .portal || self == .offline }
}

/// When a round counts as degraded, and how many rounds a change needs before it is believed.
///
/// Hysteresis is counted in rounds, not seconds, so it follows `[health] interval`: with the
/// defaults an outage is declared on the second failing round (within 2 probe intervals; one
/// lost echo is not an outage) and its end on the first good round (within 1 interval).
public struct HealthThresholds: Equatable, Sendable {
    /// Consecutive outage rounds (offline or portal) before an outage starts; also the
    /// consecutive degraded rounds before `online` becomes `degraded`. At least 1.
    public var downRounds: Int
    /// Consecutive good rounds (online or degraded) before an outage ends; also the
    /// consecutive online rounds before `degraded` becomes `online`. At least 1.
    public var upRounds: Int
    /// A probe that lost more than this share of its attempts (0…1), but not all of them,
    /// makes the round degraded.
    public var degradedLoss: Double
    /// A probe whose p95 round-trip time (nearest rank) is above this makes the round degraded.
    public var degradedRttMs: Double

    /// Values below 1 round are raised to 1.
    public init(downRounds: Int = 2, upRounds: Int = 1, degradedLoss: Double = 0.2, degradedRttMs: Double = 1000) {
        self.downRounds = max(1, downRounds)
        self.upRounds = max(1, upRounds)
        self.degradedLoss = degradedLoss
        self.degradedRttMs = degradedRttMs
    }
}
