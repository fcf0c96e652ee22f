@testable import KioskOutbox
import Foundation
import KioskCore
import Testing
import TestSupport

/// The recorder's one durable hand-off, which health's outages and usage's sessions both use:
/// appended once, synced, confirmed; a failed sync retried without a second append; a record
/// recovered after a crash not stored twice.
@Suite struct RecorderHandOverTests {
    let directory = FileManager.default.temporaryDirectory.path + "/kioskd-handover-" + UUID().uuidString

    func openRecorder() -> Recorder {
        var config = Config.defaults()
        config.storage.dir = directory
        let recorder = Recorder(config: config)
        recorder.open()
        return recorder
    }

    @Test func aFailedSyncIsRetriedWithoutASecondAppend() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let recorder = openRecorder()
        defer { recorder.close() }
        let store = try #require(recorder.store)
        let data = Array(#"{"start":"a","end":"b"}"#.utf8)
        let failing = FailNextSync()
        StoreFileTrace.install(failing, under: directory)
        defer { StoreFileTrace.remove(failing) }
        let first = recorder.handOver(id: "outage:1", type: "outage", data: data, recovered: false) { $0.data == data }
        let second = recorder.handOver(id: "outage:1", type: "outage", data: data, recovered: false) { $0.data == data }
        #expect(!first, "the sync failed: the source keeps the record")
        #expect(second)
        #expect(try store.records(type: "outage", limit: 100).count == 1, "appended once")
        #expect(store.durableSeq == store.lastSeq)
    }

    @Test func aRecoveredRecordTheStoreHoldsIsNotStoredAgain() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let recorder = openRecorder()
        defer { recorder.close() }
        let store = try #require(recorder.store)
        let data = Array(#"{"id":"s-1"}"#.utf8)
        let stored = recorder.handOver(id: "session:s-1", type: "session", data: data, recovered: false) { $0.data == data }
        // After a crash the journal hands it over again, as recovered.
        let again = recorder.handOver(id: "session:s-1", type: "session", data: data, recovered: true) { $0.data == data }
        #expect(stored && again)
        #expect(try store.records(type: "session", limit: 100).count == 1)
        // A recovered record the store lacks is stored.
        let other = Array(#"{"id":"s-2"}"#.utf8)
        let recovered = recorder.handOver(id: "session:s-2", type: "session", data: other, recovered: true) { $0.data == other }
        #expect(recovered)
        #expect(try store.records(type: "session", limit: 100).count == 2)
    }
}
