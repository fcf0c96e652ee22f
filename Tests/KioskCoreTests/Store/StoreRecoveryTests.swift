import Foundation
import Testing
import TestSupport
@testable import KioskCore

@Suite struct StoreRecoveryTests {
    /// A store with `count` sample records, synced and closed.
    func filledStore(_ folder: StoreFolder, count: Int, limits: StoreLimits = smallLimits) throws {
        let store = try openStore(directory: folder.path, limits: limits)
        try store.append(contentsOf: (1...count).map { sampleRecord($0) })
        try store.sync()
    }

    @Test func aRecordTornByAPowerCutIsCutOff() throws {
        let folder = try StoreFolder()
        try filledStore(folder, count: 10)
        let tail = try folder.segmentFiles().last!
        let frames = try frameOffsets(tail)
        // Half of record 10 reached the medium.
        truncateFile(tail, to: frames[9].offset + frames[9].length / 2)

        let store = try openStore(directory: folder.path, limits: smallLimits)
        #expect(store.recovery.tornTailBytes == UInt64(frames[9].length / 2))
        #expect(store.recovery.corruptRegions == 0)
        #expect(fileSize(tail) == frames[9].offset)
        #expect(store.lastSeq == 9)
        #expect(try store.append(sampleRecord(10)) == 10)
        try store.sync()
        #expect(try store.drain().map { sampleNumber($0) } == Array(1...10))
        #expect(try store.stats().corrupt == CorruptCounter())
    }

    @Test func garbageAfterTheLastRecordIsCutOff() throws {
        let folder = try StoreFolder()
        try filledStore(folder, count: 10)
        let tail = try folder.segmentFiles().last!
        let size = fileSize(tail)
        try appendBytes(tail, [0, 0, 0, 0, 0xFF, 0x6B, 0x72, 0x52, 1, 2, 3] + [UInt8](repeating: 0, count: 500))

        let store = try openStore(directory: folder.path, limits: smallLimits)
        #expect(store.recovery.tornTailBytes == 511)
        #expect(fileSize(tail) == size)
        try store.append(sampleRecord(11))
        try store.sync()
        #expect(try store.drain().map(\.seq) == Array(1...11))
        // Reopening finds nothing more to cut.
        try store.close()
        #expect(try openStore(directory: folder.path, limits: smallLimits).recovery.tornTailBytes == 0)
    }

    @Test func aCompleteLastRecordWithABadChecksumIsSetAside() throws {
        let folder = try StoreFolder()
        try filledStore(folder, count: 10)
        let tail = try folder.segmentFiles().last!
        let last = try frameOffsets(tail)[9]
        try flipByte(tail, at: last.offset + last.length - 3)

        let store = try openStore(directory: folder.path, limits: smallLimits)
        #expect(store.recovery.tornTailBytes == 0)
        #expect(store.recovery.corruptRegions == 1)
        // Seq 10 was durable and may have been published: it is lost, never given out again.
        #expect(store.lastSeq == 10)
        #expect(try store.append(sampleRecord(11)) == 11)
        #expect(try store.stats().corrupt.records == 1)
        #expect(folder.corruptFiles().count == 1)
        #expect(store.takeDropReports() == [DropReport(reason: .corrupt, count: 1, bytes: UInt64(last.length), firstSeq: 10, lastSeq: 10)])
    }

    @Test func startUpReadsTheTailAndOnlyHeadersAndSealsOfTheRest() throws {
        let folder = try StoreFolder()
        let limits = StoreLimits(maxSize: 3 * 1024 * 1024)
        try filledStore(folder, count: 30_000, limits: limits)
        let segments = try folder.segmentFiles()
        #expect(segments.count > 20)

        let store = try openStore(directory: folder.path, limits: limits)
        let sealedCost = (segments.count - 1) * (Segment.headerSize + SegmentSeal.frameSize)
        let tailCost = Segment.headerSize + fileSize(segments.last!)
        // (A frame cut by the end of a read window is read again with the next.)
        #expect(store.recovery.bytesScanned <= UInt64(sealedCost + tailCost + 4096))
        #expect(store.recovery.bytesScanned < UInt64(limits.segmentSize * 2))
        #expect(store.lastSeq == 30_000)
        #expect(try store.stats().pendingRecords == 30_000)
    }

    @Test func seqsNeverGoBackEvenWhenEverySegmentIsGone() throws {
        let folder = try StoreFolder()
        do {
            let store = try openStore(directory: folder.path, limits: smallLimits)
            try store.append(contentsOf: (1...100).map { sampleRecord($0) })
            try store.close()
        }
        for file in try folder.segmentFiles() { try FileManager.default.removeItem(atPath: file) }
        let store = try openStore(directory: folder.path, limits: smallLimits)
        #expect(try store.append(sampleRecord(101)) == 101)
    }

    @Test func aSegmentLeftUnsealedByACrashIsTheTailAgain() throws {
        let folder = try StoreFolder()
        try filledStore(folder, count: 200)
        let segments = try folder.segmentFiles()
        #expect(segments.count >= 4)
        // A crash while rolling: the seal and half a record of the second segment never
        // reached the medium, while the segments after it (never synced) did.
        let second = segments[1]
        let frames = try frameOffsets(second)
        truncateFile(second, to: frames.last!.offset + 10)

        let store = try openStore(directory: folder.path, limits: smallLimits)
        #expect(store.recovery.segmentsDiscarded == segments.count - 2)
        #expect(store.recovery.tornTailBytes == 10)
        #expect(try folder.segmentFiles() == Array(segments[0...1]))
        let lastKept = frames.last!.seq - 1
        #expect(store.lastSeq == lastKept)
        // Seqs go on without a gap: the lost ones were never durable, so never published.
        #expect(try store.append(sampleRecord(Int(lastKept) + 1)) == lastKept + 1)
        try store.sync()
        #expect(try store.drain().map(\.seq) == Array(1...(lastKept + 1)))
        try store.close()
        let again = try openStore(directory: folder.path, limits: smallLimits)
        #expect(again.recovery.segmentsDiscarded == 0)
        #expect(again.recovery.tornTailBytes == 0)
        #expect(try again.drain().count == Int(lastKept) + 1)
    }

    @Test func theAcknowledgedPositionSurvivesAndNeverMovesBack() throws {
        let folder = try StoreFolder()
        do {
            let store = try openStore(directory: folder.path, limits: smallLimits)
            try store.append(contentsOf: (1...300).map { sampleRecord($0) })
            try store.sync()
            store.acknowledge(through: 120)
            store.acknowledge(through: 100)
            #expect(store.acknowledgedSeq == 120)
            try store.sync()
            // Acknowledged after the last sync: may be forgotten by a crash (sent again).
            store.acknowledge(through: 150)
        }
        do {
            let store = try openStore(directory: folder.path, limits: smallLimits)
            #expect(store.acknowledgedSeq == 120)
            #expect(try store.stats().pendingRecords == 180)
            #expect(try store.stats().oldestPending?.seq == 121)
            store.acknowledge(through: 290)
            try store.close()
        }
        let store = try openStore(directory: folder.path, limits: smallLimits)
        #expect(store.acknowledgedSeq == 290)
        #expect(try store.stats().ackedSeq == 290)
        #expect(try store.stats().pendingRecords == 10)
        // Acknowledging beyond what exists is clamped.
        store.acknowledge(through: 10_000)
        #expect(store.acknowledgedSeq == 300)
    }

    @Test func acknowledgementsAloneDoNotOverflowTheTail() throws {
        let folder = try StoreFolder()
        do {
            let store = try openStore(directory: folder.path, limits: smallLimits)
            try store.append(contentsOf: (1...2000).map { sampleRecord($0) })
            try store.sync()
            // A long drain with nothing new recorded: one acknowledgement frame per sync.
            for seq in stride(from: UInt64(1), through: 2000, by: 2) {
                store.acknowledge(through: seq)
                try store.sync()
                #expect(try folder.diskBytes() <= smallLimits.maxSize)
            }
            store.acknowledge(through: 2000)
            try store.sync()
            for file in try folder.segmentFiles() { #expect(fileSize(file) <= smallLimits.segmentSize) }
        }
        let reopened = try openStore(directory: folder.path, limits: smallLimits)
        #expect(reopened.acknowledgedSeq == 2000)
        #expect(try reopened.append(sampleRecord(2001)) == 2001)
    }

    @Test func anUnreadableStateFileIsStartedAfresh() throws {
        let folder = try StoreFolder()
        do {
            let store = try openStore(directory: folder.path, limits: smallLimits)
            try store.append(contentsOf: (1...20).map { sampleRecord($0) })
            store.acknowledge(through: 5)
            try store.close()
        }
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: folder.path + "/state.json"))
        let store = try openStore(directory: folder.path, limits: smallLimits)
        #expect(store.recovery.stateFileReset)
        #expect(store.acknowledgedSeq == 5)
        #expect(try store.append(sampleRecord(21)) == 21)
    }
}
