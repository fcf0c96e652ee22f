extension HealthThresholds {
    /// The thresholds of `[health]`: `down_rounds`, `up_rounds`, `degraded_loss_percent`, `degraded_rtt`.
    public init(_ health: Config.Health) {
        self.init(
            downRounds: health.downRounds, upRounds: health.upRounds,
            degradedLoss: Double(health.degradedLossPercent) / 100,
            degradedRttMs: Double(health.degradedRtt.inMilliseconds))
    }
}
