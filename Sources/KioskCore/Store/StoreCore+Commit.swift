/// Group commit: what `sync()` makes durable, the acknowledged position, the state file.
///
/// `prepareSync` runs under the store's lock and only writes (the acknowledgement frame,
/// the state after damage); the fdatasyncs it plans run outside the lock (`RecordStore.sync`),
/// so the daemon's loop can go on appending during a slow SD card flush; `completeSync`
/// then moves `durableSeq` to what the plan covered. Files are synced in the order they
/// were sealed, the tail last, which is what lets recovery treat a segment found unsealed
/// as the end of everything durable.
extension StoreCore {
    mutating func acknowledge(through seq: UInt64, atWallMs: Int64) {
        let seq = min(seq, lastSeq)
        guard seq > acknowledged.seq else { return }
        acknowledged = AcknowledgedPosition(seq: seq, atWallMs: atWallMs)
    }

    /// Puts the acknowledged position on its way to the medium: an `A` frame in the tail,
    /// synced with the records; the state file when the tail has no room for it without
    /// dropping unsent records.
    mutating func writeAcknowledgement() throws(StoreError) {
        guard acknowledged.seq > acknowledgedWritten.seq else { return }
        let size = AcknowledgedPosition.frameSize
        if !tailHasRoom(for: size) {
            guard try startTail(needing: size, allowLoss: false) else { return try writeStateUnlessFull() }
            // Emptying a tail without records wrote the state, position included.
            if acknowledgedWritten == acknowledged { return }
        }
        guard try makeRoom(for: size, allowLoss: false) else { return try writeStateUnlessFull() }
        var frame: [UInt8] = []
        AcknowledgedPosition.append(acknowledged, to: &frame)
        try writeToTail(frame)
        acknowledgedWritten = acknowledged
    }

    /// What one `sync()` must make durable, taken under the lock and done outside it.
    struct SyncPlan: Sendable {
        var files: [StoreFile]
        var throughSeq: UInt64
        var directoryMark: UInt64
        var folder: StoreFile?
    }

    /// Writes what is waiting (the acknowledged position, the state after damage) and
    /// returns the files to fdatasync, or nil when nothing changed since the last sync.
    mutating func prepareSync() throws(StoreError) -> SyncPlan? {
        try checkWritable()
        try rewriteFailedSegments()
        try writeAcknowledgement()
        if stateDirty { try writeStateUnlessFull() }
        guard tailWrittenSinceSync || !unsynced.isEmpty || directoryChanges > directorySynced else { return nil }
        var files = unsynced
        if tailWrittenSinceSync, let tailFile { files.append(tailFile) }
        let plan = SyncPlan(
            files: files, throughSeq: lastSeq, directoryMark: directoryChanges,
            folder: directoryChanges > directorySynced ? segmentsFolder : nil)
        unsynced = []
        tailWrittenSinceSync = false
        return plan
    }

    mutating func completeSync(_ plan: SyncPlan, syncs: Int) {
        durableSeq = max(durableSeq, plan.throughSeq)
        if dropReports.settle(durableSeq: durableSeq) { stateDirty = true }
        directorySynced = max(directorySynced, plan.directoryMark)
        io.syncs += UInt64(syncs)
    }

    /// A failed sync leaves its files to the next one, the one that failed to be rewritten
    /// first (`noteSyncFault`): `durableSeq` does not move.
    mutating func failSync(_ plan: SyncPlan, syncs: Int) {
        let tail = tailFile
        unsynced = plan.files.filter { $0 !== tail } + unsynced
        if plan.files.contains(where: { $0 === tail }) { tailWrittenSinceSync = true }
        io.syncs += UInt64(syncs)
    }

    /// Replaces `state.json` with the current counters, acknowledged position and high-water
    /// mark; while slow I/O is deferred, only takes the bytes for `RecordStore` to write after
    /// the lock (for state writes nothing waits on: those of `writeStateUnlessFull`).
    mutating func writeState(highWater: UInt64 = 0) throws(StoreError) {
        guard let state = takeState(highWater: highWater) else { return }
        if defersSlowIO {
            deferredState = state
            return
        }
        do throws(StoreError) { try state.write() } catch {
            stateWriteFailed()
            throw error
        }
    }

    /// `writeState` where it can wait: on a full file system the state stays dirty and is
    /// written by a later sync, so records still become durable.
    mutating func writeStateUnlessFull() throws(StoreError) {
        do throws(StoreError) {
            try writeState()
        } catch where error.isOutOfSpace {
            stateDirty = true
        }
    }

    /// Counts a drop and, when it is a loss, queues it for the daemon to announce (persisted
    /// by the next state write: for a cap drop, the one before the delete).
    mutating func tally(_ report: DropReport) {
        guard report.count > 0 else { return }
        persisted.count(report, atWallMs: KernelClock.wallMilliseconds())
        if report.reason.isLoss { dropReports.append(report) }
    }

    /// Writes the state (with the durable seq as high-water mark) and lets go of the files
    /// and the lock. The caller synced first.
    mutating func close() throws(StoreError) {
        guard isOpen else { return }
        if writable { try writeState() }
        isOpen = false
        // Closing the segments folder's descriptor releases the flock.
        segmentsFolder = nil
        storeFolder = nil
        tailFile = nil
        unsynced = []
        cursor = nil
    }
}
