import KioskCore
import Synchronization

/// Daily summaries computed off the main loop, one at a time.
///
/// A summary reads a whole day of records (1.2 s for 30,000 on the test machine; more on an SD
/// card), which on the main loop would hold up the control socket and the systemd watchdog.
/// The worker computes it on a thread of its own, from a read-only view of the store (the
/// one kioskctl uses while kioskd runs), so the scan holds no lock the main loop or the
/// publisher need; the main loop appends the result.
final class SummaryWorker {
    /// What a summary is for: a finished day (the midnight roll-up) or today so far (a report).
    enum Job: Equatable {
        case day(LocalDay)
        case today
    }

    /// What the thread hands back.
    private final class Outcome: Sendable {
        let value = Mutex<Result<DailySummary, StoreError>?>(nil)
    }

    private var running: (job: Job, outcome: Outcome)?

    var isBusy: Bool { running != nil }

    /// Starts computing `day` on a thread of its own.
    func start(_ job: Job, day: LocalDay, partial: Bool, zone: LocalTimeZone, storage: Config.Storage) {
        let outcome = Outcome()
        running = (job, outcome)
        let directory = storage.dir, limits = StoreLimits(storage)
        let anchor = ClockAnchor.current()
        SystemThread.startOrExit("kioskd-summary") {
            let result = Result { () throws(StoreError) in
                let view = try RecordStore.openReadOnly(directory: directory, limits: limits)
                defer { try? view.close() }
                return try DailySummary.compute(day: day, zone: zone, store: view, anchor: anchor, partial: partial)
            }
            outcome.value.withLock { $0 = result }
        }
    }

    /// The job that finished since the last call, with its summary.
    func takeFinished() -> (job: Job, result: Result<DailySummary, StoreError>)? {
        guard let running, let result = running.outcome.value.withLock({ $0 }) else { return nil }
        self.running = nil
        return (running.job, result)
    }

    /// While a job runs, the main loop looks again this soon after.
    static let pollMs: Int64 = 20
}
