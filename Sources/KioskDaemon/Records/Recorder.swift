import KioskCore

/// kioskd's side of the record store: opens it (and keeps trying when it cannot), appends
/// records, runs the group commit on `sync_interval`, announces drops, applies retention.
///
/// Owned by the main loop; the publisher reads the same store through `StoreFeed` on the
/// network thread (the store is thread-safe).
final class Recorder {
    private(set) var store: RecordStore?
    /// The publisher's view; exists before the store opens so the broker client can hold it.
    let feed: StoreFeed
    /// Why the store is not open, for `status`; nil when it is.
    private(set) var fault: String?
    /// A failed sync stays in `status` and on the fault LED this long: a card that failed
    /// once fails again, and a technician visiting later that day must still see it.
    static let storageFaultShownMs: Int64 = 86_400_000
    private var config: Config
    private let log = Logger("store")
    private var nextSync: Int64 = 0
    private var nextOpenAttempt: Int64 = 0
    private var nextRetention: Int64 = 0
    private var clock: ClockState = KernelClock.state()
    /// Records appended since the last sync. A burst makes a sync due at once: syncing sooner
    /// than `sync_interval` only shortens what a power cut can take, and lets the publisher start.
    private var appendedSinceSync = 0
    static let burst = 2_000
    /// Called after a sync made new records durable: wakes the publisher.
    var onDurable: () -> Void = {}

    init(config: Config) {
        self.config = config
        feed = StoreFeed(config: config)
    }

    /// Opens the store; failure is a fault to report and retry, never a reason to stop.
    func open() {
        do throws(StoreError) {
            let store = try RecordStore.open(config.storage)
            self.store = store
            feed.attach(store)
            if clock == .synced, let anchor = ClockAnchor.current() { feed.clockSynced(anchor) }
            let recovery = store.recovery
            if fault != nil { log.notice("record store open again", ["dir": config.storage.dir]) }
            fault = nil
            log.info("record store open", [
                "dir": config.storage.dir, "last_seq": "\(store.lastSeq)", "acked_seq": "\(store.acknowledgedSeq)",
                "segments": "\(recovery.segments)", "torn_tail_bytes": "\(recovery.tornTailBytes)",
            ])
            if !recovery.segmentsSetAside.isEmpty || recovery.corruptRegions > 0 {
                log.warning("damaged records set aside", ["segments": "\(recovery.segmentsSetAside.count)", "regions": "\(recovery.corruptRegions)"])
            }
        } catch {
            let text = "\(error)"
            if fault != text { log.error("cannot open the record store; retrying every 30s", ["dir": config.storage.dir, "error": text]) }
            fault = text
            nextOpenAttempt = KernelClock.monotonicMilliseconds() + 30_000
        }
    }

    func update(config: Config) {
        self.config = config
        feed.update(config: config)
    }

    /// Appends a record; a failure is logged and reported in `status`, not thrown at callers.
    @discardableResult
    func append(type: String, _ data: some Encodable, periodic: Bool = false) -> UInt64? {
        guard let json = try? JSON.line(data) else {
            log.error("cannot encode a record", ["type": type])
            return nil
        }
        return append(type: type, data: json, periodic: periodic)
    }

    /// Appends a record whose `data` is already JSON (from the health thread); the one place
    /// that appends, counts the burst and syncs early.
    @discardableResult
    func append(type: String, data: [UInt8], periodic: Bool) -> UInt64? {
        guard let store else { return nil }
        do throws(StoreError) {
            let seq = try store.append(NewRecord(type: type, data: data, periodic: periodic, clock: clock))
            appendedSinceSync += 1
            if appendedSinceSync >= Self.burst { sync() }
            return seq
        } catch {
            log.error("cannot append a record", ["type": type, "error": "\(error)"])
            return nil
        }
    }

    /// Whether one of the newest records of `type` (the last 64) has exactly this `data`.
    func holdsRecent(type: String, data: [UInt8]) -> Bool {
        holdsRecent(type: type) { $0.data == data }
    }

    /// Whether one of the newest records of `type` (the last 64) is the one `matches` looks for.
    func holdsRecent(type: String, where matches: (StoredRecord) -> Bool) -> Bool {
        guard let store else { return false }
        let recent = (try? store.records(HistoryQuery(types: [type], limit: 64, newestFirst: true))) ?? []
        return recent.contains(where: matches)
    }

    func event(_ event: EventRecord) {
        append(type: "event", event)
    }

    /// What is wrong with the store for `status` and the fault LED: why it cannot open, or
    /// the latest failed sync of the last day.
    var storageFault: String? {
        if let fault { return fault }
        guard let last = store?.lastStorageFault,
            KernelClock.monotonicMilliseconds() - last.atMonoMs < Self.storageFaultShownMs
        else { return nil }
        return "\(last) at \(KernelClock.rfc3339(milliseconds: last.atWallMs))"
    }

    /// Each failed sync becomes a `storage-fault` event (made durable by the sync that
    /// rewrites what the failure covered).
    private func announceStorageFaults() {
        guard let store else { return }
        for fault in store.takeStorageFaults() {
            log.error("storage fault: the medium failed to write back", [
                "operation": fault.operation, "path": fault.path, "error": "\(fault.errno)",
                "first_seq": fault.firstSeq.map { "\($0)" } ?? "-", "last_seq": fault.lastSeq.map { "\($0)" } ?? "-",
            ])
            event(.storageFault(fault))
        }
    }

    /// The next moment the main loop must call `tick`.
    var nextDeadline: Int64 {
        store == nil ? nextOpenAttempt : nextSync
    }

    /// Group commit, clock watch, drop announcements and retention; called by the main loop.
    func tick(now: Int64) {
        guard let store else {
            if now >= nextOpenAttempt { open() }
            return
        }
        guard now >= nextSync else { return }
        nextSync = now + max(1, config.storage.syncInterval.inMilliseconds)
        watchClock()
        announceStorageFaults()
        for report in store.takeDropReports() {
            log.warning("records dropped", ["reason": report.reason.rawValue, "count": "\(report.count)", "first_seq": "\(report.firstSeq)", "last_seq": "\(report.lastSeq)"])
            // Not announced (the append failed): the state file keeps it for the next start.
            if let seq = append(type: "event", EventRecord.dropped(report)) { store.dropsAnnounced([report], inRecord: seq) }
        }
        if now >= nextRetention, clock != .unsynced {
            nextRetention = now + 3_600_000
            do throws(StoreError) {
                try store.enforceRetention()
            } catch {
                log.error("retention failed", ["error": "\(error)"])
            }
        }
        sync()
    }

    /// Makes everything appended durable (one fdatasync), then lets the publisher see it.
    /// Returns whether everything appended is durable now.
    @discardableResult
    func sync() -> Bool {
        guard let store else { return false }
        guard store.needsSync else { return true }
        appendedSinceSync = 0
        do throws(StoreError) {
            try store.sync()
            onDurable()
            return true
        } catch {
            log.error("cannot sync the record store", ["error": "\(error)"])
            announceStorageFaults()
            return false
        }
    }

    private func watchClock() {
        let now = KernelClock.state()
        guard now != clock else { return }
        clock = now
        guard now == .synced, let anchor = ClockAnchor.current() else { return }
        feed.clockSynced(anchor)
        log.notice("clock synced")
        event(.clockSynced)
    }

    var clockState: ClockState { clock }

    /// At shutdown: the last records made durable, the store closed.
    func close() {
        sync()
        do throws(StoreError) {
            try store?.close()
        } catch {
            log.error("cannot close the record store", ["error": "\(error)"])
        }
        store = nil
        feed.attach(nil)
    }
}
