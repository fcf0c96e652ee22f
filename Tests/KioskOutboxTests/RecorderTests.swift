@testable import KioskOutbox
import Foundation
import Glibc
import KioskCore
import Testing

@Suite struct RecorderTests {
    /// A recorder with its store in a fresh folder (16 MiB cap: 512 KiB segments).
    func openRecorder(_ directory: String) -> Recorder {
        var config = Config.defaults()
        config.storage.dir = directory
        config.storage.maxSize = 16 * 1024 * 1024
        let recorder = Recorder(config: config)
        recorder.open()
        return recorder
    }

    /// An idle kiosk's main loop sleeps: with nothing waiting for a sync, the recorder asks
    /// for a tick only for its clock check and retention; an append makes the sync due.
    @Test func anIdleRecorderAsksForNoSyncTick() throws {
        let directory = FileManager.default.temporaryDirectory.path + "/kioskd-recorder-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let recorder = openRecorder(directory)
        defer { recorder.close() }
        let store = try #require(recorder.store)
        let start = KernelClock.monotonicMilliseconds()
        recorder.tick(now: start)  // the first tick: clock, retention, what the open carried over
        let waitForSync = { KernelClock.monotonicMilliseconds() < start + 5_000 && store.needsSync }
        while waitForSync() { usleep(1_000) }
        recorder.tick(now: start + 1)
        let idle = try #require(recorder.nextDeadline)
        #expect(idle >= start + Recorder.clockCheckMs, "idle, the next tick is the clock check: \(idle - start) ms")

        #expect(recorder.append(type: "test", data: Array(#"{"n":1}"#.utf8), periodic: false) != nil)
        let due = try #require(recorder.nextDeadline)
        #expect(due <= start + 1 + Config.defaults().storage.syncInterval.inMilliseconds, "an append makes the sync due")
    }

    @Test func holdsRecentReadsOnlyTheNewestRecords() throws {
        let directory = FileManager.default.temporaryDirectory.path + "/kioskd-recorder-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let recorder = openRecorder(directory)
        let store = try #require(recorder.store)
        let old = Array(#"{"outage":"old"}"#.utf8)
        let recent = Array(#"{"outage":"recent"}"#.utf8)
        #expect(recorder.append(type: "outage", data: old, periodic: false) != nil)
        // A long history of another type: many segments, the rare type only at both ends.
        let filler = Array(#"{"rtt_ms":12.5,"loss":0,"samples":[1,2,3,4,5,6,7,8,9,10,11,12]}"#.utf8)
        for _ in 0..<60_000 { #expect(recorder.append(type: "health", data: filler, periodic: true) != nil) }
        #expect(recorder.append(type: "outage", data: recent, periodic: false) != nil)
        for _ in 0..<100 { #expect(recorder.append(type: "health", data: filler, periodic: true) != nil) }
        #expect(recorder.sync())
        let segments = try store.stats().segments
        #expect(segments > 10)

        let before = store.ioCounters.bytesRead
        #expect(recorder.holdsRecent(type: "outage", data: recent))
        let readForRecent = store.ioCounters.bytesRead - before
        // The old one lies beyond the window: not looked for, and the store not read for it.
        #expect(!recorder.holdsRecent(type: "outage", data: old))
        let readForOld = store.ioCounters.bytesRead - before - readForRecent
        // A frame: 20 bytes of header, 20 of fixed fields, type, boot (16), data.
        let frame = UInt64(20 + 20 + "health".utf8.count + 16 + filler.count)
        let bound = Recorder.recentWindow * frame + UInt64(store.limits.segmentSize)
        #expect(readForRecent <= bound)
        #expect(readForOld <= bound)
        let whole = try store.stats().diskBytes
        #expect(readForOld * 4 < whole)
        recorder.close()
    }
}
