#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KioskCore
import Synchronization

/// Today's summary so far, on request (the broker's `cmd/report`): coalesced, and computed off
/// the main loop.
///
/// - At most one report starts per `window` (5 s). The first request after a quiet spell
///   starts one at once; every request that arrives while it runs or within the window is
///   answered by a single further report when the window ends, so the newest request still
///   gets a summary made after it. 500 requests at once make 2 summaries, not 500.
/// - The summary reads a whole day of records. It is computed on a thread of its own, from a
///   read-only view of the store (the one kioskctl uses while kioskd runs), so the scan holds
///   no lock the main loop or the publisher need; the main loop only appends the result, and
///   the next group commit makes it durable — a report costs no fdatasync of its own.
final class SummaryReports {
    static let windowMs: Int64 = 5_000

    /// What the worker thread hands back.
    private final class Outcome: Sendable {
        let value = Mutex<Result<DailySummary, StoreError>?>(nil)
    }

    private var requested = false
    private var running: Outcome?
    private var nextStart: Int64 = 0

    /// Notes a request; `tick` starts the report when the window allows.
    func request() { requested = true }

    /// When the main loop should call `tick` next, or nil when nothing is waiting.
    func nextDeadline(now: Int64) -> Int64? {
        if running != nil { return now + 20 }  // a worker is reading: collect it soon after it ends
        return requested ? max(now, nextStart) : nil
    }

    /// Collects a finished summary (to append) and starts the next report when one is due.
    /// `compute` runs on a thread of its own.
    func tick(now: Int64, compute: @escaping @Sendable () -> Result<DailySummary, StoreError>) -> Result<DailySummary, StoreError>? {
        var finished: Result<DailySummary, StoreError>?
        if let outcome = running, let value = outcome.value.withLock({ $0 }) {
            running = nil
            finished = value
        }
        if requested, running == nil, now >= nextStart {
            requested = false
            nextStart = now + Self.windowMs
            let outcome = Outcome()
            running = outcome
            DetachedThread { outcome.value.withLock { $0 = compute() } }.start()
        }
        return finished
    }
}
