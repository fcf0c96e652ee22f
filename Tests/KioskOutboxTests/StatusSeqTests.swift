import Foundation
import KioskCore
import Testing
@testable import KioskOutbox

/// The retained `status` message's seq is that of the newest durable record (SPEC: "the
/// newest stored record"): a seq a consumer may already hold or will receive, never one a
/// power cut can take back.
@Suite struct StatusSeqTests {
    @Test func aStatusCarriesTheNewestDurableSeqNotTheNewestAppended() throws {
        let folder = FileManager.default.temporaryDirectory.path + "/kioskd-status-seq-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var config = Config.defaults(for: HostEnvironment.current)
        config.storage.dir = folder
        config.storage.maxSize = 1024 * 1024
        let store = try RecordStore.open(config.storage)
        let feed = StoreFeed(config: config)
        feed.attach(store)
        for n in 1...3 {
            try store.append(NewRecord(type: "event", data: Array(#"{"n":\#(n)}"#.utf8), periodic: false, clock: .synced))
        }
        try store.sync()
        for n in 4...6 {
            try store.append(NewRecord(type: "event", data: Array(#"{"n":\#(n)}"#.utf8), periodic: false, clock: .synced))
        }
        #expect(feed.statusSeq == 3, "3 records durable, 6 appended")
        try store.sync()
        #expect(feed.statusSeq == 6)
    }
}
