extension Duration {
    /// Whole milliseconds, rounded down: the unit of every timer in kioskd.
    public var inMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
