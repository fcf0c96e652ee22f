/// Percentiles by the nearest-rank method, the one definition used for every RTT figure.
///
/// The p-th percentile of n values sorted ascending is the value at 1-based rank ⌈p·n/100⌉
/// (at least 1): always one of the measured values, never an interpolation, so a p95 of
/// three echoes is the slowest echo and a p50 of four is the second. The rank is computed
/// in integers, so no floating-point rounding can move it.
public enum NearestRank {
    /// The `percent`-th percentile (1…100) of `sorted`, which must be ascending; nil when empty.
    public static func percentile(_ percent: Int, ofSorted sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let p = min(max(percent, 0), 100)
        let rank = max(1, (p * sorted.count + 99) / 100)
        return sorted[rank - 1]
    }

    /// The `percent`-th percentile of `values` in any order; nil when empty.
    public static func percentile(_ percent: Int, of values: [Double]) -> Double? {
        percentile(percent, ofSorted: values.sorted())
    }
}
