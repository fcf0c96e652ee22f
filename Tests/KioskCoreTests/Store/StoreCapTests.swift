import Foundation
import Testing
import TestSupport
@testable import KioskCore

@Suite struct StoreCapTests {
    func count(_ stats: QueueStats, _ reason: DropReason) -> UInt64 {
        stats.drops.first { $0.reason == reason }?.count ?? 0
    }

    @Test func diskUseNeverExceedsTheCap() throws {
        let folder = try StoreFolder()
        let store = try openStore(directory: folder.path, limits: smallLimits)
        for n in 1...1500 {
            try store.append(sampleRecord(n, type: n % 2 == 0 ? "health" : "event", periodic: n % 2 == 0, padding: n % 70))
            if n % 10 == 0 { try store.sync() }
            let used = try folder.diskBytes()
            #expect(used <= smallLimits.maxSize)
            if n % 100 == 0 {
                // The store's own accounting is the files' real size.
                #expect(try store.stats().diskBytes == used)
            }
        }
        #expect(try store.stats().lostRecords > 0)
    }

    @Test func periodicSamplesGoFirstThenTheOldestRecords() throws {
        let folder = try StoreFolder()
        let store = try openStore(directory: folder.path, limits: smallLimits)
        let total = 3000
        var lossOrder: [DropReason] = []
        for n in 1...total {
            try store.append(sampleRecord(n, type: n % 2 == 0 ? "health" : "event", periodic: n % 2 == 0))
            for report in store.takeDropReports() where lossOrder.last != report.reason { lossOrder.append(report.reason) }
        }
        try store.sync()
        // All unsent periodic samples of sealed segments went before the first event did.
        #expect(lossOrder.first == .capPeriodic)
        let stats = try store.stats()
        let remaining = try store.drain(page: 1000)
        let events = remaining.filter { !$0.periodic }.map(\.seq)
        let samples = remaining.filter(\.periodic).map(\.seq)
        // What is left of each kind is its newest part, with no hole.
        #expect(events == Array(stride(from: events.first!, through: UInt64(total - 1), by: 2)))
        #expect(samples == Array(stride(from: samples.first!, through: UInt64(total), by: 2)))
        // Counted exactly, by reason.
        #expect(count(stats, .capPeriodic) == UInt64(total / 2 - samples.count))
        #expect(count(stats, .capOldest) == UInt64(total / 2 - events.count))
        #expect(count(stats, .capOldest) > 0)
        #expect(count(stats, .publishedHistory) == 0)
        #expect(UInt64(remaining.count) + stats.lostRecords == UInt64(total))
        #expect(stats.pendingRecords == UInt64(remaining.count))
        // Periodic samples are kept only where events are gone too, or in the newest segment.
        #expect(samples.first! > events.first!)
    }

    @Test func acknowledgedHistoryGoesBeforeAnyLoss() throws {
        let folder = try StoreFolder()
        let store = try openStore(directory: folder.path, limits: smallLimits)
        try store.append(contentsOf: (1...400).map { sampleRecord($0) })
        try store.sync()
        store.acknowledge(through: 400)
        try store.sync()
        try store.append(contentsOf: (401...700).map { sampleRecord($0, periodic: true) })
        try store.sync()
        let stats = try store.stats()
        #expect(count(stats, .publishedHistory) > 0)
        #expect(stats.lostRecords == 0)
        #expect(store.takeDropReports().isEmpty)
        #expect(try store.drain(after: 400, page: 1000).map(\.seq) == Array(401...700))
        // Published history left is the newest part of what was acknowledged.
        let history = try store.records(limit: 1000).map(\.seq).filter { $0 <= 400 }
        #expect(history == (history.first.map { Array($0...400) } ?? []))
        #expect(count(stats, .publishedHistory) == UInt64(400 - history.count))
    }

    @Test func dropReportsNameTheLostRanges() throws {
        let folder = try StoreFolder()
        let store = try openStore(directory: folder.path, limits: smallLimits)
        try store.append(contentsOf: (1...1000).map { sampleRecord($0) })
        try store.sync()
        let reports = store.takeDropReports()
        #expect(!reports.isEmpty)
        #expect(reports.allSatisfy { $0.reason == .capOldest })
        // Consecutive ranges from seq 1 to just before the oldest record left.
        let oldest = try store.pending(after: 0, limit: 1)[0].seq
        #expect(reports.first!.firstSeq == 1)
        #expect(reports.last!.lastSeq == oldest - 1)
        for (a, b) in zip(reports, reports.dropFirst()) { #expect(b.firstSeq == a.lastSeq + 1) }
        #expect(reports.reduce(0) { $0 + $1.count } == oldest - 1)
        let counter = try store.stats().drops.first { $0.reason == .capOldest }!
        #expect(counter.firstSeq == 1)
        #expect(counter.lastSeq == oldest - 1)
        #expect(counter.lastDrop == reports.last)
        #expect(store.takeDropReports().isEmpty)
    }

    @Test func countersSurviveARestart() throws {
        let folder = try StoreFolder()
        var before: QueueStats
        do {
            let store = try openStore(directory: folder.path, limits: smallLimits)
            try store.append(contentsOf: (1...1000).map { sampleRecord($0, periodic: $0 % 3 == 0) })
            store.recordRejected(seq: 999)
            try store.close()
            before = try store.statsAfterClose(folder)
        }
        let store = try openStore(directory: folder.path, limits: smallLimits)
        let after = try store.stats()
        #expect(after.drops == before.drops)
        #expect(after.drops.map(\.reason) == [.capPeriodic, .capOldest, .rejected])
    }

    @Test func aSmallerCapIsAppliedAtStartUp() throws {
        let folder = try StoreFolder()
        do {
            let store = try openStore(directory: folder.path, limits: StoreLimits(maxSize: 512 * 1024))
            try store.append(contentsOf: (1...3000).map { sampleRecord($0) })
            try store.close()
        }
        #expect(try folder.diskBytes() > smallLimits.maxSize)
        let store = try openStore(directory: folder.path, limits: smallLimits)
        #expect(try folder.diskBytes() <= smallLimits.maxSize)
        let left = try store.drain(page: 1000)
        #expect(left.last?.seq == 3000)
        #expect(UInt64(left.count) + (try store.stats().lostRecords) == 3000)
        #expect(try store.append(sampleRecord(3001)) == 3001)
    }

    @Test func aCapBelowTheMinimumIsRefused() throws {
        let folder = try StoreFolder()
        #expect(throws: StoreError.capTooSmall(maxSize: 1000, minimum: StoreLimits.minimumMaxSize)) {
            try openStore(directory: folder.path, limits: StoreLimits(maxSize: 1000))
        }
    }
}

extension RecordStore {
    /// Statistics as a read-only opener sees them once this store is closed.
    func statsAfterClose(_ folder: StoreFolder) throws -> QueueStats {
        try RecordStore.openReadOnly(directory: folder.path, limits: limits).stats()
    }
}
