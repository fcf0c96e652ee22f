/// An outage that has not ended yet, as the ledger keeps it on disk.
///
/// Duration bookkeeping: kioskd only counts time it watched. Each kioskd run that sees the
/// outage adds one segment, from the first round it saw the outage (or the outage's start)
/// to the last round it was alive, measured by the monotonic clock of that boot. Segments of
/// earlier runs are summed in `observedMs`; the current one runs from `segmentStartMonoMs`
/// to `lastAliveMonoMs` (both in `lastAliveBoot`). The time between runs — a kioskd restart
/// or a power cut — is not counted; it is reported apart in `unobservedMs`.
public struct OpenOutage: Codable, Equatable, Sendable {
    public var startWallMs: Int64
    public var startMonoMs: Int64
    public var startBoot: String
    public var startClock: ClockState
    /// The layer that failed first: the outage's cause for good, even if others fail later.
    public var cause: HealthLayer
    /// The state and first failing layer of the latest round: what a restarted kioskd resumes.
    public var state: ConnectivityState
    public var latestCause: HealthLayer?
    /// Boots the outage has lasted through (a new boot id whose first round still failed).
    public var reboots: Int
    /// The last round kioskd was known to be alive during the outage (on disk: at most one
    /// heartbeat interval old). A power cut's outage ends here if the next boot is online.
    public var lastAliveWallMs: Int64
    public var lastAliveMonoMs: Int64
    public var lastAliveBoot: String
    public var lastAliveClock: ClockState
    /// Outage time watched by earlier kioskd runs, by their monotonic clocks.
    public var observedMs: Int64
    /// Where the current run's segment began, on `lastAliveBoot`'s monotonic clock.
    public var segmentStartMonoMs: Int64
    /// Time between kioskd runs inside the outage: exact within one boot (monotonic), by the
    /// wall clock across a reboot when both sides were synced, nil once any gap is unknown.
    public var unobservedMs: Int64?

    init(start: ClockReading, cause: HealthLayer, state: ConnectivityState, latestCause: HealthLayer?, alive: ClockReading) {
        startWallMs = start.wallMs
        startMonoMs = start.monoMs
        startBoot = start.boot
        startClock = start.clock
        self.cause = cause
        self.state = state
        self.latestCause = latestCause
        reboots = 0
        lastAliveWallMs = alive.wallMs
        lastAliveMonoMs = alive.monoMs
        lastAliveBoot = alive.boot
        lastAliveClock = alive.clock
        observedMs = 0
        segmentStartMonoMs = start.monoMs
        unobservedMs = 0
    }

    var start: ClockReading { ClockReading(boot: startBoot, monoMs: startMonoMs, wallMs: startWallMs, clock: startClock) }
    var lastAlive: ClockReading {
        ClockReading(boot: lastAliveBoot, monoMs: lastAliveMonoMs, wallMs: lastAliveWallMs, clock: lastAliveClock)
    }

    /// The outage time watched so far, up to the last-alive round.
    public var observedSoFarMs: Int64 { observedMs + max(0, lastAliveMonoMs - segmentStartMonoMs) }

    /// Whether the stored figures can describe a real outage (a damaged file may still parse).
    var isConsistent: Bool {
        observedMs >= 0 && reboots >= 0 && (unobservedMs ?? 0) >= 0 && lastAliveMonoMs >= segmentStartMonoMs
            && state.isOutage && !startBoot.isEmpty && !lastAliveBoot.isEmpty
    }

    mutating func alive(at moment: ClockReading) {
        lastAliveWallMs = moment.wallMs
        lastAliveMonoMs = moment.monoMs
        lastAliveBoot = moment.boot
        lastAliveClock = moment.clock
    }

    /// A new kioskd run has seen the outage again at `first`: closes the previous run's
    /// segment at its last-alive round, accounts for the gap, and opens a segment at `first`.
    mutating func resume(at first: ClockReading) {
        observedMs = observedSoFarMs
        let gap: Int64?
        if first.boot == lastAliveBoot {
            gap = max(0, first.monoMs - lastAliveMonoMs)
        } else {
            reboots += 1
            gap = lastAliveClock.isTrusted && first.clock.isTrusted ? max(0, first.wallMs - lastAliveWallMs) : nil
        }
        unobservedMs = gap.flatMap { gap in unobservedMs.map { $0 + gap } }
        segmentStartMonoMs = first.monoMs
        alive(at: first)
    }

    /// The finished outage, ending at `end`: a round of the current segment's boot, or the
    /// last-alive round (what any other `end` is taken to mean).
    ///
    /// Wall times: see `WallSpan`.
    func closed(at end: ClockReading) -> OutageRecord {
        let end = end.boot == lastAliveBoot ? end : lastAlive
        let duration = observedMs + max(0, end.monoMs - segmentStartMonoMs)
        let span = WallSpan(from: start, to: end)
        return OutageRecord(
            start: KernelClock.rfc3339(milliseconds: span.startWallMs), end: KernelClock.rfc3339(milliseconds: span.endWallMs),
            durationMs: duration, cause: cause, reboots: reboots, startBoot: startBoot, endBoot: end.boot,
            clock: span.clock, unobservedMs: unobservedMs)
    }
}

/// A finished outage: the `data` of an `outage` record.
///
/// `durationMs` is the time kioskd watched the outage (monotonic, see `OpenOutage`);
/// `unobservedMs` is the time kioskd was not running inside it — 0 when it watched
/// throughout, absent when a gap's length is unknown (a reboot without a synced clock on
/// both sides). When both are known their sum is the outage's full length.
public struct OutageRecord: Codable, Equatable, Sendable {
    /// RFC 3339 UTC with milliseconds.
    public var start: String
    public var end: String
    public var durationMs: Int64
    public var cause: HealthLayer
    public var reboots: Int
    public var startBoot: String
    public var endBoot: String
    /// `synced` if both ends were stamped on a synced clock, `corrected` if one was derived
    /// or re-anchored through the monotonic clock, else `unsynced`.
    public var clock: ClockState
    public var unobservedMs: Int64?

    public init(
        start: String, end: String, durationMs: Int64, cause: HealthLayer, reboots: Int, startBoot: String,
        endBoot: String, clock: ClockState, unobservedMs: Int64?
    ) {
        self.start = start
        self.end = end
        self.durationMs = durationMs
        self.cause = cause
        self.reboots = reboots
        self.startBoot = startBoot
        self.endBoot = endBoot
        self.clock = clock
        self.unobservedMs = unobservedMs
    }
}
