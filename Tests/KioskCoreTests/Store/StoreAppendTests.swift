import Foundation
import Testing
import TestSupport
@testable import KioskCore

@Suite struct StoreAppendTests {
    @Test func appendedRecordsComeBackOnlyOnceDurable() throws {
        let folder = try StoreFolder()
        let store = try openStore(directory: folder.path, limits: smallLimits)
        let health = NewRecord(
            type: "health", data: Array(#"{"state":"online"}"#.utf8), periodic: true, boot: testBoot, wallMs: 5,
            monoMs: 6, clock: .unsynced)
        let odd = NewRecord(
            type: "event", data: Array(#"{"what":"boot"}"#.utf8), boot: "unknown", wallMs: -1, monoMs: 0, clock: .corrected)
        #expect(try store.append(health) == 1)
        #expect(try store.append(odd) == 2)
        #expect(store.lastSeq == 2)
        #expect(store.durableSeq == 0)
        #expect(try store.pending(after: 0, limit: 10).isEmpty)
        #expect(store.needsSync)

        #expect(try store.sync() >= 1)
        #expect(store.durableSeq == 2)
        let back = try store.pending(after: 0, limit: 10)
        #expect(back == [
            StoredRecord(seq: 1, type: "health", periodic: true, boot: testBoot, wallMs: 5, monoMs: 6, clock: .unsynced, data: health.data),
            StoredRecord(seq: 2, type: "event", periodic: false, boot: "unknown", wallMs: -1, monoMs: 0, clock: .corrected, data: odd.data),
        ])
        #expect(try store.pending(after: 1, limit: 10).map(\.seq) == [2])
        #expect(try store.pending(after: 2, limit: 10).isEmpty)
    }

    @Test func syncCostsNothingWhileNothingIsRecorded() throws {
        let folder = try StoreFolder()
        let store = try openStore(directory: folder.path, limits: smallLimits)
        #expect(try store.sync() == 0)
        try store.append(sampleRecord(1))
        // The new segment's name must reach the medium too: fdatasync + fsync of the folder.
        #expect(try store.sync() == 2)
        #expect(try store.sync() == 0)
        try store.append(contentsOf: (2...50).map { sampleRecord($0) })
        #expect(try store.sync() == 1)
        #expect(try store.sync() == 0)
        #expect(!store.needsSync)
        // An acknowledgement alone is persisted with one fdatasync, then nothing again.
        store.acknowledge(through: 10)
        #expect(store.needsSync)
        #expect(try store.sync() == 1)
        #expect(try store.sync() == 0)
    }

    @Test func batchesTakeConsecutiveSeqs() throws {
        let folder = try StoreFolder()
        let store = try openStore(directory: folder.path, limits: smallLimits)
        #expect(try store.append(contentsOf: []) == nil)
        #expect(try store.append(contentsOf: (1...300).map { sampleRecord($0) }) == 1...300)
        #expect(try store.append(sampleRecord(301)) == 301)
        try store.sync()
        let all = try store.drain()
        #expect(all.map(\.seq) == Array(1...301))
        #expect(all.map { sampleNumber($0) } == Array(1...301))
        #expect(try folder.segmentFiles().count > 3)
    }

    @Test func seqKeepsGrowingAcrossReopen() throws {
        let folder = try StoreFolder()
        do {
            let store = try openStore(directory: folder.path, limits: smallLimits)
            try store.append(contentsOf: (1...5).map { sampleRecord($0) })
            try store.close()
        }
        do {
            // Not closed: as after kill -9 (the records reached the OS).
            let store = try openStore(directory: folder.path, limits: smallLimits)
            #expect(store.lastSeq == 5)
            #expect(store.durableSeq == 5)
            #expect(try store.append(sampleRecord(6)) == 6)
        }
        let store = try openStore(directory: folder.path, limits: smallLimits)
        #expect(try store.append(sampleRecord(7)) == 7)
        try store.sync()
        #expect(try store.drain().map(\.seq) == Array(1...7))
    }

    @Test func aSecondWriterIsRefused() throws {
        let folder = try StoreFolder()
        let store = try openStore(directory: folder.path, limits: smallLimits)
        #expect(throws: StoreError.locked(path: folder.path)) {
            try RecordStore.open(directory: folder.path, limits: smallLimits)
        }
        try store.close()
        _ = try openStore(directory: folder.path, limits: smallLimits)
    }

    @Test func invalidRecordsAreRefusedWithoutUsingASeq() throws {
        let folder = try StoreFolder()
        let store = try openStore(directory: folder.path, limits: smallLimits)
        #expect(throws: StoreError.invalidRecord("type \"Health/x\" is not 1–64 of a-z 0-9 _ -")) {
            try store.append(NewRecord(type: "Health/x", data: Array("{}".utf8)))
        }
        #expect(throws: StoreError.invalidRecord("data of a event record is not a JSON object")) {
            try store.append(NewRecord(type: "event", data: Array("[1]".utf8)))
        }
        #expect(throws: StoreError.recordTooLarge(size: 10_077, limit: smallLimits.maxFrameSize)) {
            try store.append(sampleRecord(1, padding: 10_000))
        }
        #expect(try store.append(sampleRecord(1)) == 1)
    }

    @Test func pendingPagesThroughManySegmentsFromAnyPoint() throws {
        let folder = try StoreFolder()
        let store = try openStore(directory: folder.path, limits: StoreLimits(maxSize: 1024 * 1024))
        try store.append(contentsOf: (1...2000).map { sampleRecord($0, padding: $0 % 50) })
        try store.sync()
        #expect(try folder.segmentFiles().count > 5)
        #expect(try store.drain(page: 7).map(\.seq) == Array(1...2000))
        for after in [0, 1, 57, 999, 1000, 1998, 1999, 2000] as [UInt64] {
            let page = try store.pending(after: after, limit: 3)
            #expect(page.map(\.seq) == Array((after + 1)...min(after + 3, 2001)).filter { $0 <= 2000 })
        }
        // A new record after the drain is found where the last page stopped.
        try store.append(sampleRecord(2001))
        try store.sync()
        #expect(try store.pending(after: 2000, limit: 10).map(\.seq) == [2001])
    }

    @Test func historyFiltersByTypeAndTime() throws {
        let folder = try StoreFolder()
        let store = try openStore(directory: folder.path, limits: StoreLimits(maxSize: 1024 * 1024))
        try store.append(contentsOf: (1...600).map { sampleRecord($0, type: $0 % 3 == 0 ? "session" : "health", periodic: $0 % 3 != 0) })
        #expect(try store.records().isEmpty)  // nothing durable yet
        try store.sync()
        let sessions = try store.records(type: "session", limit: 5)
        #expect(sessions.map(\.seq) == [3, 6, 9, 12, 15])
        let window = try store.records(
            type: "health", fromWallMs: testWallBase + 100_000, toWallMs: testWallBase + 106_000)
        #expect(window.map(\.seq) == [100, 101, 103, 104])
        let newest = try store.records(type: "session", limit: 4, newestFirst: true)
        #expect(newest.map(\.seq) == [600, 597, 594, 591])
        let all = try store.records(HistoryQuery(types: ["session", "health"], afterSeq: 590, limit: 100))
        #expect(all.map(\.seq) == Array(591...600))
        #expect(try store.records(limit: 1000).count == 600)
    }

    @Test func theEnvelopeIsTheSpecDocument() throws {
        let record = StoredRecord(
            seq: 42, type: "session", periodic: false, boot: testBoot, wallMs: 1_795_436_677_123, monoMs: 61_000,
            clock: .synced, data: Array(#"{"duration_ms":5000,"label":"a/b"}"#.utf8))
        let bytes = record.envelopeJSON(device: "hg-kiosk-07", site: "hg\"01\n")
        let reference = Envelope(
            device: "hg-kiosk-07", site: "hg\"01\n", type: "session", seq: 42, boot: testBoot,
            wallMs: 1_795_436_677_123, clock: .synced, monoMs: 61_000,
            data: JSONValue.object(["duration_ms": .number(5000), "label": .string("a/b")]))
        let expected = try JSON.line(reference)
        #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    @Test func unsyncedRecordsOfThisBootAreReanchored() {
        let record = StoredRecord(
            seq: 1, type: "event", periodic: false, boot: testBoot, wallMs: 1000, monoMs: 5000, clock: .unsynced, data: [])
        let anchor = ClockAnchor(boot: testBoot, wallMs: 1_795_436_700_000, monoMs: 60_000)
        #expect(record.timestamp(anchor: anchor) == (1_795_436_645_000, .corrected))
        #expect(record.timestamp(anchor: nil) == (1000, .unsynced))
        #expect(record.timestamp(anchor: ClockAnchor(boot: "other", wallMs: 0, monoMs: 0)) == (1000, .unsynced))
        var synced = record
        synced.clock = .synced
        #expect(synced.timestamp(anchor: anchor) == (1000, .synced))
        let json = String(decoding: record.envelopeJSON(device: "d", site: "s", anchor: anchor), as: UTF8.self)
        #expect(json.contains(#""clock":"corrected""#))
        #expect(json.contains(#""ts":"2026-11-23T12:24:05.000Z""#))
    }

    @Test func aReaderThreadDrainsWhileTheLoopAppends() async throws {
        let folder = try StoreFolder()
        let store = try openStore(directory: folder.path, limits: StoreLimits(maxSize: 16 * 1024 * 1024))
        let total: UInt64 = 20_000
        let writer = Task.detached {
            for n in 1...Int(total) {
                try store.append(sampleRecord(n))
                if n % 500 == 0 { try store.sync() }
            }
            try store.sync()
        }
        let reader = Task.detached { () throws -> [UInt64] in
            var seen: [UInt64] = []
            var last: UInt64 = 0
            while last < total {
                let batch = try store.pending(after: last, limit: 300)
                if batch.isEmpty { try await Task.sleep(for: .milliseconds(1)) }
                for record in batch { seen.append(record.seq) }
                last = batch.last?.seq ?? last
                store.acknowledge(through: last)
            }
            return seen
        }
        try await writer.value
        let seen = try await reader.value
        #expect(seen == Array(1...total))
        try store.sync()
        #expect(store.acknowledgedSeq == total)
        #expect(try store.stats().pendingRecords == 0)
    }
}
