import Foundation
import Testing
import TestSupport
@testable import KioskCore

/// Power cuts after a kill, and failed syncs: the page cache modelled by `PageCacheModel`
/// from every file operation the store issues, then the image a power cut would leave opened.
@Suite struct StoreDurabilityTests {
    /// Issue 12, defect 1: the tail rolls (the old tail sealed in the page cache only, a new
    /// one created), kioskd is killed before its next sync and restarted, publishes
    /// everything, then the power is cut. What it published must survive.
    @Test func aKillThenAPowerCutNeverReusesAPublishedSeq() throws {
        let folder = try StoreFolder()
        let model = PageCacheModel(folder: folder.path)
        defer { model.stop() }
        do {
            let store = try RecordStore.open(directory: folder.path, limits: smallLimits)
            for n in 1...5 { try store.append(sampleRecord(n, padding: 200)) }
            try store.sync()
            for n in 6...35 { try store.append(sampleRecord(n, padding: 200)) }
            #expect(try folder.segmentFiles().count >= 2, "the tail rolled")
        }  // killed: nothing synced, the page cache keeps every write
        let published: [StoredRecord]
        do {
            let store = try RecordStore.open(directory: folder.path, limits: smallLimits)
            published = try store.drain()
            #expect(published.map(\.seq) == Array(1...35))
            store.acknowledge(through: 35)
            try store.sync()
        }  // killed again; then the power goes
        let image = try StoreFolder()
        try model.buildDurableImage(into: image.path)
        let store = try RecordStore.open(directory: image.path, limits: smallLimits)
        let next = try store.append(sampleRecord(36))
        #expect(next > 35, "published seqs 1–35 were acknowledged; the next seq after the power cut was \(next)")
        #expect(store.acknowledgedSeq == 35)
    }

    /// Issue 12, defect 3: a cap drop is durable at once (state, unlink, folder fsync) but its
    /// report lived in memory only; a kill or a power cut before the daemon's next tick lost
    /// the announcement for good.
    @Test func aCapDropIsStillAnnouncedAfterAKillOrAPowerCut() throws {
        let folder = try StoreFolder()
        let model = PageCacheModel(folder: folder.path)
        defer { model.stop() }
        let counted: UInt64
        do {
            let store = try RecordStore.open(directory: folder.path, limits: smallLimits)
            try store.append(contentsOf: (1...1000).map { sampleRecord($0) })
            counted = try #require(try store.stats().drops.first { $0.reason == .capOldest }).count
            #expect(counted > 0)
        }  // killed before the daemon's tick turned the reports into events
        let image = try StoreFolder()
        try model.buildDurableImage(into: image.path)  // or the power went instead
        for path in [folder.path, image.path] {
            let store = try RecordStore.open(directory: path, limits: smallLimits)
            let reports = store.takeDropReports().filter { $0.reason == .capOldest }
            #expect(
                reports.reduce(0) { $0 + $1.count } == counted,
                "capOldest counted \(counted); reports after the restart: \(reports)")
            #expect(reports.first?.firstSeq == 1)
            for (a, b) in zip(reports, reports.dropFirst()) { #expect(b.firstSeq == a.lastSeq + 1) }
        }
    }

    /// An unannounced drop is handed out again after every restart until the event that
    /// announces it is durable, then never again.
    @Test func aDropIsForgottenOnceItsAnnouncementIsDurable() throws {
        let folder = try StoreFolder()
        var reports: [DropReport] = []
        do {
            let store = try RecordStore.open(directory: folder.path, limits: smallLimits)
            try store.append(contentsOf: (1...1000).map { sampleRecord($0) })
            try store.sync()
            reports = store.takeDropReports()
            #expect(!reports.isEmpty)
            let seq = try store.append(sampleRecord(1001))
            store.dropsAnnounced(reports, inRecord: seq)
            #expect(store.takeDropReports().isEmpty, "handed out once per run")
        }  // killed before the announcement was synced
        do {
            let store = try RecordStore.open(directory: folder.path, limits: smallLimits)
            #expect(store.takeDropReports() == reports, "the announcement was not durable: handed out again")
            let seq = try store.append(sampleRecord(1002))
            store.dropsAnnounced(reports, inRecord: seq)
            try store.sync()
            try store.sync()
        }  // killed after the announcement became durable
        let store = try RecordStore.open(directory: folder.path, limits: smallLimits)
        #expect(store.takeDropReports().isEmpty)
        #expect(try store.stats().drops.first { $0.reason == .capOldest }?.count == reports.reduce(0) { $0 + $1.count })
    }

    /// Issue 12, defect 6: an fdatasync fails with EIO (the kernel marks the pages clean and
    /// never writes them); the retry returns 0. Records since the last good sync must not
    /// count as durable until they are on the medium for real.
    @Test func aFailedFdatasyncIsNotTakenForSuccessByTheRetry() throws {
        let folder = try StoreFolder()
        let model = PageCacheModel(folder: folder.path)
        defer { model.stop() }
        do {
            let store = try RecordStore.open(directory: folder.path, limits: smallLimits)
            for n in 1...5 { try store.append(sampleRecord(n)) }
            try store.sync()
            for n in 6...9 { try store.append(sampleRecord(n)) }
            model.failNext("fdatasync", pathSuffix: ".seg", errno: EIO)
            #expect(throws: StoreError.self) { try store.sync() }
            #expect(store.durableSeq == 5, "nothing the failed sync covered is durable")
            try store.sync()
            let published = try store.drain()
            #expect(published.map(\.seq) == Array(1...9))
            store.acknowledge(through: 9)
            try store.sync()
        }  // then the power goes
        let image = try StoreFolder()
        try model.buildDurableImage(into: image.path)
        let store = try RecordStore.open(directory: image.path, limits: smallLimits)
        let kept = try store.records(limit: 100).map(\.seq)
        #expect(kept == Array(1...9), "records published after the retry's fdatasync returned 0; after the power cut: \(kept)")
        #expect(try store.append(sampleRecord(10)) > 9)
    }
}
