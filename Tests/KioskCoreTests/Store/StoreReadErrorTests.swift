import Foundation
import Testing
import TestSupport
@testable import KioskCore

/// EIO from a bad SD sector, injected with `StoreFaultInjection`: an unreadable range is
/// damage like a corrupt one — set aside, counted, announced — and the store goes on.
@Suite struct StoreReadErrorTests {
    /// 8 KiB segments.
    let limits = StoreLimits(maxSize: 256 * 1024)
    static let page = 4096

    /// 300 records over several sealed segments, synced, closed.
    func sealedStore(_ folder: StoreFolder) throws -> [String] {
        let store = try openStore(directory: folder.path, limits: limits)
        try store.append(contentsOf: (1...300).map { sampleRecord($0) })
        try store.close()
        let segments = try folder.segmentFiles()
        #expect(segments.count >= 3)
        return segments
    }

    /// The record frames of `path` that touch `range`.
    func frames(of path: String, touching range: Range<Int>) throws -> [(offset: Int, seq: UInt64, length: Int)] {
        try frameOffsets(path).filter { ($0.offset..<($0.offset + $0.length)).overlaps(range) }
    }

    @Test func anUnreadableHeaderPageAtOpenLosesOnlyThatPage() throws {
        let folder = try StoreFolder()
        let segments = try sealedStore(folder)
        let bad = 0..<Self.page
        let lost = try frames(of: segments[1], touching: bad)
        try #require(lost.count > 0)
        let after = try #require(try frameOffsets(segments[1]).first { $0.offset >= lost.last!.offset + lost.last!.length })
        StoreFaultInjection.add(.init(path: segments[1], range: bad))
        defer { StoreFaultInjection.clear(path: segments[1]) }

        let store = try openStore(directory: folder.path, limits: limits)
        let lostSeqs = Set(lost.map(\.seq))
        #expect(try store.drain().map(\.seq) == Array(1...300).filter { !lostSeqs.contains($0) })
        let reports = store.takeDropReports()
        #expect(reports == [
            DropReport(
                reason: .corrupt, count: UInt64(lost.count), bytes: UInt64(after.offset - Segment.headerSize),
                firstSeq: lost.first!.seq, lastSeq: lost.last!.seq)
        ])
        #expect(try store.stats().corrupt.records == UInt64(lost.count))
        // The store goes on: appends and syncs work; record 301 stands for the event that
        // announces the loss (until it is durable, a restart would hand the report out again).
        #expect(try store.append(sampleRecord(301)) == 301)
        store.dropsAnnounced(reports, inRecord: 301)
        try store.sync()
        #expect(try store.pending(after: 300, limit: 10).map(\.seq) == [301])
        try store.close()

        // Still unreadable at the next start: nothing is counted or announced twice.
        let again = try openStore(directory: folder.path, limits: limits)
        #expect(try again.drain().count == 300 - lost.count + 1)
        #expect(again.takeDropReports() == [])
        #expect(try again.stats().corrupt.records == UInt64(lost.count))
    }

    @Test func anUnreadableRangeInTheTailAtOpenIsSetAside() throws {
        let folder = try StoreFolder()
        // 64 KiB segments: the tail spans several pages.
        let limits = StoreLimits(maxSize: 2 * 1024 * 1024)
        let store = try openStore(directory: folder.path, limits: limits)
        try store.append(contentsOf: (1...200).map { sampleRecord($0) })
        try store.close()
        let tail = try folder.segmentFiles().last!
        #expect(fileSize(tail) > 2 * Self.page)
        let bad = Self.page..<(2 * Self.page)
        let lost = try frames(of: tail, touching: bad)
        try #require(lost.count > 0)
        StoreFaultInjection.add(.init(path: tail, range: bad))
        defer { StoreFaultInjection.clear(path: tail) }

        let reopened = try openStore(directory: folder.path, limits: limits)
        #expect(reopened.recovery.unreadableBytes == UInt64(Self.page))
        let lostSeqs = Set(lost.map(\.seq))
        #expect(try reopened.drain().map(\.seq) == Array(1...200).filter { !lostSeqs.contains($0) })
        let reports = reopened.takeDropReports()
        #expect(reports.map(\.firstSeq) == [lost.first!.seq])
        #expect(reports.map(\.lastSeq) == [lost.last!.seq])
        #expect(reports.map(\.count) == [UInt64(lost.count)])
        #expect(try reopened.append(sampleRecord(201)) == 201)
    }

    @Test func anUnreadableRangeWhileThePublisherReadsIsSteppedOver() throws {
        let folder = try StoreFolder()
        // 64 KiB segments: the bad page lies between intact records.
        let limits = StoreLimits(maxSize: 2 * 1024 * 1024)
        let store = try openStore(directory: folder.path, limits: limits)
        try store.append(contentsOf: (1...3000).map { sampleRecord($0) })
        try store.sync()
        let segments = try folder.segmentFiles()
        try #require(segments.count >= 3)
        let bad = (3 * Self.page)..<(4 * Self.page)
        let lost = try frames(of: segments[2], touching: bad)
        try #require(lost.count > 0)
        // The bad sector appears while kioskd runs, under records not yet published.
        StoreFaultInjection.add(.init(path: segments[2], range: bad))
        defer { StoreFaultInjection.clear(path: segments[2]) }

        let lostSeqs = Set(lost.map(\.seq))
        #expect(try store.drain(page: 7).map(\.seq) == Array(1...3000).filter { !lostSeqs.contains($0) })
        let next = try #require(try frameOffsets(segments[2]).first { $0.seq == lost.last!.seq + 1 })
        #expect(store.takeDropReports() == [
            DropReport(
                reason: .corrupt, count: UInt64(lost.count), bytes: UInt64(next.offset - lost[0].offset),
                firstSeq: lost.first!.seq, lastSeq: lost.last!.seq)
        ])
        #expect(try store.stats().corrupt.records == UInt64(lost.count))
        // History reads step over it too, without counting it again.
        #expect(try store.records(limit: 5000).count == 3000 - lost.count)
        #expect(try store.stats().corrupt.records == UInt64(lost.count))
        #expect(store.takeDropReports() == [])
    }
}
