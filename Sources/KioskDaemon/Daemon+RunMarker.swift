#if canImport(Glibc)
import Glibc
#endif
import KioskCore

/// Clean and unclean stops, told apart by the run marker (`run.json`).
extension Daemon {
    /// An `unclean-shutdown` event when the previous run did not stop cleanly; then marks
    /// this run as not (yet) stopped cleanly.
    func noteUncleanStop() {
        let marker = RunMarker.file(in: config.storage.dir)
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

    func markCleanStop() {
        let marker = RunMarker(boot: KernelClock.bootID, pid: getpid(), startedWallMs: startedWallMs, clean: true)
        try? RunMarker.file(in: config.storage.dir).write(marker)
    }
}
