/// One `health` record's `data`: the connectivity of one `publish_interval`.
///
/// `state` and `cause` are the tracker's (after hysteresis) when the sample was taken — what
/// the kiosk believed at the end of the window, the same as `status` showed then. How the
/// window went is in `roundStates` and `onlineShare`, counted from each round's own verdict.
/// Figures are rounded for the wire (times to 0.01 ms, shares to 0.0001): a kiosk on a
/// metered plan sends one of these every few minutes for years.
public struct HealthSample: Codable, Equatable, Sendable {
    public var state: ConnectivityState
    /// The first failing layer when `state` was decided; nil when online.
    public var cause: HealthLayer?
    /// Probe rounds in the window.
    public var rounds: Int
    /// Rounds by their own verdict.
    public var roundStates: RoundStateCounts
    /// Share of rounds whose verdict was online or degraded (the uplink worked, if slowly), 0…1.
    public var onlineShare: Double
    /// One entry per probe, in the order the probes first appeared in the window.
    public var probes: [ProbeStats]
    /// Median (nearest rank) of every answer time of the window's DNS-layer probes.
    public var dnsMs: Double?
    /// The latest link state seen in the window.
    public var link: LinkInfo?

    public init(
        state: ConnectivityState, cause: HealthLayer?, rounds: Int, roundStates: RoundStateCounts, onlineShare: Double,
        probes: [ProbeStats], dnsMs: Double?, link: LinkInfo?
    ) {
        self.state = state
        self.cause = cause
        self.rounds = rounds
        self.roundStates = roundStates
        self.onlineShare = onlineShare
        self.probes = probes
        self.dnsMs = dnsMs
        self.link = link
    }
}

/// How many rounds of a window had each verdict.
public struct RoundStateCounts: Codable, Equatable, Sendable {
    public var online = 0
    public var degraded = 0
    public var portal = 0
    public var offline = 0

    public init(online: Int = 0, degraded: Int = 0, portal: Int = 0, offline: Int = 0) {
        self.online = online
        self.degraded = degraded
        self.portal = portal
        self.offline = offline
    }

    public var total: Int { online + degraded + portal + offline }

    mutating func count(_ state: ConnectivityState) {
        switch state {
        case .online: online += 1
        case .degraded: degraded += 1
        case .portal: portal += 1
        case .offline: offline += 1
        }
    }
}

/// One probe over a window: attempts, answers and answer times, summed over its rounds.
public struct ProbeStats: Codable, Equatable, Sendable {
    public var name: String
    public var type: String
    public var target: String
    public var layer: HealthLayer
    /// Rounds the probe ran in, and how many of them it failed (`ok == false` or a portal).
    public var rounds: Int
    public var failures: Int
    public var sent: Int
    public var received: Int
    /// (sent − received) / sent, 0…1; nil when nothing was sent (a link probe).
    public var loss: Double?
    /// Answer times: min, p50 and p95 by nearest rank, max; nil when there was no answer.
    public var rttMinMs: Double?
    public var rttP50Ms: Double?
    public var rttP95Ms: Double?
    public var rttMaxMs: Double?
    /// The detail of the probe's latest measurement in the window (nil when it had none).
    public var lastDetail: String?

    public init(
        name: String, type: String, target: String, layer: HealthLayer, rounds: Int, failures: Int, sent: Int,
        received: Int, loss: Double?, rttMinMs: Double?, rttP50Ms: Double?, rttP95Ms: Double?, rttMaxMs: Double?,
        lastDetail: String?
    ) {
        self.name = name
        self.type = type
        self.target = target
        self.layer = layer
        self.rounds = rounds
        self.failures = failures
        self.sent = sent
        self.received = received
        self.loss = loss
        self.rttMinMs = rttMinMs
        self.rttP50Ms = rttP50Ms
        self.rttP95Ms = rttP95Ms
        self.rttMaxMs = rttMaxMs
        self.lastDetail = lastDetail
    }
}

extension Double {
    /// This value rounded to `places` decimals: what the samples publish.
    func rounded(places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (self * scale).rounded() / scale
    }
}
