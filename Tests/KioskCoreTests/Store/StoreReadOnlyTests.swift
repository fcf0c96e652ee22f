import Foundation
import Testing
import TestSupport
@testable import KioskCore

@Suite struct StoreReadOnlyTests {
    @Test func readingChangesNothingEvenWithATornTailAndDamage() throws {
        let folder = try StoreFolder()
        do {
            let store = try openStore(directory: folder.path, limits: StoreLimits(maxSize: 256 * 1024))
            try store.append(contentsOf: (1...300).map { sampleRecord($0, type: $0 % 2 == 0 ? "health" : "session") })
            store.acknowledge(through: 20)
            try store.close()
        }
        let segments = try folder.segmentFiles()
        let frames = try frameOffsets(segments[0])
        try flipByte(segments[0], at: frames[2].offset + 30)
        try appendBytes(segments.last!, [0xFF, 0x6B, 0x72, 0x52, 9, 9, 9])
        let before = try folder.snapshot()

        let reader = try RecordStore.openReadOnly(directory: folder.path)
        #expect(reader.isReadOnly)
        let all = try reader.records(limit: 1000).map(\.seq)
        #expect(all == Array(1...300).filter { $0 != frames[2].seq })
        #expect(try reader.records(type: "health", limit: 3, newestFirst: true).map(\.seq) == [300, 298, 296])
        let stats = try reader.stats()
        #expect(stats.readOnly)
        #expect(stats.ackedSeq == 20)
        #expect(stats.corrupt.records == 1)
        #expect(stats.pendingRecords == 280)
        #expect(throws: StoreError.readOnly) { try reader.append(sampleRecord(1)) }
        #expect(throws: StoreError.readOnly) { try reader.sync() }
        try reader.close()
        #expect(try folder.snapshot() == before)
    }

    @Test func aReaderWorksBesideARunningWriter() throws {
        let folder = try StoreFolder()
        let writer = try openStore(directory: folder.path, limits: smallLimits)
        try writer.append(contentsOf: (1...100).map { sampleRecord($0) })
        try writer.sync()

        let reader = try RecordStore.openReadOnly(directory: folder.path)
        #expect(try reader.records(limit: 1000).map(\.seq) == Array(1...100))
        // The writer goes on, unblocked; the reader saw what was there when it opened.
        try writer.append(contentsOf: (101...150).map { sampleRecord($0) })
        try writer.sync()
        #expect(try reader.records(limit: 1000).count == 100)
        #expect(try RecordStore.openReadOnly(directory: folder.path).records(limit: 1000).count == 150)
        #expect(try writer.drain().count == 150)
    }

    @Test func aMissingStoreIsEmpty() throws {
        let folder = try StoreFolder()
        let reader = try RecordStore.openReadOnly(directory: folder.path + "/never-created")
        #expect(try reader.records().isEmpty)
        #expect(try reader.stats().pendingRecords == 0)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/never-created"))
    }

    @Test func queueStatsEncodeSnakeCase() throws {
        let folder = try StoreFolder()
        let store = try openStore(directory: folder.path, limits: smallLimits)
        try store.append(sampleRecord(1))
        try store.sync()
        let json = String(decoding: try JSON.line(try store.stats()), as: UTF8.self)
        #expect(json.contains(#""pending_records":1"#))
        #expect(json.contains(#""oldest_pending":{"boot":"\#(testBoot)","clock":"synced","mono_ms":1000,"#))
        let decoded = try JSON.decoder().decode(QueueStats.self, from: Data(json.utf8))
        #expect(decoded == (try store.stats()))
    }
}
