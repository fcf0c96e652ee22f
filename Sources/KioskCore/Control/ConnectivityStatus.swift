/// The connectivity part of `status`: the state now, the first failing layer, the latest round.
public struct ConnectivityStatus: Codable, Equatable, Sendable {
    public var state: ConnectivityState
    /// The first failing layer (link → gateway → dns → internet → portal → broker → mqtt).
    public var cause: HealthLayer?
    public var detail: String?
    /// When the outage still open began, RFC 3339 UTC.
    public var outageSince: String?
    /// Probe rounds since kioskd started.
    public var rounds: Int
    /// The measurements of the latest round.
    public var probes: [ProbeMeasurement]

    public init(
        state: ConnectivityState, cause: HealthLayer?, detail: String?, outageSince: String?, rounds: Int,
        probes: [ProbeMeasurement]
    ) {
        self.state = state
        self.cause = cause
        self.detail = detail
        self.outageSince = outageSince
        self.rounds = rounds
        self.probes = probes
    }
}
