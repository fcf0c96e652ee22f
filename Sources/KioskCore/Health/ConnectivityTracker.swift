/// What a round changed, for the daemon to log and publish.
public enum ConnectivityChange: Equatable, Sendable {
    /// The state changed (after hysteresis); `cause` is the new first failing layer.
    case stateChanged(from: ConnectivityState, to: ConnectivityState, cause: HealthLayer?)
    /// An outage was confirmed; it started at its first failing round.
    case outageStarted(OpenOutage)
    /// An outage ended: the `data` of the `outage` record to publish.
    case outageEnded(OutageRecord)
}

/// Turns rounds into a state the dashboard can trust, and keeps the outage ledger.
///
/// Hysteresis (rounds, see `HealthThresholds`):
/// - An outage starts after `downRounds` consecutive outage rounds (offline or portal). Its
///   start is the first of those rounds and its cause that round's cause, kept for good;
///   `state` and `cause` follow the latest round while it lasts (offline ↔ portal switch at once).
/// - It ends after `upRounds` consecutive good rounds (online or degraded), at the first of
///   them; the state becomes that of the latest round.
/// - Outside an outage, `online` becomes `degraded` after `downRounds` degraded rounds and
///   returns after `upRounds` online rounds. A cause change alone is not a state change: it
///   updates `cause` without a `stateChanged`.
/// - A round with no measurements is ignored.
///
/// Restarts and power cuts: an outage found in the ledger makes the tracker start in the
/// outage's state. If this run's first round is good (and the good streak completes), the
/// outage ends at the previous run's last-alive round — what happened while kioskd was down
/// is unknown, and the last thing known is that the outage was still on. If instead a bad
/// round comes first, the outage continues as the same outage (`reboots + 1` if the boot id
/// changed) without waiting for `downRounds`; its duration counts only the time kioskd
/// watched (see `OpenOutage`).
///
/// Not Sendable: the daemon's health thread owns it and its ledger.
public final class ConnectivityTracker {
    /// May be replaced between rounds (a configuration reload); streaks carry over.
    public var thresholds: HealthThresholds
    public let ledger: OutageLedger
    public private(set) var state: ConnectivityState
    /// The first failing layer now (for `degraded`, the first layer over a threshold).
    public private(set) var cause: HealthLayer?
    /// The verdict of the latest round, before hysteresis.
    public private(set) var lastVerdict: RoundVerdict?

    private var badStreak = 0
    private var badStart: (moment: ClockReading, cause: HealthLayer)?
    private var goodStreak = 0
    /// Where the open outage ends if the good streak completes; nil: at the last-alive round.
    private var goodStart: ClockReading?
    /// online ↔ degraded: the state waiting to be believed, and for how many rounds it has held.
    private var pending: (state: ConnectivityState, rounds: Int)?
    /// An outage from the ledger that this run has not yet seen again, and this run's first
    /// round (where its new segment starts if it turns out to continue).
    private var awaitingFirstRound: Bool
    private var restartRound: ClockReading?

    public init(thresholds: HealthThresholds, ledger: OutageLedger) {
        self.thresholds = thresholds
        self.ledger = ledger
        if let open = ledger.open {
            state = open.state
            cause = open.latestCause ?? open.cause
            awaitingFirstRound = true
        } else {
            state = .online
            cause = nil
            awaitingFirstRound = false
        }
    }

    /// Feeds one round measured at `monoMs`/`wallMs` (read once per round, on `boot`, with the
    /// clock then `clock`); returns what changed, state change first.
    public func observe(
        _ round: [ProbeMeasurement], monoMs: Int64, wallMs: Int64, clock: ClockState, boot: String
    ) -> [ConnectivityChange] {
        guard !round.isEmpty else { return [] }
        let verdict = RoundVerdict.of(round, thresholds: thresholds)
        lastVerdict = verdict
        let now = ClockReading(boot: boot, monoMs: monoMs, wallMs: wallMs, clock: clock)
        if awaitingFirstRound {
            awaitingFirstRound = false
            restartRound = now
        }
        return verdict.state.isOutage ? observeOutageRound(verdict, at: now) : observeGoodRound(verdict, at: now)
    }

    private func observeOutageRound(_ verdict: RoundVerdict, at now: ClockReading) -> [ConnectivityChange] {
        goodStreak = 0
        goodStart = nil
        pending = nil
        if badStreak == 0 { badStart = (now, verdict.cause ?? .internet) }
        badStreak += 1
        if ledger.open != nil {
            if let first = restartRound {
                ledger.resume(at: first)
                restartRound = nil
            }
            ledger.heartbeat(at: now)
            ledger.note(state: verdict.state, cause: verdict.cause)
            return move(to: verdict)
        }
        guard badStreak >= max(1, thresholds.downRounds), let badStart else { return [] }
        let outage = OpenOutage(
            start: badStart.moment, cause: badStart.cause, state: verdict.state, latestCause: verdict.cause, alive: now)
        ledger.begin(outage)
        return move(to: verdict) + [.outageStarted(outage)]
    }

    private func observeGoodRound(_ verdict: RoundVerdict, at now: ClockReading) -> [ConnectivityChange] {
        badStreak = 0
        badStart = nil
        guard ledger.open != nil else { return settle(verdict) }
        if goodStreak == 0 { goodStart = restartRound == nil ? now : nil }
        goodStreak += 1
        guard goodStreak >= max(1, thresholds.upRounds) else {
            ledger.heartbeat(at: now)
            return []
        }
        let ended = ledger.end(at: goodStart)
        goodStreak = 0
        goodStart = nil
        restartRound = nil
        pending = nil
        return move(to: verdict) + (ended.map { [.outageEnded($0)] } ?? [])
    }

    /// online ↔ degraded, outside an outage.
    private func settle(_ verdict: RoundVerdict) -> [ConnectivityChange] {
        guard verdict.state != state else {
            pending = nil
            cause = verdict.cause
            return []
        }
        var rounds = 1
        if let pending, pending.state == verdict.state { rounds = pending.rounds + 1 }
        let needed = verdict.state == .degraded ? thresholds.downRounds : thresholds.upRounds
        guard rounds >= max(1, needed) else {
            pending = (verdict.state, rounds)
            return []
        }
        pending = nil
        return move(to: verdict)
    }

    private func move(to verdict: RoundVerdict) -> [ConnectivityChange] {
        let from = state
        state = verdict.state
        cause = verdict.cause
        return from == state ? [] : [.stateChanged(from: from, to: state, cause: cause)]
    }
}
