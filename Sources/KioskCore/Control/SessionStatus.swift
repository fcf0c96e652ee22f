/// The session going on, as `status` and the `session` commands show it.
public struct SessionStatus: Codable, Equatable, Sendable {
    public var id: String
    public var start: String
    public var elapsedMs: Int64
    /// Since the last activity: the session ends `idle` when this reaches `idleTimeoutMs`.
    public var idleMs: Int64
    public var idleTimeoutMs: Int64
    public var label: String?
    public var source: SessionSource

    public init(_ session: OpenSession, now: ClockReading, idleTimeout: Duration) {
        id = session.id
        start = KernelClock.rfc3339(milliseconds: WallSpan(from: session.start, to: now).startWallMs)
        elapsedMs = session.elapsedMs(at: now)
        idleMs = max(0, now.monoMs - session.lastActivity.monoMs)
        idleTimeoutMs = idleTimeout.inMilliseconds
        label = session.label
        source = session.source
    }
}

/// The answer to `session-start`, `session-activity` and `session-end`.
public struct SessionReply: Codable, Equatable, Sendable {
    /// The session going on after the request; nil when none is.
    public var session: SessionStatus?
    /// The session the request ended, if it ended one.
    public var ended: SessionRecord?

    public init(session: SessionStatus?, ended: SessionRecord?) {
        self.session = session
        self.ended = ended
    }
}
