#if canImport(Glibc)
import Glibc
#endif
import KioskCore
import Synchronization

/// Connectivity health's thread: probes every `[health] interval`, judges each round layer by
/// layer, keeps the outage ledger, and hands `health` and `outage` records to `HealthService`
/// on the main loop, which stores them.
///
/// An ended outage stays in the ledger until `HealthService` confirms its record is durable in
/// the store; at start, outages still there are handed over again as `recovered` (`HealthService`
/// skips those it finds stored already), so a power cut between an outage's end and the next
/// store sync loses no `outage` record and duplicates none.
///
/// Probing blocks (timeouts, name lookups), so it never runs on the main loop; the tracker and
/// the ledger belong to the health thread alone. What others see goes through `Mutex`es.
final class HealthProber: Sendable {
    /// What `status` shows: the state now and the latest round.
    struct Snapshot: Sendable {
        var state: ConnectivityState = .online
        var cause: HealthLayer?
        var detail: String?
        var lastRound: [ProbeMeasurement] = []
        var openOutage: OpenOutage?
        var rounds = 0
    }

    /// A record for `HealthService` to store.
    struct PendingRecord: Sendable {
        var type: String
        var data: [UInt8]
        var periodic: Bool
        /// An outage the ledger keeps until `confirm` says it is durable in the store.
        var outage: OutageRecord?
        /// Found in the ledger at start: an earlier run may have stored it already.
        var recovered = false
    }

    private let snapshot = Mutex(Snapshot())
    private let outbox = Mutex<[PendingRecord]>([])
    /// Outages durable in the store, for the health thread to strike from the ledger.
    private let confirmed = Mutex<[OutageRecord]>([])
    private let stopping = Atomic<Bool>(false)
    /// Ends the sleep between rounds at once (stop, reload).
    private let wake: WakePipe
    /// Signalled when the health thread has finished (ledger flushed).
    private let finished: WakePipe
    private let settings: Mutex<Settings>
    private let brokerMeasurement: @Sendable () -> ProbeMeasurement?
    private let onRound: @Sendable () -> Void
    private let ledgerDirectory: String

    struct Settings: Sendable {
        /// The probes come from this each round: the default set follows the default route
        /// (a DHCP renewal or a 4G dongle coming back changes interface and gateway).
        var config: Config
        var interval: Duration
        var publishInterval: Duration
        var timeout: Duration
        var thresholds: HealthThresholds
    }

    /// - Parameters:
    ///   - brokerMeasurement: the broker connection itself, as the `mqtt` layer.
    ///   - onRound: a round was judged (its records, if any, are waiting in `takeRecords`).
    init(
        config: Config, ledgerDirectory: String, brokerMeasurement: @escaping @Sendable () -> ProbeMeasurement?,
        onRound: @escaping @Sendable () -> Void
    ) throws(Errno) {
        self.onRound = onRound
        self.ledgerDirectory = ledgerDirectory
        self.brokerMeasurement = brokerMeasurement
        settings = Mutex(Self.settings(for: config))
        wake = try WakePipe()
        finished = try WakePipe()
    }

    static func settings(for config: Config) -> Settings {
        let timeouts = config.probes.map(\.timeout)
        return Settings(
            config: config, interval: config.health.interval,
            publishInterval: config.health.publishInterval,
            timeout: timeouts.max() ?? min(.seconds(5), config.health.interval),
            thresholds: HealthThresholds(config.health))
    }

    var current: Snapshot { snapshot.withLock { $0 } }

    /// Records made since the last call, oldest first.
    func takeRecords() -> [PendingRecord] {
        outbox.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
    }

    /// `HealthService` made `record`'s outage durable in the store (or found it there already).
    func confirm(_ record: PendingRecord) {
        guard let outage = record.outage else { return }
        confirmed.withLock { $0.append(outage) }
    }

    func update(config: Config) {
        settings.withLock { $0 = Self.settings(for: config) }
        wake.signal()
    }

    func start() {
        SystemThread.startOrExit("kioskd-health") { [self] in run() }
    }

    /// Stops probing and waits (at most a probe timeout and a second, and not past `deadline`)
    /// for the ledger to be written.
    func stop(by deadline: Int64) {
        stopping.store(true, ordering: .relaxed)
        wake.signal()
        finished.wait(timeout: stopWait(until: deadline, atMost: settings.withLock { $0.timeout } + .seconds(1)))
    }

    private func run() {
        defer { finished.signal() }
        let log = Logger("health")
        let ledger: OutageLedger
        do {
            try FileSystem.makeDirectories(ledgerDirectory, mode: 0o750)
            ledger = try OutageLedger(directory: ledgerDirectory)
        } catch {
            log.error("cannot keep the outage ledger; connectivity is not watched", ["dir": ledgerDirectory, "error": "\(error)"])
            return
        }
        if let problem = ledger.lastProblem {
            log.warning("outage ledger: \(problem)", ["dir": ledgerDirectory, "damaged_files": "\(ledger.damagedFiles)"])
        }
        // The last-alive time is written at most every 30 s; a clean stop writes it now.
        defer {
            strikeConfirmed(from: ledger)
            ledger.flush()
        }
        // Outages that ended in an earlier run whose records may not have reached the store.
        for outage in ledger.unpublished {
            enqueue(type: "outage", outage, periodic: false, outage: outage, recovered: true)
        }
        let tracker = ConnectivityTracker(thresholds: settings.withLock { $0.thresholds }, ledger: ledger)
        var window = HealthSampleWindow()
        var nextSample = KernelClock.monotonicMilliseconds() + settings.withLock { $0.publishInterval.inMilliseconds }
        while !stopping.load(ordering: .relaxed) {
            let now = settings.withLock { $0 }
            let started = KernelClock.monotonicMilliseconds()
            var round = ProbeRunner.run(ProbeSet.make(config: now.config), timeout: now.timeout)
            if let broker = brokerMeasurement() { round.append(broker) }
            tracker.thresholds = now.thresholds  // a reload may have changed them
            let verdict = RoundVerdict.of(round, thresholds: now.thresholds)
            let mono = KernelClock.monotonicMilliseconds()
            strikeConfirmed(from: ledger)
            let changes = tracker.observe(
                round, monoMs: mono, wallMs: KernelClock.wallMilliseconds(), clock: KernelClock.state(), boot: KernelClock.bootID)
            window.add(round, verdict: verdict)
            for change in changes { report(change, log: log) }
            snapshot.withLock {
                $0.state = tracker.state
                $0.cause = tracker.cause
                $0.detail = verdict.detail
                $0.lastRound = round
                $0.openOutage = ledger.open
                $0.rounds += 1
            }
            if mono >= nextSample, !window.isEmpty {
                nextSample = mono + now.publishInterval.inMilliseconds
                let sample = window.take(state: tracker.state, cause: tracker.cause)
                enqueue(type: "health", sample, periodic: true)
            }
            onRound()
            let wait = max(0, started + now.interval.inMilliseconds - KernelClock.monotonicMilliseconds())
            if wake.wait(timeout: .milliseconds(wait)) { wake.drain() }
        }
    }

    private func report(_ change: ConnectivityChange, log: Logger) {
        switch change {
        case .stateChanged(let from, let to, let cause):
            log.notice("connectivity changed", ["from": from.rawValue, "to": to.rawValue, "cause": cause?.rawValue ?? "none"])
        case .outageStarted(let outage):
            log.warning("outage started", ["cause": outage.cause.rawValue])
        case .outageEnded(let record):
            log.notice("outage ended", ["cause": record.cause.rawValue, "duration_ms": "\(record.durationMs)", "reboots": "\(record.reboots)"])
            enqueue(type: "outage", record, periodic: false, outage: record)
        }
    }

    private func strikeConfirmed(from ledger: OutageLedger) {
        let done = confirmed.withLock { list in
            defer { list.removeAll() }
            return list
        }
        for outage in done { ledger.markPublished(outage) }
    }

    private func enqueue(
        type: String, _ value: some Encodable, periodic: Bool, outage: OutageRecord? = nil, recovered: Bool = false
    ) {
        guard let data = try? JSON.line(value) else { return }
        let record = PendingRecord(type: type, data: data, periodic: periodic, outage: outage, recovered: recovered)
        outbox.withLock { $0.append(record) }
    }
}

extension ConnectivityStatus {
    init?(_ snapshot: HealthProber.Snapshot) {
        guard snapshot.rounds > 0 else { return nil }
        self.init(
            state: snapshot.state, cause: snapshot.cause, detail: snapshot.detail,
            outageSince: snapshot.openOutage.map { KernelClock.rfc3339(milliseconds: $0.startWallMs) },
            rounds: snapshot.rounds, probes: snapshot.lastRound)
    }
}
