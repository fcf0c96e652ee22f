/// Collects the rounds of one `publish_interval` and turns them into one `HealthSample`.
///
/// Memory grows with rounds × echoes in a window (a 300 s window at a 30 s interval with
/// three-echo probes holds a few dozen numbers per probe); `take` empties it.
/// Rounds without measurements are ignored, as the tracker ignores them.
public struct HealthSampleWindow: Sendable {
    private var rounds = 0
    private var states = RoundStateCounts()
    private var probes: [Accumulator] = []
    private var index: [String: Int] = [:]
    private var link: LinkInfo?

    public init() {}

    public var isEmpty: Bool { rounds == 0 }

    public mutating func add(_ round: [ProbeMeasurement], verdict: RoundVerdict) {
        guard !round.isEmpty else { return }
        rounds += 1
        states.count(verdict.state)
        for measurement in round {
            if let found = index[measurement.name] {
                probes[found].add(measurement)
            } else {
                index[measurement.name] = probes.count
                probes.append(Accumulator(measurement))
            }
            if let seen = measurement.link { link = seen }
        }
    }

    /// The sample of the rounds added since the last `take`, stamped with the tracker's
    /// `state` and `cause`; the window is empty afterwards.
    public mutating func take(state: ConnectivityState, cause: HealthLayer?) -> HealthSample {
        defer { self = HealthSampleWindow() }
        let dnsTimes = probes.filter { $0.layer == .dns }.flatMap(\.rttMs)
        let share = rounds > 0 ? Double(states.online + states.degraded) / Double(rounds) : 0
        return HealthSample(
            state: state, cause: cause, rounds: rounds, roundStates: states, onlineShare: share.rounded(places: 4),
            probes: probes.map(\.stats), dnsMs: NearestRank.percentile(50, of: dnsTimes)?.rounded(places: 2),
            link: link)
    }

    /// One probe's figures so far.
    private struct Accumulator: Sendable {
        var name, type, target: String
        var layer: HealthLayer
        var rounds = 0
        var failures = 0
        var sent = 0
        var received = 0
        var rttMs: [Double] = []
        var lastDetail: String?

        init(_ first: ProbeMeasurement) {
            name = first.name
            type = first.type
            target = first.target
            layer = first.layer
            add(first)
        }

        mutating func add(_ m: ProbeMeasurement) {
            // A probe reconfigured by a reload keeps its name: show what it is now.
            type = m.type
            target = m.target
            layer = m.layer
            rounds += 1
            if RoundVerdict.failedLayer(of: m) != nil { failures += 1 }
            sent += m.sent
            received += min(m.received, m.sent)
            rttMs += m.rttMs
            lastDetail = m.detail
        }

        var stats: ProbeStats {
            let sorted = rttMs.sorted()
            let loss = sent > 0 ? Double(sent - received) / Double(sent) : nil
            return ProbeStats(
                name: name, type: type, target: target, layer: layer, rounds: rounds, failures: failures, sent: sent,
                received: received, loss: loss?.rounded(places: 4), rttMinMs: sorted.first?.rounded(places: 2),
                rttP50Ms: NearestRank.percentile(50, ofSorted: sorted)?.rounded(places: 2),
                rttP95Ms: NearestRank.percentile(95, ofSorted: sorted)?.rounded(places: 2),
                rttMaxMs: sorted.last?.rounded(places: 2), lastDetail: lastDetail)
        }
    }
}
