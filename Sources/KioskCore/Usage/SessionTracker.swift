/// The session journal on disk: the session going on, and ended sessions whose `session`
/// record the daemon has not yet confirmed durable in the record store.
struct SessionJournal: Codable, Equatable {
    var format = 1
    var open: OpenSession?
    var ended: [SessionRecord] = []
}

/// Sessions: started by the kiosk UI or by the first activity after idle, ended by the UI,
/// by `idle_timeout`, or by a stop — and never lost to a kill -9 or a power cut.
///
/// Guarantees:
/// - A session that started is in the journal (`sessions.json`, replaced atomically) by the
///   next `flush`, which the daemon runs right after answering the request; its last-alive
///   time is rewritten at most every `heartbeatMs` while it lasts, so the SD card sees a small
///   write every 10 s only while a visitor is at the kiosk.
/// - A session found open in the journal at start (kioskd was killed or the power failed) is
///   closed `interrupted` at its last-alive time, not at the restart.
/// - An ended session stays in the journal (`ended`) until `confirm(id)` says its record is
///   durable in the store; at start those are handed over again (`recovered`), for the daemon
///   to store unless the store has them already — none lost, none twice.
///
/// Not Sendable: the daemon's main loop owns it.
public final class SessionTracker {
    public static let heartbeatMs: Int64 = 10_000
    public static let fileName = "sessions.json"
    /// Ended sessions kept while the store cannot take them (a failed SD card); beyond this the
    /// oldest go, counted in `overflowed`, so the journal stays small.
    public static let endedLimit = 1000

    public var idleTimeout: Duration
    /// The categories a session may be labelled with; empty: no labels.
    public var labels: [String]
    public private(set) var open: OpenSession?
    /// Ended sessions waiting for `confirm`, oldest first: the records to store.
    public private(set) var ended: [SessionRecord]
    /// Ids of `ended` sessions that were in the journal at start: an earlier run may have
    /// stored them already.
    public private(set) var recovered: Set<String>
    /// The latest problem with the journal, in a technician's words.
    public private(set) var lastProblem: String?
    /// Ended sessions dropped because `endedLimit` were already waiting.
    public private(set) var overflowed = 0

    private let file: StateFile<SessionJournal>
    private var dirty = false
    private var persistedAliveMs: Int64?

    /// Reads the journal in `directory`; a session left open there is closed `interrupted`.
    public init(directory: String, idleTimeout: Duration, labels: [String]) {
        self.idleTimeout = idleTimeout
        self.labels = labels
        file = StateFile(directory: directory, name: Self.fileName)
        let loaded = file.load()
        lastProblem = loaded.problem
        var journal = loaded.value ?? SessionJournal()
        if journal.format != 1 {
            lastProblem = "\(file.path) has format \(journal.format), which this kioskd does not read; starting empty"
            journal = SessionJournal()
        }
        if let left = journal.open {
            journal.ended.append(left.closed(at: left.lastAlive, reason: .interrupted))
            dirty = true
        }
        ended = journal.ended
        recovered = Set(journal.ended.map(\.id))
    }

    /// Starts a session; a session already going on ends first (reason `user`: a new visitor).
    @discardableResult
    public func start(label: String?, source: SessionSource, at now: ClockReading) throws(InvalidValue) -> OpenSession {
        if let label { try check(label) }
        end(reason: .user, at: now)
        let session = OpenSession(start: now, label: label, source: source)
        open = session
        dirty = true
        return session
    }

    /// A sign of life from the visitor; starts a session when none is going on.
    /// Returns the session started, if one was.
    @discardableResult
    public func activity(source: SessionSource, at now: ClockReading) -> OpenSession? {
        guard var session = open else {
            let session = OpenSession(start: now, label: nil, source: source)
            open = session
            dirty = true
            return session
        }
        session.lastActivity = now
        session.lastAlive = now
        open = session
        return nil
    }

    /// Ends the session going on, at `now`.
    @discardableResult
    public func end(reason: SessionEndReason, at now: ClockReading) -> SessionRecord? {
        guard var session = open else { return nil }
        session.lastAlive = now
        return close(session, at: now, reason: reason)
    }

    /// Ends a session idle for `idleTimeout` (at its last activity plus the timeout) and keeps
    /// the last-alive time; call at least once a second. Returns the session ended, if any.
    @discardableResult
    public func tick(at now: ClockReading) -> SessionRecord? {
        guard var session = open else { return nil }
        let idleEnd = session.lastActivity.monoMs + idleTimeout.inMilliseconds
        if now.boot == session.start.boot && now.monoMs >= idleEnd {
            let end = ClockReading(boot: now.boot, monoMs: idleEnd, wallMs: now.wallMs - (now.monoMs - idleEnd), clock: now.clock)
            return close(session, at: end, reason: .idle)
        }
        session.lastAlive = now
        open = session
        if now.monoMs - (persistedAliveMs ?? session.start.monoMs) >= Self.heartbeatMs { dirty = true }
        return nil
    }

    /// The session `id`'s record is durable in the store: forget it.
    public func confirm(_ id: String) {
        guard let index = ended.firstIndex(where: { $0.id == id }) else { return }
        ended.remove(at: index)
        recovered.remove(id)
        dirty = true
    }

    /// Writes the journal when something changed; the daemon calls it after each request.
    public func flush() {
        guard dirty else { return }
        do throws(StoreError) {
            try file.write(SessionJournal(open: open, ended: ended))
            persistedAliveMs = open?.lastAlive.monoMs
            dirty = false
        } catch {
            lastProblem = "cannot write the session journal: \(error)"
        }
    }

    /// When the main loop must call `tick` next (monotonic ms): the idle end or the heartbeat.
    public var nextDeadline: Int64? {
        guard let session = open else { return nil }
        let idleEnd = session.lastActivity.monoMs + idleTimeout.inMilliseconds
        return min(idleEnd, (persistedAliveMs ?? session.start.monoMs) + Self.heartbeatMs)
    }

    private func close(_ session: OpenSession, at end: ClockReading, reason: SessionEndReason) -> SessionRecord {
        let record = session.closed(at: end, reason: reason)
        open = nil
        ended.append(record)
        if ended.count > Self.endedLimit {
            overflowed += ended.count - Self.endedLimit
            ended.removeFirst(ended.count - Self.endedLimit)
            lastProblem = "\(overflowed) ended session(s) dropped: the record store has not taken any for a long time"
        }
        dirty = true
        return record
    }

    private func check(_ label: String) throws(InvalidValue) {
        guard !labels.isEmpty else {
            throw InvalidValue("labels are not enabled: list the categories in [sessions] labels", reason: ConfigReason("labels-off"))
        }
        guard labels.contains(label) else {
            throw InvalidValue(
                "label \(ConfigValue.quoted(label)) is not one of \(labels.joined(separator: ", ")) ([sessions] labels)",
                reason: ConfigReason("label-unknown", ["label": label, "labels": labels.joined(separator: ", ")]))
        }
    }
}
