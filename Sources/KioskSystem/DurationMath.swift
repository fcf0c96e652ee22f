extension Duration {
    /// Whole milliseconds, rounded toward zero: the unit of every timer in kioskd.
    /// Durations past `Int64`'s milliseconds (about 292 million years) saturate rather than trap.
    public var inMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        if overflow { return seconds < 0 ? Int64.min : Int64.max }
        let (sum, past) = product.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
        return past ? (product < 0 ? Int64.min : Int64.max) : sum
    }
}

extension ContinuousClock.Instant {
    /// The time left until this instant as a poll(2) timeout: whole milliseconds rounded up, so
    /// poll never wakes just short of it and spins; 0 once it has passed.
    public var pollMillisecondsLeft: Int32 {
        let left = self - .now
        if left <= .zero { return 0 }
        return Int32(clamping: (left + .nanoseconds(999_999)).inMilliseconds)
    }
}
