import Foundation
import Testing
import TestSupport
@testable import KioskCore

@Suite struct StoreCorruptionTests {
    /// 8 KiB segments.
    let limits = StoreLimits(maxSize: 256 * 1024)

    /// 300 records over several sealed segments, synced, closed.
    func sealedStore(_ folder: StoreFolder) throws -> [String] {
        let store = try openStore(directory: folder.path, limits: limits)
        try store.append(contentsOf: (1...300).map { sampleRecord($0) })
        try store.close()
        let segments = try folder.segmentFiles()
        #expect(segments.count >= 3)
        return segments
    }

    @Test func aFlippedBitInASealedSegmentLosesThatRecordOnly() throws {
        let folder = try StoreFolder()
        let segments = try sealedStore(folder)
        let frames = try frameOffsets(segments[1])
        let victim = frames[5]
        try flipByte(segments[1], at: victim.offset + 30)

        let store = try openStore(directory: folder.path, limits: limits)
        // Start-up trusted the sealed segment: the damage is found when reading.
        #expect(store.recovery.corruptRegions == 0)
        let seqs = try store.drain().map(\.seq)
        #expect(seqs == Array(1...300).filter { $0 != victim.seq })
        let stats = try store.stats()
        #expect(stats.corrupt.records == 1)
        #expect(stats.corrupt.bytes == UInt64(victim.length))
        let report = DropReport(reason: .corrupt, count: 1, bytes: UInt64(victim.length), firstSeq: victim.seq, lastSeq: victim.seq)
        #expect(store.takeDropReports() == [report])
        let kept = folder.corruptFiles()
        #expect(kept.count == 1)
        #expect(fileSize(folder.corruptPath + "/" + kept[0]) == victim.length)

        // Reading again does not count it again, nor does the next start-up.
        _ = try store.drain()
        _ = try store.records(limit: 1000)
        #expect(try store.stats().corrupt.records == 1)
        try store.close()
        let again = try openStore(directory: folder.path, limits: limits)
        #expect(try again.drain().count == 299)
        #expect(try again.stats().corrupt.records == 1)
        // Never announced (no event said so): handed out again, until an announcement is durable.
        #expect(again.takeDropReports() == [report])
    }

    @Test func aDamagedLengthIsResynchronisedPast() throws {
        let folder = try StoreFolder()
        let segments = try sealedStore(folder)
        let frames = try frameOffsets(segments[0])
        // The length field of one record claims far more bytes than it has.
        try flipByte(segments[0], at: frames[3].offset + 10)
        try flipByte(segments[0], at: frames[3].offset + 9)

        let store = try openStore(directory: folder.path, limits: limits)
        #expect(try store.drain().map(\.seq) == Array(1...300).filter { $0 != frames[3].seq })
        #expect(try store.stats().corrupt.records == 1)
    }

    @Test func damageInTheTailFollowedByRecordsIsSetAsideAtStartUp() throws {
        let folder = try StoreFolder()
        let store = try openStore(directory: folder.path, limits: smallLimits)
        try store.append(contentsOf: (1...10).map { sampleRecord($0) })
        try store.close()
        let tail = try folder.segmentFiles().last!
        let frames = try frameOffsets(tail)
        try flipByte(tail, at: frames[4].offset + 25)
        try flipByte(tail, at: frames[5].offset + 25)

        let reopened = try openStore(directory: folder.path, limits: smallLimits)
        #expect(reopened.recovery.corruptRegions == 1)
        #expect(reopened.recovery.tornTailBytes == 0)
        let lost = [frames[4].seq, frames[5].seq]
        #expect(try reopened.drain().map(\.seq) == Array(1...10).filter { !lost.contains($0) })
        #expect(reopened.takeDropReports() == [
            DropReport(
                reason: .corrupt, count: 2, bytes: UInt64(frames[4].length + frames[5].length), firstSeq: lost[0],
                lastSeq: lost[1])
        ])
        try reopened.append(sampleRecord(11))
        try reopened.sync()
        #expect(try reopened.pending(after: 10, limit: 5).map(\.seq) == [11])
    }

    @Test func aDamagedHeaderLosesNoRecord() throws {
        let folder = try StoreFolder()
        let segments = try sealedStore(folder)
        let tail = segments.last!
        #expect(try frameOffsets(tail).count > 0)
        // The creation-time byte of a sealed segment and of the tail.
        try flipByte(segments[1], at: 16)
        try flipByte(tail, at: 16)

        let store = try openStore(directory: folder.path, limits: limits)
        let names = [segments[1], tail].map { URL(fileURLWithPath: $0).lastPathComponent }
        #expect(store.recovery.segmentsSetAside == names)
        #expect(try store.drain().map(\.seq) == Array(1...300))
        // Nothing was lost: no drop to announce, no record counted; the headers' bytes are kept.
        #expect(store.takeDropReports() == [])
        let stats = try store.stats()
        #expect(stats.corrupt.records == 0)
        #expect(stats.corrupt.segments == 2)
        #expect(stats.corrupt.bytes == UInt64(2 * Segment.headerSize))
        #expect(folder.corruptFiles() == names.map { CorruptArea.regionName(segment: Segment.firstSeq(fileName: $0)!, offset: 0) })
        #expect(folder.corruptFiles().allSatisfy { fileSize(folder.corruptPath + "/" + $0) == Segment.headerSize })
        // The tail goes on taking records.
        #expect(try store.append(sampleRecord(301)) == 301)
        try store.sync()
        try store.close()

        // The headers were rewritten: the next start-up finds nothing and counts nothing again.
        let again = try openStore(directory: folder.path, limits: limits)
        #expect(again.recovery.segmentsSetAside == [])
        #expect(try again.drain().map(\.seq) == Array(1...301))
        #expect(try again.stats().corrupt.segments == 2)
        #expect(again.takeDropReports() == [])
    }

    @Test func aDamagedHeaderAndDamagedFramesLoseTheFramesOnly() throws {
        let folder = try StoreFolder()
        let segments = try sealedStore(folder)
        let tail = segments.last!
        let sealedVictim = try frameOffsets(segments[1])[0]
        let tailVictim = try frameOffsets(tail)[2]
        try flipByte(segments[1], at: 16)
        try flipByte(segments[1], at: sealedVictim.offset + 30)
        try flipByte(tail, at: 3)
        try flipByte(tail, at: tailVictim.offset + 25)

        let store = try openStore(directory: folder.path, limits: limits)
        #expect(store.recovery.segmentsSetAside.count == 2)
        #expect(try store.drain().map(\.seq) == Array(1...300).filter { $0 != sealedVictim.seq && $0 != tailVictim.seq })
        #expect(store.takeDropReports() == [
            DropReport(
                reason: .corrupt, count: 1, bytes: UInt64(sealedVictim.length), firstSeq: sealedVictim.seq,
                lastSeq: sealedVictim.seq),
            DropReport(
                reason: .corrupt, count: 1, bytes: UInt64(tailVictim.length), firstSeq: tailVictim.seq,
                lastSeq: tailVictim.seq),
        ])
        let stats = try store.stats()
        #expect(stats.corrupt.records == 2)
        #expect(stats.corrupt.bytes == UInt64(2 * Segment.headerSize + sealedVictim.length + tailVictim.length))
    }

    @Test func aDamagedSealKeepsTheSegmentsAfterIt() throws {
        let folder = try StoreFolder()
        let segments = try sealedStore(folder)
        let size = fileSize(segments[1])
        // One byte of the seal's body, one of the next seal's prefix.
        try flipByte(segments[1], at: size - 30)
        try flipByte(segments[0], at: fileSize(segments[0]) - SegmentSeal.frameSize + 1)

        let store = try openStore(directory: folder.path, limits: limits)
        #expect(store.recovery.segmentsDiscarded == 0)
        #expect(try store.drain().map(\.seq) == Array(1...300))
        // No record was in the seals: their bytes are counted, no drop is announced.
        #expect(store.takeDropReports() == [])
        #expect(try store.stats().corrupt.records == 0)
        #expect(try store.stats().corrupt.bytes == UInt64(2 * SegmentSeal.frameSize))
        #expect(try store.append(sampleRecord(301)) == 301)
        try store.sync()
        try store.close()
        // Resealed: the next start-up trusts them again.
        let again = try openStore(directory: folder.path, limits: limits)
        #expect(again.recovery.corruptRegions == 0)
        #expect(try again.drain().map(\.seq) == Array(1...301))
    }

    @Test func aFrameWhoseBodyDoesNotDecodeIsCountedAndAnnounced() throws {
        let folder = try StoreFolder()
        let segments = try sealedStore(folder)
        let sealedVictim = try frameOffsets(segments[1])[4]
        let tailVictim = try frameOffsets(segments.last!)[1]
        try spoilBody(segments[1], frame: sealedVictim)
        try spoilBody(segments.last!, frame: tailVictim)

        let store = try openStore(directory: folder.path, limits: limits)
        let lost: Set<UInt64> = [sealedVictim.seq, tailVictim.seq]
        #expect(try store.drain().map(\.seq) == Array(1...300).filter { !lost.contains($0) })
        #expect(store.takeDropReports() == [
            DropReport(
                reason: .corrupt, count: 1, bytes: UInt64(sealedVictim.length), firstSeq: sealedVictim.seq,
                lastSeq: sealedVictim.seq),
            DropReport(
                reason: .corrupt, count: 1, bytes: UInt64(tailVictim.length), firstSeq: tailVictim.seq, lastSeq: tailVictim.seq),
        ])
        #expect(try store.stats().corrupt.records == 2)
        // Read again (history), not counted again.
        _ = try store.records(limit: 1000)
        #expect(try store.stats().corrupt.records == 2)
        #expect(store.takeDropReports() == [])
    }

    @Test func aLastSegmentWithABadHeaderDoesNotBringSeqsBack() throws {
        let folder = try StoreFolder()
        let segments = try sealedStore(folder)
        try flipByte(segments.last!, at: 9)
        let store = try openStore(directory: folder.path, limits: limits)
        #expect(store.recovery.segmentsSetAside.count == 1)
        #expect(try store.append(sampleRecord(301)) == 301)
    }

    @Test func setAsideBytesStayUnderTheirCap() throws {
        let folder = try StoreFolder()
        let limits = StoreLimits(maxSize: 64 * 1024)
        let store = try openStore(directory: folder.path, limits: limits)
        try store.append(contentsOf: (1...400).map { sampleRecord($0, padding: 20) })
        try store.close()
        for segment in try folder.segmentFiles() {
            for frame in try frameOffsets(segment) where frame.seq % 2 == 0 {
                try flipByte(segment, at: frame.offset + 40)
            }
        }
        let reopened = try openStore(directory: folder.path, limits: limits)
        let seqs = try reopened.drain().map(\.seq)
        #expect(seqs.allSatisfy { $0 % 2 == 1 })
        let kept = folder.corruptFiles().map { UInt64(fileSize(folder.corruptPath + "/" + $0)) }.reduce(0, +)
        #expect(kept <= limits.corruptCap)
        #expect(try reopened.stats().corrupt.keptBytes == kept)
        #expect(try folder.diskBytes() <= limits.maxSize)
    }
}

/// Makes the body of `frame` impossible to decode (its clock byte names no clock state) and
/// fixes the frame's checksum, so only decoding can tell.
func spoilBody(_ path: String, frame: (offset: Int, seq: UInt64, length: Int)) throws {
    var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    bytes[frame.offset + RecordFrame.headerSize + 1] = 0xEE
    let crc = CRC32C.checksum(Array(bytes[(frame.offset + 8)..<(frame.offset + frame.length)]))
    bytes.storeLittleEndian(crc, at: frame.offset + 4)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}
