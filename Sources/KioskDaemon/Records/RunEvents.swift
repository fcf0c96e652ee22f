#if canImport(Glibc)
import Glibc
#endif
import KioskCore
import KioskOutbox

/// The run's own records as one of kioskd's services: at start an `unclean-shutdown` event
/// when the previous run did not stop cleanly (told by the run marker, `run.json`) and the
/// `boot` event; at stop the `shutdown` event, synced, and the marker set clean.
///
/// Started after the store, the socket and the broker, before usage and health: stopped after
/// those two, so their last records go with `shutdown` into one sync while the broker still
/// publishes.
final class RunEvents: Service {
    let name = "run"
    private let recorder: Recorder
    private let marker: StateFile<RunMarker>
    private let configFile: String?
    private let startedWallMs: Int64
    private let log = Logger("kioskd")

    init(recorder: Recorder, storageDir: String, configFile: String?, startedWallMs: Int64) {
        self.recorder = recorder
        marker = RunMarker.file(in: storageDir)
        self.configFile = configFile
        self.startedWallMs = startedWallMs
    }

    func start() {
        noteUncleanStop()
        recorder.event(.boot(config: configFile))
        recorder.sync()
    }

    func stop(by deadline: Int64) {
        recorder.event(.shutdown)
        recorder.sync()
        try? marker.write(RunMarker(boot: KernelClock.bootID, pid: getpid(), startedWallMs: startedWallMs, clean: true))
    }

    /// An `unclean-shutdown` event when the previous run did not stop cleanly; then marks
    /// this run as not (yet) stopped cleanly.
    private func noteUncleanStop() {
        let loaded = marker.load()
        if let problem = loaded.problem { log.warning(problem) }
        if let previous = loaded.value, !previous.clean {
            let newest = try? recorder.store?.records(HistoryQuery(limit: 1, newestFirst: true)).first
            let lastRecord = newest.map { KernelClock.rfc3339(milliseconds: $0.wallMs) }
            let event = EventRecord.unclean(previous, lastRecord: lastRecord)
            log.warning("the previous kioskd did not stop cleanly", ["cause": event.cause ?? "?", "last_record": lastRecord ?? "none"])
            recorder.event(event)
        }
        let now = RunMarker(boot: KernelClock.bootID, pid: getpid(), startedWallMs: startedWallMs, clean: false)
        do throws(StoreError) {
            try marker.write(now)
        } catch {
            log.error("cannot write the run marker; an unclean stop will not be told apart", ["error": "\(error)"])
        }
    }
}
