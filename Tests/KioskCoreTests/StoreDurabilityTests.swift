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
}
