import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import KioskCore
import Synchronization

/// The group commit's fdatasyncs, on a thread of their own.
///
/// An fdatasync on an SD card can take seconds (far longer on a failing one); on the main
/// loop it would hold up the control socket and the systemd watchdog's pings until systemd
/// killed kioskd. So the main loop only asks (`request`); this thread syncs the store, then
/// wakes the publisher (`onDurable`). Requests made while a sync runs are served by one more
/// sync after it. A failure is kept for the main loop (`takeFailure`), which reports it.
///
/// Callers that must know their record is durable before they go on (an outage confirmed to
/// the ledger, a session to its journal, a day's summary) still sync on the main loop
/// (`Recorder.sync`); `RecordStore.sync` serialises the two.
final class Committer: Sendable {
    private struct State {
        var requested = false
        var stopping = false
        var failure: StoreError?
    }

    private let store: RecordStore
    private let onDurable: @Sendable () -> Void
    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)

    init(store: RecordStore, onDurable: @escaping @Sendable () -> Void) {
        self.store = store
        self.onDurable = onDurable
    }

    func start() {
        SystemThread.startOrExit("kioskd-commit") { [self] in run() }
    }

    /// Asks for a sync; returns at once.
    func request() {
        state.withLock { $0.requested = true }
        wake.signal()
    }

    /// The last sync failure since the previous call.
    func takeFailure() -> StoreError? {
        state.withLock { state in
            defer { state.failure = nil }
            return state.failure
        }
    }

    /// Lets a sync in progress finish, then ends the thread (the caller syncs what is left).
    func stop() {
        state.withLock { $0.stopping = true }
        wake.signal()
        stopped.wait()
    }

    private func run() {
        while true {
            wake.wait()
            let (requested, stopping) = state.withLock { state in
                defer { state.requested = false }
                return (state.requested, state.stopping)
            }
            if stopping { break }
            guard requested, store.needsSync else { continue }
            do throws(StoreError) {
                try Self.sync(store)
                onDurable()
            } catch {
                state.withLock { $0.failure = error }
            }
        }
        stopped.signal()
    }

    /// One sync of the store: the only place kioskd calls `RecordStore.sync`.
    static func sync(_ store: RecordStore) throws(StoreError) {
        #if DEBUG || KIOSK_TEST_HOOKS
        pauseBeforeSync()
        #endif
        try store.sync()
    }

    #if DEBUG || KIOSK_TEST_HOOKS
    /// `KIOSK_TEST_STORE_SYNC_DELAY_MS`: how long every store sync waits before its
    /// fdatasyncs, as on a slow SD card (debug builds and the benchmark's release build only).
    private static func pauseBeforeSync() {
        guard let text = getenv("KIOSK_TEST_STORE_SYNC_DELAY_MS"), let ms = UInt32(String(cString: text)), ms > 0 else { return }
        usleep(ms * 1_000)
    }
    #endif
}
