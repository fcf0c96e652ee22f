import Foundation
import KioskCore
import Testing
import TestSupport
@testable import KioskDaemon
import KioskOutbox

/// Issue 12, defect 6: a failed fdatasync is a `storage-fault` event, shows in `status` and
/// lights the fault LED.
@Suite struct StorageFaultTests {
    @Test func aFailedSyncIsAnEventAStatusLineAndTheFaultLED() throws {
        let folder = FileManager.default.temporaryDirectory.path + "/kioskd-storage-fault-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var config = Config.defaults(for: HostEnvironment.current)
        config.storage.dir = folder
        config.storage.maxSize = 1024 * 1024
        let recorder = Recorder(config: config)
        recorder.open()
        defer { recorder.close() }
        let store = try #require(recorder.store)
        #expect(recorder.storageFault == nil)
        for n in 1...3 { recorder.append(type: "event", data: Array(#"{"n":\#(n)}"#.utf8), periodic: false) }
        let failing = FailNextSync()
        StoreFileTrace.install(failing, under: folder)
        defer { StoreFileTrace.remove(failing) }

        #expect(!recorder.sync(), "the fdatasync failed")
        #expect(store.durableSeq == 0)
        let shown = try #require(recorder.storageFault)
        #expect(shown.hasPrefix("fdatasync \(folder)/segments/"), "status says \(shown)")
        #expect(shown.contains("Input/output error") && shown.contains("records 1–3 rewritten"))
        let inputs = LEDInputs(
            broker: nil, connectivity: .online, pendingRecords: 0, storageFault: recorder.storageFault, clock: .synced,
            uptimeMs: 0, configProblem: nil, sessionActive: false)
        #expect(LEDPolicy.pattern(role: .fault, inputs: inputs) == .on)

        #expect(recorder.sync(), "the retry rewrites the segment and syncs it")
        #expect(store.durableSeq == 4, "the three records and the storage-fault event")
        let event = try #require(try store.records(type: "event").last)
        let data = try JSON.decoder().decode(EventRecord.self, from: Data(event.data))
        #expect(data.kind == "storage-fault")
        #expect(data.operation == "fdatasync" && data.error == "Input/output error")
        #expect(data.firstSeq == 1 && data.lastSeq == 3)
        #expect(data.path?.hasPrefix(folder + "/segments/") == true)
    }
}
