import Foundation
import Synchronization
import Testing
import TestSupport
@testable import KioskCore

/// Holds the first fdatasync/fsync of a path that `matches` until `release()`: the test can
/// see what the store's other callers can do while a slow SD card flushes.
final class HoldSync: StoreFileObserver {
    private let matches: @Sendable (StoreFileOperation) -> Bool
    private let armed = Atomic<Bool>(true)
    let entered = DispatchSemaphore(value: 0)
    private let released = DispatchSemaphore(value: 0)

    init(_ matches: @escaping @Sendable (StoreFileOperation) -> Bool) { self.matches = matches }

    func storeFileWill(_ operation: StoreFileOperation) -> Int32? {
        switch operation {
        case .syncData, .syncDirectory:
            guard matches(operation), armed.exchange(false, ordering: .relaxed) else { return nil }
            entered.signal()
            _ = released.wait(timeout: .now() + 20)
        default: break
        }
        return nil
    }

    func storeFileDid(_ operation: StoreFileOperation) {}

    func release() { released.signal() }
}

/// Issue 12: state.json writes and compaction fsyncs must not hold the store's lock, or the
/// MQTT thread (`pending`, `acknowledge`) and the daemon's loop wait for a slow SD card.
@Suite struct StoreLockTests {
    /// Runs `slow` on another thread until `hold` catches its sync, then checks that the
    /// store answers `pending` and `acknowledge` meanwhile.
    func expectStoreAnswers(
        _ store: RecordStore, folder: StoreFolder, while hold: HoldSync, during what: String,
        _ slow: @escaping @Sendable () throws -> Void
    ) throws {
        StoreFileTrace.install(hold, under: folder.path)
        defer { StoreFileTrace.remove(hold) }
        let done = DispatchSemaphore(value: 0)
        let failure = Mutex<String?>(nil)
        Thread.detachNewThread {
            do { try slow() } catch { failure.withLock { $0 = "\(error)" } }
            done.signal()
        }
        guard hold.entered.wait(timeout: .now() + 10) == .success else {
            hold.release()
            _ = done.wait(timeout: .now() + 10)
            Issue.record("\(what) never reached the sync the test holds (\(failure.withLock { $0 } ?? "no error"))")
            return
        }
        let answered = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            _ = try? store.pending(after: 0, limit: 1)
            store.acknowledge(through: 1)
            answered.signal()
        }
        let answeredInTime = answered.wait(timeout: .now() + 2) == .success
        hold.release()
        #expect(answeredInTime, "pending/acknowledge waited for \(what)'s sync: it holds the store's lock")
        #expect(done.wait(timeout: .now() + 20) == .success)
        _ = answered.wait(timeout: .now() + 20)
        #expect(failure.withLock { $0 } == nil)
    }

    @Test func aStateWriteBySyncLeavesTheLockFree() throws {
        let folder = try StoreFolder()
        let store = try openStore(directory: folder.path, limits: smallLimits)
        try store.append(contentsOf: (1...20).map { sampleRecord($0) })
        try store.sync()
        // A rejected record is counted in the state file by the next sync.
        store.recordRejected(seq: 3)
        let hold = HoldSync { $0.path.hasSuffix(PersistedState.fileName + ".tmp") }
        try expectStoreAnswers(store, folder: folder, while: hold, during: "sync() writing state.json") {
            try store.sync()
        }
        #expect(try store.stats().drops.contains { $0.reason == .rejected && $0.count == 1 })
    }

    @Test func compactionLeavesTheLockFree() throws {
        let folder = try StoreFolder()
        let store = try openStore(directory: folder.path, limits: smallLimits)
        let hold = HoldSync { $0.path.hasSuffix(".compact") }
        try expectStoreAnswers(store, folder: folder, while: hold, during: "an append compacting a full store") {
            for n in 1...3000 {
                try store.append(sampleRecord(n, type: n % 2 == 0 ? "health" : "event", periodic: n % 2 == 0))
                if n % 50 == 0 { try store.sync() }
            }
        }
        try store.sync()
        let stats = try store.stats()
        #expect(stats.drops.contains { $0.reason == .capPeriodic })
        #expect(try folder.diskBytes() <= smallLimits.maxSize)
    }

    @Test func aCapDeleteLeavesTheLockFreeWhileTheStateIsWritten() throws {
        let folder = try StoreFolder()
        let store = try openStore(directory: folder.path, limits: smallLimits)
        let hold = HoldSync { $0.path.hasSuffix(PersistedState.fileName + ".tmp") }
        try expectStoreAnswers(store, folder: folder, while: hold, during: "an append deleting the oldest segment") {
            for n in 1...3000 {
                try store.append(sampleRecord(n))
                if n % 50 == 0 { try store.sync() }
            }
        }
        try store.sync()
        #expect(try store.stats().drops.contains { $0.reason == .capOldest })
    }

    @Test func retentionLeavesTheLockFree() throws {
        let folder = try StoreFolder()
        let store = try openStore(directory: folder.path, limits: smallLimits)
        try store.append(contentsOf: (1...400).map { sampleRecord($0) })
        try store.sync()
        store.acknowledge(through: 400)
        try store.sync()
        let hold = HoldSync { $0.path.hasSuffix(PersistedState.fileName + ".tmp") }
        try expectStoreAnswers(store, folder: folder, while: hold, during: "enforceRetention()") {
            let gone = try store.enforceRetention(nowWallMs: testWallBase + 400_000 + 7_200_000)
            #expect(!gone.isEmpty)
        }
    }
}
