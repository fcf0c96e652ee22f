import Foundation
@testable import KioskOutbox
import KioskCore
import Testing

/// The publisher's view of the store: what it does with a record that can never be sent.
@Suite struct StoreFeedTests {
    /// A store in a fresh temporary folder with a `records-dropped` event (seq 1) and an
    /// ordinary record (seq 2), durable.
    func storeWithAnnouncement() throws -> (RecordStore, String) {
        let folder = FileManager.default.temporaryDirectory.path + "/kioskd-feed-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = try RecordStore.open(directory: folder, limits: StoreLimits(maxSize: 8 << 20))
        let report = DropReport(reason: .capOldest, count: 3, bytes: 300, firstSeq: 40, lastSeq: 42)
        try store.append(try NewRecord(type: "event", encoding: EventRecord.dropped(report)))
        try store.append(NewRecord(type: "test", data: Array(#"{"n":1}"#.utf8)))
        try store.sync()
        return (store, folder)
    }

    /// Announcing the loss of an announcement would make another announcement, which could be
    /// set aside in turn: it is counted, never announced.
    @Test func aDropAnnouncementSetAsideIsCountedButNotAnnounced() throws {
        let (store, folder) = try storeWithAnnouncement()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let feed = StoreFeed(config: Config.defaults())
        feed.attach(store)
        #expect(StoreFeed.isDropAnnouncement(store, seq: 1))
        #expect(!StoreFeed.isDropAnnouncement(store, seq: 2))

        feed.rejected(seq: 1, reasonCode: 0x95, reason: "packet too large")
        #expect(store.takeDropReports() == [], "no announcement of the announcement")
        #expect(try store.stats().drops.first { $0.reason == .rejected }?.count == 1, "but counted")

        feed.rejected(seq: 2, reasonCode: 0x95, reason: "packet too large")
        #expect(store.takeDropReports() == [DropReport(reason: .rejected, count: 1, bytes: 0, firstSeq: 2, lastSeq: 2)])
        #expect(try store.stats().drops.first { $0.reason == .rejected }?.count == 2)
        try store.close()
    }
}
