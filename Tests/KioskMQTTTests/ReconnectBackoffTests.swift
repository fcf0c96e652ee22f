@testable import KioskMQTT
import Testing

@Suite struct ReconnectBackoffTests {
    @Test func ceilingDoublesFromMinimumUpToMaximum() {
        let backoff = ReconnectBackoff(minimum: .seconds(1), maximum: .seconds(300))
        let ceilings = (0..<12).map { backoff.ceilingMilliseconds(forAttempt: $0) }
        #expect(ceilings == [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000,
                             300_000, 300_000, 300_000])
        #expect(backoff.ceilingMilliseconds(forAttempt: 10_000) == 300_000)
        #expect(backoff.ceilingMilliseconds(forAttempt: Int.max) == 300_000)
    }

    @Test func delaysStayWithinFullJitterBoundsAndFloor() {
        var backoff = ReconnectBackoff(minimum: .milliseconds(500), maximum: .seconds(10))
        var random = SystemRandomNumberGenerator()
        for attempt in 0..<40 {
            let ceiling = backoff.ceilingMilliseconds(forAttempt: attempt)
            let delay = backoff.next(using: &random)
            #expect(delay >= .milliseconds(100))
            #expect(delay <= .milliseconds(max(ceiling, 100)))
            #expect(delay <= .seconds(10))
        }
        #expect(backoff.attempt == 40)
    }

    @Test func drawsCoverTheWholeRange() {
        // Full jitter: over many draws the shortest is near the floor, the longest near the
        // ceiling and the mean near half of it, unlike a fixed or "equal jitter" wait.
        var random = SystemRandomNumberGenerator()
        let draws = (0..<2_000).map { _ in
            var backoff = ReconnectBackoff(minimum: .seconds(8), maximum: .seconds(8))
            return DurationUnits.milliseconds(backoff.next(using: &random))
        }
        #expect(draws.min()! < 400)
        #expect(draws.max()! > 7_600)
        #expect(draws.allSatisfy { $0 >= 100 && $0 <= 8_000 })
        let mean = Double(draws.reduce(0, +)) / Double(draws.count)
        #expect(mean > 3_500 && mean < 4_500, "mean \(mean) ms")
    }

    @Test func resetStartsOver() {
        var backoff = ReconnectBackoff(minimum: .seconds(1), maximum: .seconds(60))
        for _ in 0..<10 { _ = backoff.next() }
        backoff.reset()
        #expect(backoff.attempt == 0)
        #expect(backoff.next() <= .seconds(1))
    }

    @Test func maximumBelowMinimumUsesMinimum() {
        let backoff = ReconnectBackoff(minimum: .seconds(5), maximum: .seconds(1))
        #expect(backoff.ceilingMilliseconds(forAttempt: 3) == 5_000)
    }
}
