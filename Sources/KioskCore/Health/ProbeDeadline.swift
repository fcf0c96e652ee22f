/// The moment a probe must give up, by the monotonic clock.
///
/// Every wait inside a probe (poll, a resolver thread, the gap between echoes) is bounded by
/// one deadline, so a probe returns within its timeout however the network misbehaves, and a
/// wall-clock jump (NTP correcting a kiosk that booted in 1970) changes nothing.
struct ProbeDeadline: Sendable {
    let timeout: Duration
    let start: ContinuousClock.Instant
    let end: ContinuousClock.Instant

    init(timeout: Duration, from start: ContinuousClock.Instant = .now) {
        self.timeout = max(timeout, .zero)
        self.start = start
        self.end = start + self.timeout
    }

    var remaining: Duration { max(end - .now, .zero) }
    var expired: Bool { ContinuousClock.now >= end }

    /// What is left, in whole milliseconds rounded up.
    var pollMilliseconds: Int32 { end.pollMillisecondsLeft }

    /// Milliseconds since `start`, with fractions: the unit of `ProbeMeasurement` times.
    var elapsedMs: Double { Self.milliseconds(.now - start) }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    /// The shorter of the round's timeout and the probe's own.
    static func effective(_ round: Duration, own: Duration?) -> Duration {
        guard let own, own > .zero else { return round }
        return min(round, own)
    }
}

/// Why a probe's attempt failed, in the words that end up in `ProbeMeasurement.detail`.
/// Internal: it only carries words from deep inside a probe up to the probe's `measure`,
/// which turns it into a measurement.
struct ProbeFailure: Error, Equatable, Sendable, CustomStringConvertible {
    var detail: String
    /// The probe cannot run here at all (a missing permission), as opposed to failing.
    var untestable = false
    init(_ detail: String, untestable: Bool = false) {
        self.detail = detail
        self.untestable = untestable
    }
    var description: String { detail }

    static func timedOut(after timeout: Duration) -> ProbeFailure {
        ProbeFailure("timed out after \(ConfigValue.format(timeout))")
    }

    /// The C library's words for `errno`, starting lower case as the rest of a detail does:
    /// "connection refused", "network is unreachable".
    static func system(_ errno: Errno, _ context: String? = nil) -> ProbeFailure {
        let words = Self.lowercasedFirst(errno.description)
        return ProbeFailure(context.map { "\($0): \(words)" } ?? words)
    }

    static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
