import KioskCore

/// Conversions between `Duration` and the integers that MQTT and poll(2) speak.
///
/// Kept as static functions rather than `Duration` extensions so that they never collide with
/// helpers another module of the package adds to `Duration`.
enum DurationUnits {
    /// `500ms`, `30s`: the configuration file's own notation, for logs and descriptions.
    static func of(_ duration: Duration) -> String {
        let ms = milliseconds(duration)
        return ms % 1000 == 0 ? "\(ms / 1000)s" : "\(ms)ms"
    }

    /// Whole milliseconds (`Duration.inMilliseconds`), with negative durations as zero: a
    /// timeout or a wait.
    static func milliseconds(_ duration: Duration) -> Int64 {
        max(0, duration.inMilliseconds)
    }

    /// Whole seconds, rounded up, clamped to `range`: for MQTT's second-granular fields.
    static func seconds(_ duration: Duration, roundedUpIn range: ClosedRange<Int64>) -> Int64 {
        let (quotient, remainder) = milliseconds(duration).quotientAndRemainder(dividingBy: 1000)
        let whole = remainder > 0 ? quotient + 1 : quotient
        return min(max(whole, range.lowerBound), range.upperBound)
    }
}
