/// How an LED shows something: steady, or a cycle of lit and dark phases repeated forever.
///
/// A technician reads the pattern, not the brightness, so there are few of them and each one is
/// far from the others: steady, a slow blink (0.5 Hz), a blink (1 Hz), a fast blink (2 Hz), a
/// double blink and a heartbeat. The technician's LED card (`kioskctl led card`) draws each one.
public struct LEDPattern: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The name `status` shows and the LED card uses (`off`, `on`, `fast-blink`, …).
    public let name: String
    /// Lit and dark durations of one cycle in milliseconds, alternating and starting lit.
    /// Empty for a steady pattern.
    public let phasesMs: [Int64]
    /// For a steady pattern: lit or dark. For a cycle: false.
    public let steadyLit: Bool

    init(name: String, phasesMs: [Int64]) {
        precondition(phasesMs.count % 2 == 0 && phasesMs.allSatisfy { $0 > 0 }, "a cycle is pairs of lit and dark phases")
        self.name = name
        self.phasesMs = phasesMs
        steadyLit = false
    }

    private init(steady lit: Bool) {
        name = lit ? "on" : "off"
        phasesMs = []
        steadyLit = lit
    }

    public var description: String { name }

    /// True when the LED never changes under this pattern (nothing to schedule).
    public var isSteady: Bool { phasesMs.isEmpty }

    /// The length of one cycle in milliseconds (0 for a steady pattern).
    public var cycleMs: Int64 { phasesMs.reduce(0, +) }

    public static let off = LEDPattern(steady: false)
    public static let on = LEDPattern(steady: true)
    /// 0.5 Hz: one second lit, one second dark.
    public static let slowBlink = LEDPattern(name: "slow-blink", phasesMs: [1000, 1000])
    /// 1 Hz, half lit.
    public static let blink = LEDPattern(name: "blink", phasesMs: [500, 500])
    /// 2 Hz, half lit.
    public static let fastBlink = LEDPattern(name: "fast-blink", phasesMs: [250, 250])
    /// Two short flashes, then a pause: 1.5 s per cycle.
    public static let doubleBlink = LEDPattern(name: "double-blink", phasesMs: [150, 150, 150, 1050])
    /// The kernel's heartbeat trigger, roughly: a short beat, a second beat, a long rest (1.5 s).
    public static let heartbeat = LEDPattern(name: "heartbeat", phasesMs: [100, 150, 100, 1150])

    /// Every pattern, for the technician table and tests.
    public static let all: [LEDPattern] = [.off, .on, .slowBlink, .blink, .fastBlink, .doubleBlink, .heartbeat]
}

/// Where a pattern stands at an instant: lit or dark, and when it next changes.
///
/// Every edge is computed from the pattern's start time, never from the previous edge, so a
/// late wake-up does not push the following edges later: the blink does not drift.
public struct LEDLevel: Equatable, Sendable {
    public var lit: Bool
    /// The monotonic time (ms) of the next edge; nil for a steady pattern.
    public var nextEdgeMs: Int64?

    public init(lit: Bool, nextEdgeMs: Int64?) {
        self.lit = lit
        self.nextEdgeMs = nextEdgeMs
    }

    /// The level of `pattern`, started at `startMs`, at `nowMs` (all monotonic milliseconds).
    public init(_ pattern: LEDPattern, startMs: Int64, nowMs: Int64) {
        guard !pattern.isSteady else {
            self.lit = pattern.steadyLit
            nextEdgeMs = nil
            return
        }
        let cycle = pattern.cycleMs
        let elapsed = max(0, nowMs - startMs)
        let cycleStart = startMs + (elapsed / cycle) * cycle
        var position = elapsed % cycle
        var edge = cycleStart
        for (index, phase) in pattern.phasesMs.enumerated() {
            edge += phase
            if position < phase {
                self.lit = index % 2 == 0
                nextEdgeMs = edge
                return
            }
            position -= phase
        }
        // Unreachable: position < cycle, the sum of the phases.
        self.lit = true
        nextEdgeMs = cycleStart + cycle
    }
}
