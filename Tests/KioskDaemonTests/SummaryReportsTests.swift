@testable import KioskDaemon
import Foundation
import KioskCore
import Synchronization
import Testing

/// `cmd/report` coalescing: how many summaries a burst of requests makes, and when.
@Suite struct SummaryReportsTests {
    /// The worker's result does not matter here, only when it comes back.
    static let outcome: Result<DailySummary, StoreError> = .failure(.closed)

    /// Ticks until the worker thread's result comes back (at most 5 s).
    func collect(_ reports: SummaryReports, now: Int64) -> Bool {
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if reports.tick(now: now, compute: { Self.outcome }) != nil { return true }
            usleep(1_000)
        }
        return false
    }

    @Test func aBurstMakesOneReportAtOnceAndOneMoreWhenTheWindowEnds() {
        let reports = SummaryReports()
        let computed = Mutex(0)
        let compute: @Sendable () -> Result<DailySummary, StoreError> = {
            computed.withLock { $0 += 1 }
            return Self.outcome
        }
        for _ in 0..<500 { reports.request() }
        #expect(reports.tick(now: 1_000, compute: compute) == nil)  // started; its result comes later
        #expect(collect(reports, now: 1_001))
        // More requests inside the window: held until it ends, then answered by one report.
        for _ in 0..<500 { reports.request() }
        #expect(reports.nextDeadline(now: 2_000) == 1_000 + SummaryReports.windowMs)
        #expect(reports.tick(now: 5_999, compute: compute) == nil)
        #expect(computed.withLock { $0 } == 1)
        #expect(reports.tick(now: 6_000, compute: compute) == nil)
        #expect(collect(reports, now: 6_001))
        #expect(computed.withLock { $0 } == 2)
        // Nothing asked: nothing to do.
        #expect(reports.nextDeadline(now: 20_000) == nil)
    }
}
