/// Full-jitter exponential backoff between connection attempts.
///
/// After the n-th consecutive failure (n from 0) the wait is uniform in
/// `[0, min(maximum, minimum · 2ⁿ)]`, never below `floor`. Full jitter (rather than a fixed
/// doubling) spreads a province's worth of kiosks that lost the broker at the same moment, so
/// they do not all come back in the same second; the floor keeps a refused connection from
/// turning into a hot loop. libmosquitto's own `mosquitto_reconnect_delay_set` has neither.
struct ReconnectBackoff: Equatable, Sendable {
    var minimum: Duration
    var maximum: Duration
    var floor: Duration
    /// Consecutive failures so far: the exponent of the next wait.
    private(set) var attempt = 0

    init(minimum: Duration, maximum: Duration, floor: Duration = .milliseconds(100)) {
        self.minimum = minimum
        self.maximum = maximum
        self.floor = floor
    }

    /// `min(maximum, minimum · 2ⁿ)` in milliseconds, without overflow for any n.
    func ceilingMilliseconds(forAttempt n: Int) -> Int64 {
        let low = DurationUnits.milliseconds(minimum)
        let high = max(low, DurationUnits.milliseconds(maximum))
        var ceiling = low
        for _ in 0..<max(0, n) {
            if ceiling >= high / 2 { return high }
            ceiling *= 2
        }
        return min(ceiling, high)
    }

    /// The wait before the next attempt; counts one more failure.
    mutating func next<Source: RandomNumberGenerator>(using source: inout Source) -> Duration {
        let ceiling = ceilingMilliseconds(forAttempt: attempt)
        if attempt < Int.max { attempt += 1 }
        let drawn = ceiling > 0 ? Int64.random(in: 0...ceiling, using: &source) : 0
        return .milliseconds(max(drawn, DurationUnits.milliseconds(floor)))
    }

    mutating func next() -> Duration {
        var source = SystemRandomNumberGenerator()
        return next(using: &source)
    }

    /// After a successful connection the next failure waits little again.
    mutating func reset() {
        attempt = 0
    }
}
