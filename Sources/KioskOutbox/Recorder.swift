import KioskCore
import Synchronization

/// The recording side of the record store: opens it (and keeps trying when it cannot), appends
/// records, runs the group commit on `sync_interval` (its fdatasyncs on the `Committer`'s
/// thread), hands records over durably, announces drops, applies retention.
///
/// Owned by one thread (kioskd's main loop, a simulated kiosk's); the publisher reads the
/// same store through `StoreFeed` on the network thread (the store is thread-safe). In
/// KioskOutbox, so kioskd and the fleet simulator record through this very code.
public final class Recorder {
    public private(set) var store: RecordStore?
    /// The publisher's view; exists before the store opens so the broker client can hold it.
    public let feed: StoreFeed
    /// Why the store is not open, for `status`; nil when it is.
    public private(set) var fault: String?
    /// A failed sync stays in `status` and on the fault LED this long: a card that failed
    /// once fails again, and a technician visiting later that day must still see it.
    public static let storageFaultShownMs: Int64 = 86_400_000
    private var config: Config
    private let log = Logger("store")
    private var nextSync: Int64 = 0
    private var nextOpenAttempt: Int64 = 0
    private var nextRetention: Int64 = 0
    private var nextClockCheck: Int64 = 0
    /// The clock is looked at this often when nothing is recorded (and at every sync, and
    /// when `status` asks): NTP's verdict needs no quicker reaction, and an idle kiosk sleeps.
    public static let clockCheckMs: Int64 = 60_000
    /// The next sync tick has work beyond appends: the store just opened (drops carried over
    /// from its last run to announce), or a background sync failed (its fault to announce).
    private var syncWorkPending = false
    private var clock: ClockState = KernelClock.state()
    /// Records appended since the last sync. A burst makes a sync due at once: syncing sooner
    /// than `sync_interval` only shortens what a power cut can take, and lets the publisher start.
    private var appendedSinceSync = 0
    /// Records `handOver` appended whose sync has not succeeded yet, by the caller's id.
    private var handedOver: [String: UInt64] = [:]
    public static let burst = 2_000
    /// The group commit's thread, while the store is open.
    private var committer: Committer?
    /// Called after a sync made new records durable: wakes the publisher. Called from the
    /// committer's thread too.
    public var onDurable: @Sendable () -> Void {
        get { durableCallback.value.withLock { $0 } }
        set { durableCallback.value.withLock { $0 = newValue } }
    }
    private final class Callback: Sendable {
        let value = Mutex<@Sendable () -> Void>({})
    }
    private let durableCallback = Callback()

    public init(config: Config) {
        self.config = config
        feed = StoreFeed(config: config)
    }

    /// Opens the store; failure is a fault to report and retry, never a reason to stop.
    public func open() {
        do throws(StoreError) {
            let store = try RecordStore.open(config.storage)
            self.store = store
            syncWorkPending = true
            feed.attach(store)
            let callback = durableCallback
            let committer = Committer(store: store) { callback.value.withLock { $0 }() }
            committer.start()
            self.committer = committer
            if clock == .synced, let anchor = ClockAnchor.current() { feed.clockSynced(anchor) }
            let recovery = store.recovery
            if fault != nil { log.notice("record store open again", ["dir": config.storage.dir]) }
            fault = nil
            log.info("record store open", [
                "dir": config.storage.dir, "last_seq": "\(store.lastSeq)", "acked_seq": "\(store.acknowledgedSeq)",
                "segments": "\(recovery.segments)", "torn_tail_bytes": "\(recovery.tornTailBytes)",
            ])
            if !recovery.segmentsSetAside.isEmpty || recovery.corruptRegions > 0 {
                log.warning("damaged data set aside", [
                    "segment_headers": "\(recovery.segmentsSetAside.count)", "regions": "\(recovery.corruptRegions)",
                    "unreadable_bytes": "\(recovery.unreadableBytes)",
                ])
            }
        } catch {
            let text = "\(error)"
            if fault != text { log.error("cannot open the record store; retrying every 30s", ["dir": config.storage.dir, "error": text]) }
            fault = text
            nextOpenAttempt = KernelClock.monotonicMilliseconds() + 30_000
        }
    }

    /// A reloaded configuration: sync interval, caps and retention. The store stays in the
    /// folder it opened in until the next start; the feed's name is the broker service's.
    public func update(config: Config) {
        if config.storage.dir != self.config.storage.dir {
            log.notice("[storage] dir changes take effect at the next start", ["dir": self.config.storage.dir])
        }
        self.config = config
    }

    /// Appends a record; a failure is logged and reported in `status`, not thrown at callers.
    @discardableResult
    public func append(type: String, _ data: some Encodable, periodic: Bool = false) -> UInt64? {
        guard let json = try? JSON.line(data) else {
            log.error("cannot encode a record", ["type": type])
            return nil
        }
        return append(type: type, data: json, periodic: periodic)
    }

    /// Appends a record whose `data` is already JSON (from the health thread); the one place
    /// that appends, counts the burst and syncs early.
    @discardableResult
    public func append(type: String, data: [UInt8], periodic: Bool) -> UInt64? {
        guard let store else { return nil }
        do throws(StoreError) {
            let seq = try store.append(NewRecord(type: type, data: data, periodic: periodic, clock: clock))
            appendedSinceSync += 1
            if appendedSinceSync >= Self.burst { commit() }
            return seq
        } catch {
            log.error("cannot append a record", ["type": type, "error": "\(error)"])
            return nil
        }
    }

    /// How many of the newest records `holdsRecent` looks through. A record recovered after a
    /// crash (an outage from the ledger, a session) was appended at most one sync before it
    /// would have been confirmed — within a burst (`burst`) of the store's end, plus what
    /// start-up appended since; looking no further keeps the main loop's start-up from reading
    /// the whole store when the type is rare.
    public static let recentWindow: UInt64 = 4_096

    /// Whether one of the newest records of `type` (the last 64, among the last `recentWindow`
    /// records) has exactly this `data`.
    public func holdsRecent(type: String, data: [UInt8]) -> Bool {
        holdsRecent(type: type) { $0.data == data }
    }

    /// Whether one of the newest records of `type` (the last 64, among the last `recentWindow`
    /// records) is the one `matches` looks for.
    public func holdsRecent(type: String, where matches: (StoredRecord) -> Bool) -> Bool {
        guard let store else { return false }
        let last = store.lastSeq
        let query = HistoryQuery(
            types: [type], afterSeq: last > Self.recentWindow ? last - Self.recentWindow : 0, limit: 64, newestFirst: true)
        let recent = (try? store.records(query)) ?? []
        return recent.contains(where: matches)
    }

    /// The one durable hand-off, for a record its source keeps until it is on the medium (an
    /// outage in the health ledger, a session in the journal): not already stored (`recovered`:
    /// after a crash the source hands over again what the store may hold — `isSame` finds it
    /// among the newest of its type), appended once, synced. True when it is durable and the
    /// source may forget it; false when the source must keep it (an append or a sync failed).
    /// `id` names the record while it waits: a failed sync is retried, never a second append.
    public func handOver(id: String, type: String, data: [UInt8], recovered: Bool, isSame: (StoredRecord) -> Bool) -> Bool {
        if recovered && handedOver[id] == nil && holdsRecent(type: type, where: isSame) { return true }
        if handedOver[id] == nil {
            guard let seq = append(type: type, data: data, periodic: false) else { return false }
            handedOver[id] = seq
        }
        guard sync() else { return false }
        handedOver[id] = nil
        return true
    }

    /// `handOver` of an `Encodable` record.
    public func handOver(id: String, type: String, _ record: some Encodable, recovered: Bool, isSame: (StoredRecord) -> Bool) -> Bool {
        guard let json = try? JSON.line(record) else {
            log.error("cannot encode a record", ["type": type])
            return false
        }
        return handOver(id: id, type: type, data: json, recovered: recovered, isSame: isSame)
    }

    public func event(_ event: EventRecord) {
        append(type: "event", event)
    }

    /// What is wrong with the store for `status` and the fault LED: why it cannot open, or
    /// the latest failed sync of the last day.
    public var storageFault: String? {
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

    /// The next moment the main loop must call `tick`: the next sync while something waits
    /// for one, else only the clock check and retention.
    public var nextDeadline: Int64? {
        guard let store else { return nextOpenAttempt }
        let chores = min(nextClockCheck, nextRetention)
        return hasSyncWork(store) ? min(nextSync, chores) : chores
    }

    private func hasSyncWork(_ store: RecordStore) -> Bool {
        appendedSinceSync > 0 || syncWorkPending || store.needsSync
    }

    /// Group commit, clock watch, drop announcements and retention; called by the main loop.
    public func tick(now: Int64) {
        guard let store else {
            if now >= nextOpenAttempt { open() }
            return
        }
        if let failure = committer?.takeFailure() {
            log.error("cannot sync the record store", ["error": "\(failure)"])
            syncWorkPending = true
        }
        if now >= nextClockCheck {
            nextClockCheck = now + Self.clockCheckMs
            checkClock()
        }
        if now >= nextRetention {
            // Ages are wall-clock ages: not before the clock is synced.
            nextRetention = now + (clock == .unsynced ? Self.clockCheckMs : 3_600_000)
            if clock != .unsynced { enforceRetention(store) }
        }
        guard now >= nextSync, hasSyncWork(store) else { return }
        nextSync = now + max(1, config.storage.syncInterval.inMilliseconds)
        syncWorkPending = false
        checkClock()
        announceStorageFaults()
        for report in store.takeDropReports() {
            log.warning("records dropped", ["reason": report.reason.rawValue, "count": "\(report.count)", "first_seq": "\(report.firstSeq)", "last_seq": "\(report.lastSeq)"])
            // Not announced (the append failed): the state file keeps it for the next start.
            if let seq = append(type: "event", EventRecord.dropped(report)) { store.dropsAnnounced([report], inRecord: seq) }
        }
        commit()
    }

    private func enforceRetention(_ store: RecordStore) {
        do throws(StoreError) {
            try store.enforceRetention()
        } catch {
            log.error("retention failed", ["error": "\(error)"])
        }
    }

    /// The group commit: the committer's thread syncs, the main loop goes on.
    private func commit() {
        appendedSinceSync = 0
        committer?.request()
    }

    /// Makes everything appended durable now, on the caller's thread (one fdatasync), then lets
    /// the publisher see it: for callers that must know before they go on. Returns whether
    /// everything appended is durable now.
    @discardableResult
    public func sync() -> Bool {
        guard let store else { return false }
        guard store.needsSync else { return true }
        appendedSinceSync = 0
        do throws(StoreError) {
            try Committer.sync(store)
            onDurable()
            return true
        } catch {
            log.error("cannot sync the record store", ["error": "\(error)"])
            announceStorageFaults()
            return false
        }
    }

    /// Looks at the clock now: once it is synced, records are stamped synced and the backlog
    /// is re-anchored (a `clock-synced` event says when). `status` calls it, so what it shows
    /// is never a minute stale.
    public func checkClock() {
        let now = KernelClock.state()
        guard now != clock else { return }
        clock = now
        guard now == .synced, let anchor = ClockAnchor.current() else { return }
        feed.clockSynced(anchor)
        log.notice("clock synced")
        event(.clockSynced)
    }

    public var clockState: ClockState { clock }

    /// At shutdown: the last records made durable, the store closed.
    public func close() {
        committer?.stop()
        committer = nil
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
