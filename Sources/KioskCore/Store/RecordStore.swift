import Synchronization

/// The durable local record store: everything kiosk-agent records goes here first; the
/// publisher sends from it, history queries read it.
///
/// Guarantees:
/// - `append` gives each record the next `seq`: strictly increasing, also across restarts,
///   never reused (after recovery the next seq is above every seq in the segments, in the
///   state file's high-water mark and at the acknowledged position).
/// - Group commit: `append` hands the record to the OS in one write; `sync()` makes
///   everything appended since the last sync durable with one fdatasync (plus an fsync of
///   the folder when a segment was created). Only durable records (`durableSeq`) are given
///   to the publisher by `pending` and to history queries. A kill -9 loses nothing
///   appended; a power cut loses at most what was appended since the last `sync()`, also
///   right after a kill (opening syncs what the killed process left in the page cache).
/// - A failed fdatasync never counts as a sync: the segment is rewritten to a fresh file by
///   the next `sync()` before `durableSeq` passes it (`StoreCore+Faults.swift`), and the
///   failure is kept for `takeStorageFaults()` and `lastStorageFault`.
/// - The acknowledged position (`acknowledge`) is persisted by the next `sync()` in the
///   same fdatasync; after a crash it may be a little behind, so a few acknowledged records
///   are sent again with their seq (at least once), never skipped.
/// - Disk use never exceeds `limits.maxSize`; when full, records go in the order of
///   `StoreCore+Space.swift` and every drop is counted (`stats()`) and, when it is a loss,
///   reported by `takeDropReports()` for an `event` record.
/// - Opening never fails because of damaged data (see `StoreCore+Recovery.swift`) and costs
///   the same whatever the number of stored records.
///
/// Thread safety: every method may be called from any thread (the daemon's loop appends and
/// syncs while the MQTT thread reads `pending` and acknowledges). One lock guards the state,
/// and no fsync runs under it: `sync()` holds it only to collect what to sync, so appends go
/// on during an fdatasync; the state file, compaction and deletes write outside it
/// (`StoreCore+SlowSteps.swift`), one writer (append, sync, retention, close) at a time.
public final class RecordStore: Sendable {
    public let directory: String
    public let limits: StoreLimits
    public let isReadOnly: Bool
    private let core: Mutex<StoreCore>
    /// Serialises `sync()` callers; the fdatasyncs themselves run outside `core`'s lock.
    private let syncing = Mutex<Void>(())
    /// Serialises what changes the files (appends, a sync's preparation, the slow steps, the
    /// state file): taken before `core`, and held through a slow step's unlocked phase.
    private let writer = Mutex<Void>(())

    private init(core: consuming StoreCore) {
        directory = core.directory
        limits = core.limits
        isReadOnly = !core.writable
        var core = core
        core.defersSlowIO = core.writable
        self.core = Mutex(core)
    }

    /// Opens (creating it if needed) the store in `directory` for writing. Throws
    /// `.locked` when another kioskd has it open, `.io` for a real I/O failure.
    public static func open(directory: String, limits: StoreLimits) throws(StoreError) -> RecordStore {
        RecordStore(core: try StoreCore.open(directory: directory, limits: limits, writable: true))
    }

    /// Opens the store of a `[storage]` section for writing.
    public static func open(_ storage: Config.Storage) throws(StoreError) -> RecordStore {
        try open(directory: storage.dir, limits: StoreLimits(storage))
    }

    /// Opens the store for reading only — `kioskctl` while kioskd is down, or even while it
    /// runs: it writes nothing, truncates nothing, takes no lock, ignores a tail being
    /// written, and sees the records on disk when it was opened. A missing folder is an empty
    /// store. `limits` only serve the statistics.
    public static func openReadOnly(
        directory: String, limits: StoreLimits = StoreLimits(maxSize: 256 * 1024 * 1024)
    ) throws(StoreError) -> RecordStore {
        RecordStore(core: try StoreCore.open(directory: directory, limits: limits, writable: false))
    }

    // MARK: Writing

    /// Appends one record and returns its seq. Not durable until the next `sync()`.
    @discardableResult
    public func append(_ record: NewRecord) throws(StoreError) -> UInt64 {
        try append(contentsOf: CollectionOfOne(record))!.lowerBound
    }

    /// Appends records with consecutive seqs, in as few writes as segments allow. On an
    /// error, the records with seq ≤ `lastSeq` were kept and the others not.
    @discardableResult
    public func append(contentsOf records: some Collection<NewRecord>) throws(StoreError) -> ClosedRange<UInt64>? {
        try writer.withLock { (_) throws(StoreError) in
            // Room made outside the lock means the append starts again with what is left.
            var remaining = records[...]
            var first: UInt64?
            return try writing { (core) throws(StoreError) -> ClosedRange<UInt64>? in
                let before = core.nextSeq
                defer {
                    if core.nextSeq > before {
                        first = first ?? before
                        remaining = remaining.dropFirst(Int(core.nextSeq - before))
                    }
                }
                guard try core.append(remaining) != nil else { return first.map { $0...core.lastSeq } }
                return (first ?? before)...core.lastSeq
            }
        }
    }

    /// Runs `body` on the core with the slow I/O it leaves done outside the lock: the state
    /// file it took, and a step it could not take (`StoreCore+SlowSteps.swift`), after which a
    /// `body` that failed for want of that step's room runs again. The caller holds `writer`.
    private func writing<T: Sendable>(_ body: (inout StoreCore) throws(StoreError) -> T) throws(StoreError) -> T {
        var stepsWithoutEffect = 0
        while true {
            let (result, step, state) = core.withLock { core in
                let result = Result { () throws(StoreError) -> T in try body(&core) }
                defer { core.deferredStep = nil; core.deferredState = nil }
                return (result, core.deferredStep, core.deferredState)
            }
            if let state { try write(state) }
            guard let step else { return try result.get() }
            if try perform(step) { stepsWithoutEffect = 0 } else { stepsWithoutEffect += 1 }
            if case .success(let value) = result { return value }
            // A step that changed nothing changed the next decision (a compaction with nothing
            // to drop clears the segment's periodic count); twice in a row would be a bug.
            guard stepsWithoutEffect < 2 else { return try result.get() }
        }
    }

    /// A slow step: decided under the lock, written without it, put in place under it.
    private func perform(_ step: SlowStep) throws(StoreError) -> Bool {
        guard let work = try core.withLock({ (core) throws(StoreError) in try core.begin(step) }) else { return false }
        let written: SlowWork.Written
        do throws(StoreError) { written = try work.write() } catch {
            if work.state != nil { core.withLock { $0.stateWriteFailed() } }
            throw error
        }
        try core.withLock { (core) throws(StoreError) in try core.finish(work, written) }
        try work.folder?.syncDirectory()
        return true
    }

    /// A state write nothing waits on; on a full file system it is done again by a later sync.
    private func write(_ state: StateWrite) throws(StoreError) {
        do throws(StoreError) { try state.write() } catch {
            core.withLock { $0.stateWriteFailed() }
            if !error.isOutOfSpace { throw error }
        }
    }

    /// Makes every record appended so far durable, with the acknowledged position: one
    /// fdatasync (more only when a segment was sealed or created since the last sync).
    /// Returns the number of fdatasync/fsync calls: 0 when nothing changed, so a daemon
    /// that calls it every `sync_interval` costs nothing while nothing is recorded.
    @discardableResult
    public func sync() throws(StoreError) -> Int {
        try syncing.withLock { (_) throws(StoreError) -> Int in
            let prepared = try writer.withLock { (_) throws(StoreError) -> StoreCore.SyncPlan? in
                while let path = core.withLock({ $0.segmentsToRewrite.min() }) {
                    if !(try perform(.rewrite(path: path))) { core.withLock { _ = $0.segmentsToRewrite.remove(path) } }
                }
                return try writing { (core) throws(StoreError) in try core.prepareSync() }
            }
            guard let plan = prepared else { return 0 }
            var syncs = 0
            var syncing: StoreFile?
            do throws(StoreError) {
                for file in plan.files {
                    syncing = file
                    try file.syncData()
                    syncs += 1
                }
                syncing = nil
                if let folder = plan.folder {
                    try folder.syncDirectory()
                    syncs += 1
                }
            } catch {
                core.withLock { core in
                    core.failSync(plan, syncs: syncs)
                    core.noteSyncFault(plan, file: syncing, error: error)
                }
                throw error
            }
            core.withLock { $0.completeSync(plan, syncs: syncs) }
            return syncs
        }
    }

    /// Whether `sync()` has anything to do.
    public var needsSync: Bool {
        core.withLock { core in
            core.tailWrittenSinceSync || !core.unsynced.isEmpty || core.directoryChanges > core.directorySynced
                || core.acknowledged.seq > core.acknowledgedWritten.seq || core.stateDirty
        }
    }

    /// Records that the broker acknowledged every record up to `seq` (the publisher tracks
    /// contiguity). Persisted by the next `sync()`; never moves back.
    public func acknowledge(through seq: UInt64, atWallMs: Int64 = KernelClock.wallMilliseconds()) {
        core.withLock { $0.acknowledge(through: seq, atWallMs: atWallMs) }
    }

    /// Counts a record that can never be sent (larger than the broker's maximum packet size,
    /// an invalid topic) as a `rejected` drop. `announce` false: counted, but no drop report,
    /// for a record that is itself a drop announcement (announcing its loss would make another
    /// announcement, which could be set aside in turn: a chain without end).
    public func recordRejected(seq: UInt64, bytes: UInt64 = 0, announce: Bool = true) {
        core.withLock { core in
            guard core.writable else { return }
            let report = DropReport(reason: .rejected, count: 1, bytes: bytes, firstSeq: seq, lastSeq: seq)
            if announce {
                core.tally(report)
            } else {
                core.persisted.count(report, atWallMs: KernelClock.wallMilliseconds())
            }
            core.stateDirty = true
        }
    }

    /// Deletes acknowledged history older than `limits.retention` (whole segments). Call it
    /// from time to time while the clock is synced; returns what went.
    @discardableResult
    public func enforceRetention(nowWallMs: Int64 = KernelClock.wallMilliseconds()) throws(StoreError) -> [DropReport] {
        try writer.withLock { (_) throws(StoreError) in
            try writing { (core) throws(StoreError) in try core.enforceRetention(nowWallMs: nowWallMs) }
        }
    }

    /// The losses (cap, damage, rejection) since the last call, oldest first, for the daemon
    /// to announce in `event` records. After a restart, first the losses of earlier runs whose
    /// announcement never became durable (they are kept in the state file until it does).
    public func takeDropReports() -> [DropReport] {
        core.withLock { $0.dropReports.take() }
    }

    /// `reports` (from `takeDropReports`) are announced by the record `seq`: once it is
    /// durable they are forgotten; until then a restart hands them out again.
    public func dropsAnnounced(_ reports: [DropReport], inRecord seq: UInt64) {
        core.withLock { $0.dropReports.announced(reports, inRecord: seq) }
    }

    /// Failed syncs since the last call, oldest first, for the daemon to announce in
    /// `storage-fault` events.
    public func takeStorageFaults() -> [StorageFault] {
        core.withLock { core in
            defer { core.storageFaults.removeAll() }
            return core.storageFaults
        }
    }

    /// The latest failed sync of this run, for `status` and the fault LED.
    public var lastStorageFault: StorageFault? { core.withLock { $0.lastStorageFault } }

    /// Syncs, writes the state file and lets go of the files and the lock.
    public func close() throws(StoreError) {
        guard core.withLock({ $0.isOpen }) else { return }
        if !isReadOnly { try sync() }
        try writer.withLock { (_) throws(StoreError) in
            try core.withLock { (core) throws(StoreError) in
                // The state is written before the lock on the folder goes.
                core.defersSlowIO = false
                try core.close()
            }
        }
    }

    // MARK: Reading

    /// Up to `limit` durable records with seq > `after`, in seq order: the publisher's queue.
    /// Consecutive calls that continue where the last stopped read on without searching.
    public func pending(after seq: UInt64, limit: Int) throws(StoreError) -> [StoredRecord] {
        try core.withLock { (core) throws(StoreError) in try core.pending(after: seq, limit: limit) }
    }

    public func records(_ query: HistoryQuery) throws(StoreError) -> [StoredRecord] {
        try core.withLock { (core) throws(StoreError) in try core.history(query) }
    }

    /// History of one type (or all) between two wall times, oldest first.
    public func records(
        type: String? = nil, fromWallMs: Int64? = nil, toWallMs: Int64? = nil, limit: Int = 1000,
        newestFirst: Bool = false
    ) throws(StoreError) -> [StoredRecord] {
        try records(
            HistoryQuery(
                types: type.map { [$0] }, fromWallMs: fromWallMs, toWallMs: toWallMs, limit: limit,
                newestFirst: newestFirst))
    }

    public func stats() throws(StoreError) -> QueueStats {
        try core.withLock { (core) throws(StoreError) in try core.stats() }
    }

    /// The newest seq appended.
    public var lastSeq: UInt64 { core.withLock { $0.lastSeq } }
    /// The newest seq on the medium: what `pending` may return.
    public var durableSeq: UInt64 { core.withLock { $0.durableSeq } }
    public var acknowledgedSeq: UInt64 { core.withLock { $0.acknowledged.seq } }
    /// What opening found and did.
    public var recovery: RecoveryReport { core.withLock { $0.recovery } }
    /// System calls made so far: syncs and bytes written.
    public var ioCounters: StoreIOCounters { core.withLock { $0.io } }
}
