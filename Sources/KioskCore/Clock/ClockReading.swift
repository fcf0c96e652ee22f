/// One instant as kioskd reads it: which boot, time since boot, wall time and whether the
/// wall time could be trusted then. Durations come from the monotonic clock, which only means
/// something within its boot; wall times only once the clock is synced.
public struct ClockReading: Codable, Equatable, Sendable {
    public var boot: String
    public var monoMs: Int64
    public var wallMs: Int64
    public var clock: ClockState

    public init(boot: String, monoMs: Int64, wallMs: Int64, clock: ClockState) {
        self.boot = boot
        self.monoMs = monoMs
        self.wallMs = wallMs
        self.clock = clock
    }

    /// The kernel's clocks now.
    public static func now() -> ClockReading {
        ClockReading(
            boot: KernelClock.bootID, monoMs: KernelClock.monotonicMilliseconds(),
            wallMs: KernelClock.wallMilliseconds(), clock: KernelClock.state())
    }
}

extension ClockState {
    /// Synced, or re-anchored on a synced clock: a wall time to compute with.
    var isTrusted: Bool { self != .unsynced }
}

/// The wall times to publish for something that ran from `start` to `end` (an outage, a
/// session), and how far to trust them.
///
/// When both ends were stamped on a trusted clock they are used as they are (`clock` is
/// `synced` when both were synced, else `corrected`). When only one was and both are in the
/// same boot, the other is derived through the monotonic clock (`corrected`): a session that
/// began before NTP synced still gets its true start. Otherwise they are kept as stamped,
/// with `clock` `unsynced`.
public struct WallSpan: Equatable, Sendable {
    public var startWallMs: Int64
    public var endWallMs: Int64
    public var clock: ClockState

    public init(from start: ClockReading, to end: ClockReading) {
        startWallMs = start.wallMs
        endWallMs = end.wallMs
        if start.clock.isTrusted && end.clock.isTrusted {
            clock = start.clock == .synced && end.clock == .synced ? .synced : .corrected
        } else if start.boot == end.boot && end.clock.isTrusted {
            startWallMs = end.wallMs - (end.monoMs - start.monoMs)
            clock = .corrected
        } else if start.boot == end.boot && start.clock.isTrusted {
            endWallMs = start.wallMs + (end.monoMs - start.monoMs)
            clock = .corrected
        } else {
            clock = .unsynced
        }
    }
}
