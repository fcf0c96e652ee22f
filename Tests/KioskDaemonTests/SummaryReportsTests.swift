@testable import KioskDaemon
import Foundation
import KioskCore
import Testing

/// `cmd/report` coalescing, and the worker that computes summaries off the main loop.
@Suite struct SummaryReportsTests {
    @Test func aBurstIsDueOnceAtOnceAndOnceMoreWhenTheWindowEnds() {
        var reports = SummaryReports()
        #expect(!reports.isDue(now: 0))
        #expect(reports.nextDeadline(now: 0) == nil)
        for _ in 0..<500 { reports.request() }
        #expect(reports.isDue(now: 1_000))
        reports.started(now: 1_000)
        #expect(!reports.isDue(now: 1_001))
        // More requests inside the window: one more report, when the window ends.
        for _ in 0..<500 { reports.request() }
        #expect(reports.nextDeadline(now: 2_000) == 1_000 + SummaryReports.windowMs)
        #expect(!reports.isDue(now: 5_999))
        #expect(reports.isDue(now: 6_000))
        reports.started(now: 6_000)
        #expect(reports.nextDeadline(now: 20_000) == nil)
    }

    /// The worker reads the store through a read-only view on its own thread: here an empty
    /// store, whose summary has no sessions.
    @Test func theWorkerHandsBackTheSummaryItComputed() {
        var storage = Config.defaults().storage
        storage.dir = FileManager.default.temporaryDirectory.appendingPathComponent("summary-\(UUID().uuidString.prefix(8))").path
        let worker = SummaryWorker()
        let day = LocalDay(daysSinceEpoch: 20_000)
        worker.start(.day(day), day: day, partial: false, zone: .utc, storage: storage)
        #expect(worker.isBusy)
        var finished: (job: SummaryWorker.Job, result: Result<DailySummary, StoreError>)?
        #expect(waitUntil(timeout: 5) { finished = worker.takeFinished(); return finished != nil })
        #expect(finished?.job == .day(day))
        #expect((try? finished?.result.get())?.sessions.count == 0)
        #expect(!worker.isBusy)
    }
}

private func waitUntil(timeout: TimeInterval, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if condition() { return true }
        usleep(1_000)
    }
    return condition()
}
