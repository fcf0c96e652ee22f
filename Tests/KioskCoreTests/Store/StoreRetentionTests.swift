import Foundation
import Testing
import TestSupport
@testable import KioskCore

@Suite struct StoreRetentionTests {
    /// 600 records a second apart from `testWallBase`, 8 KiB segments, retention one hour.
    func store(_ folder: StoreFolder) throws -> RecordStore {
        let store = try openStore(
            directory: folder.path, limits: StoreLimits(maxSize: 256 * 1024, retention: .seconds(3600)))
        try store.append(contentsOf: (1...600).map { sampleRecord($0) })
        try store.sync()
        return store
    }

    @Test func onlyAcknowledgedOldSegmentsAreDeleted() throws {
        let folder = try StoreFolder()
        let store = try store(folder)
        let segmentsBefore = try folder.segmentFiles().count
        store.acknowledge(through: 300)
        try store.sync()

        // Nothing is older than an hour yet.
        #expect(try store.enforceRetention(nowWallMs: testWallBase + 3_000_000).isEmpty)
        // Everything is older than an hour now; only what was acknowledged may go.
        let reports = try store.enforceRetention(nowWallMs: testWallBase + 100_000_000)
        #expect(!reports.isEmpty)
        #expect(reports.allSatisfy { $0.reason == .retention && $0.lastSeq <= 300 })
        #expect(try folder.segmentFiles().count < segmentsBefore)
        let left = try store.records(limit: 1000).map(\.seq)
        let deleted = reports.reduce(0) { $0 + $1.count }
        #expect(left == Array((deleted + 1)...600))
        #expect(left.contains(301))
        // The segment holding the acknowledged position stays: it also holds unsent records.
        #expect(left.first! <= 300)
        let stats = try store.stats()
        #expect(stats.drops.first { $0.reason == .retention }?.count == deleted)
        #expect(stats.lostRecords == 0)
        #expect(store.takeDropReports().isEmpty)
        #expect(try store.drain(after: 300).count == 300)
    }

    @Test func unsentRecordsAreKeptHoweverOld() throws {
        let folder = try StoreFolder()
        let store = try store(folder)
        #expect(try store.enforceRetention(nowWallMs: testWallBase + 100_000_000).isEmpty)
        #expect(try store.records(limit: 1000).count == 600)
    }

    @Test func recentHistoryIsKept() throws {
        let folder = try StoreFolder()
        let store = try store(folder)
        store.acknowledge(through: 600)
        try store.sync()
        // Records 1…600 are stamped base+1 s … base+600 s; cut at base+300 s.
        let reports = try store.enforceRetention(nowWallMs: testWallBase + 300_000 + 3_600_000)
        let left = try store.records(limit: 1000).map(\.seq)
        #expect(reports.allSatisfy { $0.lastSeq < 300 })
        #expect(left.first! <= 300)
        #expect(left.last == 600)
    }
}
