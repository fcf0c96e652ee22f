import Testing
import KioskSystem

/// The one Duration → milliseconds conversion (KioskMQTT's `DurationUnits` clamps it at zero).
@Suite struct DurationMathTests {
    @Test func wholeMillisecondsTowardZero() {
        #expect(Duration.milliseconds(1500).inMilliseconds == 1500)
        #expect(Duration.microseconds(2999).inMilliseconds == 2)
        #expect(Duration.milliseconds(-1500).inMilliseconds == -1500)
        #expect(Duration.zero.inMilliseconds == 0)
    }

    @Test func hugeDurationsSaturateInsteadOfTrapping() {
        #expect(Duration.seconds(Int64.max).inMilliseconds == Int64.max)
        #expect(Duration.seconds(Int64.min).inMilliseconds == Int64.min)
        #expect(Duration.seconds(Int64.max / 1000).inMilliseconds == Int64.max / 1000 * 1000)
    }
}
