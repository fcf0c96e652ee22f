/// The layered verdict of one probe round: what state the uplink is in and which layer is
/// to blame.
///
/// Rules, in this order:
/// - A round without measurements says nothing: `offline` with no cause and the detail
///   "no probe ran" (the tracker and the sample window ignore such rounds).
/// - A measurement fails its layer when `ok` is false; a measurement with `portal == true`
///   fails the `portal` layer whatever its own layer (a portal's DNS answer is a portal, not
///   a DNS fault). A layer fails when any of its probes fails. An `untested` measurement (a
///   probe without permission to run) neither fails nor passes its layer.
/// - The first failing layer in `HealthLayer` order is the cause. If it is `portal` and a
///   probe saw a captive portal, the state is `portal`; any other failing layer — including
///   `portal` when its check merely timed out, and `broker`/`mqtt` while the internet works —
///   makes the state `offline`. A kiosk whose records cannot reach the dashboard is offline
///   for the programme; the cause tells the technician that the internet itself is fine.
/// - When every layer passes, the round is `degraded` if an ok probe lost more than
///   `degradedLoss` of its attempts or its p95 RTT (nearest rank) is above `degradedRttMs`;
///   the cause is then the first layer (in order) with such a probe. Otherwise `online`,
///   with no cause.
/// - `offline` and `portal` verdicts always carry a cause; `detail` names the probe and says
///   what went wrong in the technician's words.
public struct RoundVerdict: Codable, Equatable, Sendable {
    public var state: ConnectivityState
    public var cause: HealthLayer?
    public var detail: String?

    public init(state: ConnectivityState, cause: HealthLayer?, detail: String?) {
        self.state = state
        self.cause = cause
        self.detail = detail
    }

    public static func of(_ round: [ProbeMeasurement], thresholds: HealthThresholds) -> RoundVerdict {
        guard !round.isEmpty else { return RoundVerdict(state: .offline, cause: nil, detail: "no probe ran") }
        for layer in HealthLayer.allCases {
            let failing = round.filter { failedLayer(of: $0) == layer }
            guard let first = failing.first else { continue }
            if layer == .portal, let portal = failing.first(where: \.portal) {
                return RoundVerdict(state: .portal, cause: .portal, detail: describe(portal))
            }
            return RoundVerdict(state: .offline, cause: layer, detail: describe(first))
        }
        for layer in HealthLayer.allCases {
            for probe in round where probe.layer == layer && !probe.isUntested {
                if let why = degradation(of: probe, thresholds: thresholds) {
                    return RoundVerdict(state: .degraded, cause: layer, detail: "\(probe.name): \(why)")
                }
            }
        }
        return RoundVerdict(state: .online, cause: nil, detail: nil)
    }

    /// The layer a measurement fails, or nil when it passes.
    public static func failedLayer(of probe: ProbeMeasurement) -> HealthLayer? {
        if probe.portal { return .portal }
        return probe.ok || probe.isUntested ? nil : probe.layer
    }

    private static func describe(_ probe: ProbeMeasurement) -> String {
        "\(probe.name): \(probe.detail ?? (probe.portal ? "captive portal" : "failed"))"
    }

    /// Why a passing probe makes the round degraded, or nil when it does not.
    private static func degradation(of probe: ProbeMeasurement, thresholds: HealthThresholds) -> String? {
        if probe.sent > 0, probe.loss > thresholds.degradedLoss {
            return "loss \(percent(probe.loss)) above \(percent(thresholds.degradedLoss))"
        }
        if let p95 = NearestRank.percentile(95, of: probe.rttMs), p95 > thresholds.degradedRttMs {
            return "p95 RTT \(Int(p95.rounded())) ms above \(Int(thresholds.degradedRttMs.rounded())) ms"
        }
        return nil
    }

    private static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}
