import KioskCore
import Testing

/// The schedule: where a pattern stands at an instant and when it next changes.
@Suite struct LEDScheduleTests {
    @Test func steadyPatternsNeverChange() {
        #expect(LEDLevel(.on, startMs: 0, nowMs: 123_456) == LEDLevel(lit: true, nextEdgeMs: nil))
        #expect(LEDLevel(.off, startMs: 0, nowMs: 5) == LEDLevel(lit: false, nextEdgeMs: nil))
    }

    @Test func fastBlinkStartsLitAndChangesEvery250ms() {
        let start: Int64 = 10_000
        #expect(LEDLevel(.fastBlink, startMs: start, nowMs: start) == LEDLevel(lit: true, nextEdgeMs: start + 250))
        #expect(LEDLevel(.fastBlink, startMs: start, nowMs: start + 249) == LEDLevel(lit: true, nextEdgeMs: start + 250))
        #expect(LEDLevel(.fastBlink, startMs: start, nowMs: start + 250) == LEDLevel(lit: false, nextEdgeMs: start + 500))
        #expect(LEDLevel(.fastBlink, startMs: start, nowMs: start + 500) == LEDLevel(lit: true, nextEdgeMs: start + 750))
    }

    /// A wake-up 37 ms late still aims the next edge at the schedule, not 37 ms later.
    @Test func aLateWakeUpDoesNotDelayTheFollowingEdges() {
        let start: Int64 = 0
        var now: Int64 = 0
        var edges: [Int64] = []
        for _ in 0..<40 {
            let level = LEDLevel(.fastBlink, startMs: start, nowMs: now)
            edges.append(level.nextEdgeMs!)
            now = level.nextEdgeMs! + 37
        }
        #expect(edges == (1...40).map { Int64($0) * 250 })
    }

    @Test func heartbeatWalksItsFourPhases() {
        let expected: [(Int64, Bool, Int64)] = [
            (0, true, 100), (99, true, 100), (100, false, 250), (250, true, 350), (349, true, 350),
            (350, false, 1500), (1499, false, 1500), (1500, true, 1600), (3000 + 260, true, 3350),
        ]
        for (now, lit, next) in expected {
            #expect(LEDLevel(.heartbeat, startMs: 0, nowMs: now) == LEDLevel(lit: lit, nextEdgeMs: next), "at \(now) ms")
        }
    }

    @Test func doubleBlinkIsTwoFlashesAndAPause() {
        let lit = stride(from: Int64(0), to: 1500, by: 10).map { LEDLevel(.doubleBlink, startMs: 0, nowMs: $0).lit }
        // 15 samples lit, 15 dark, 15 lit, 105 dark.
        #expect(lit == Array(repeating: true, count: 15) + Array(repeating: false, count: 15)
            + Array(repeating: true, count: 15) + Array(repeating: false, count: 105))
    }

    @Test func aTimeBeforeTheStartCountsAsTheStart() {
        #expect(LEDLevel(.blink, startMs: 1000, nowMs: 900) == LEDLevel(lit: true, nextEdgeMs: 1500))
    }

    @Test func everyPatternHasADistinctName() {
        #expect(Set(LEDPattern.all.map(\.name)).count == LEDPattern.all.count)
        #expect(LEDPattern.all.map(\.name) == ["off", "on", "slow-blink", "blink", "fast-blink", "double-blink", "heartbeat"])
    }
}
