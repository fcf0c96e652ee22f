/// Why a session ended.
public enum SessionEndReason: String, Codable, Sendable, CaseIterable {
    /// The kiosk UI said so (`session end`, or a new `session start`).
    case user
    /// No activity for `[sessions] idle_timeout`.
    case idle
    /// kioskd stopped cleanly during the session.
    case shutdown
    /// kioskd was killed or the power failed: closed at the next start, at the last moment
    /// kioskd was known to be alive.
    case interrupted
}

/// What told kioskd about the visitor.
public enum SessionSource: String, Codable, Sendable {
    /// The kiosk UI, through `kioskctl session …` or the control socket.
    case ui
    /// Linux input devices (`[sessions] input`): a key, touch or pointer event, nothing kept.
    case input
}

/// A finished session: the `data` of a `session` record.
///
/// Nothing in it can name a visitor: times, durations, why it ended, where the signal came
/// from and, optionally, a category from `[sessions] labels`.
///
/// Durations are monotonic: `durationMs` from start to end, `activeMs` from start to the last
/// activity, `idleMs` the tail after it (the idle timeout for an `idle` end). `id` is unique
/// per device (boot and start), so a consumer — and kioskd after a power cut — can tell the
/// same session apart from another.
public struct SessionRecord: Codable, Equatable, Sendable {
    public var id: String
    public var start: String
    public var end: String
    public var durationMs: Int64
    public var activeMs: Int64
    public var idleMs: Int64
    public var endReason: SessionEndReason
    public var label: String?
    public var source: SessionSource
    public var startBoot: String
    public var endBoot: String
    /// How far to trust `start` and `end`: see `WallSpan`.
    public var clock: ClockState

    public init(
        id: String, start: String, end: String, durationMs: Int64, activeMs: Int64, idleMs: Int64,
        endReason: SessionEndReason, label: String?, source: SessionSource, startBoot: String, endBoot: String,
        clock: ClockState
    ) {
        self.id = id
        self.start = start
        self.end = end
        self.durationMs = durationMs
        self.activeMs = activeMs
        self.idleMs = idleMs
        self.endReason = endReason
        self.label = label
        self.source = source
        self.startBoot = startBoot
        self.endBoot = endBoot
        self.clock = clock
    }
}

/// The session going on, as the journal keeps it.
public struct OpenSession: Codable, Equatable, Sendable {
    public var id: String
    public var start: ClockReading
    public var lastActivity: ClockReading
    /// The last moment kioskd was known to be alive during the session (on disk: at most one
    /// heartbeat old): where an interrupted session ends.
    public var lastAlive: ClockReading
    public var label: String?
    public var source: SessionSource

    init(start: ClockReading, label: String?, source: SessionSource) {
        id = "\(start.boot.prefix(8))-\(start.monoMs)"
        self.start = start
        lastActivity = start
        lastAlive = start
        self.label = label
        self.source = source
    }

    /// Time since the start, by the monotonic clock, at `now` (same boot).
    public func elapsedMs(at now: ClockReading) -> Int64 { max(0, now.monoMs - start.monoMs) }

    /// The finished session, ending at `end` (a reading of the session's boot).
    func closed(at end: ClockReading, reason: SessionEndReason) -> SessionRecord {
        let end = end.boot == start.boot && end.monoMs >= start.monoMs ? end : lastAlive
        let lastActive = min(max(lastActivity.monoMs, start.monoMs), end.monoMs)
        let span = WallSpan(from: start, to: end)
        return SessionRecord(
            id: id, start: KernelClock.rfc3339(milliseconds: span.startWallMs),
            end: KernelClock.rfc3339(milliseconds: span.endWallMs), durationMs: end.monoMs - start.monoMs,
            activeMs: lastActive - start.monoMs, idleMs: end.monoMs - lastActive, endReason: reason, label: label,
            source: source, startBoot: start.boot, endBoot: end.boot, clock: span.clock)
    }
}
