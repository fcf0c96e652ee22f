#if canImport(Glibc)
import Glibc
#endif

/// The record store's state and every operation on it; `RecordStore` owns one behind a lock.
///
/// Invariants kept by every method:
/// - `segments` are in seq order and never overlap; only the last one may be unsealed, and it
///   is the tail (`tailFile` open for writing) in a writable store.
/// - `segmentBytes` is the sum of the segment files' sizes and, with `corrupt/` and the state
///   file, stays within `limits.maxSize` (see `StoreLimits`).
/// - `durableSeq ≤ nextSeq - 1`; a record with seq ≤ `durableSeq` is on the medium.
struct StoreCore {
    let directory: String
    let limits: StoreLimits
    let writable: Bool
    /// Writer only: the segments folder (locked with flock, fsynced after names change) and
    /// the store folder (fsynced after the state file is replaced).
    var segmentsFolder: StoreFile?
    var storeFolder: StoreFile?
    var isOpen = true

    var segments: [Segment] = []
    var tailFile: StoreFile?
    var segmentBytes: UInt64 = 0
    var nextSeq: UInt64 = 1
    var durableSeq: UInt64 = 0
    var acknowledged = AcknowledgedPosition()
    /// The acknowledged position last written to the medium (an `A` frame, a seal or the state).
    var acknowledgedWritten = AcknowledgedPosition()
    var persisted = PersistedState()
    var stateFileBytes: UInt64 = 0
    var stateDirty = false
    var corruptArea: CorruptArea
    /// Damage already counted in this process: `<segment>-<generation>-<offset>`.
    var knownDamage: Set<String> = []
    /// Losses on their way to `records-dropped` events, persisted until announced.
    var dropReports = DropAnnouncements()
    var cursor: ReadCursor?
    var nextGeneration: UInt64 = 1

    /// Sealed segments written since the last sync, and whether the tail was.
    var unsynced: [StoreFile] = []
    var tailWrittenSinceSync = false
    var directoryChanges: UInt64 = 0
    var directorySynced: UInt64 = 0
    /// Segments whose fdatasync failed: rewritten before anything of them counts as durable
    /// (see `StoreCore+Faults.swift`).
    var segmentsToRewrite: Set<String> = []
    /// Set by `RecordStore` once open for writing: the slow steps (`StoreCore+SlowSteps.swift`)
    /// and state writes are left in `deferredStep` and `deferredState`, to be done outside the lock.
    var defersSlowIO = false
    var deferredStep: SlowStep?
    var deferredState: StateWrite?
    /// Failed syncs not yet handed to the daemon, and the latest one.
    var storageFaults: [StorageFault] = []
    var lastStorageFault: StorageFault?

    var recovery = RecoveryReport()
    var io = StoreIOCounters()
    var codec = RecordBody()
    var scratch: [UInt8] = []

    var segmentsDirectory: String { directory + "/segments" }
    var statePath: String { directory + "/" + PersistedState.fileName }
    var lastSeq: UInt64 { nextSeq - 1 }
    var diskBytes: UInt64 { segmentBytes + corruptArea.keptBytes + stateFileBytes }
    /// Segments that may be dropped or compacted: all but an open tail.
    var sealedCount: Int { tailFile == nil ? segments.count : segments.count - 1 }

    func checkWritable() throws(StoreError) {
        guard isOpen else { throw StoreError.closed }
        guard writable else { throw StoreError.readOnly }
    }

    // MARK: Appending

    /// Appends `records` with consecutive seqs. Each record reaches the OS with the others of
    /// its segment in one write; none is durable before `prepareSync`/`completeSync`.
    /// An invalid record refuses the whole batch. On an I/O failure the records of this call
    /// not yet written are not stored and their seqs not used; records written before the
    /// failure (when the batch crossed a segment) are kept.
    mutating func append(_ records: some Collection<NewRecord>) throws(StoreError) -> ClosedRange<UInt64>? {
        try checkWritable()
        guard !records.isEmpty else { return nil }
        for record in records {
            try Self.validate(record)
            let frameSize = RecordFrame.headerSize + RecordBody.encodedSize(record)
            guard frameSize <= limits.maxFrameSize else {
                throw StoreError.recordTooLarge(size: frameSize, limit: limits.maxFrameSize)
            }
        }
        let first = nextSeq
        var staged: [(seq: UInt64, periodic: Bool, wallMs: Int64, length: Int)] = []
        staged.reserveCapacity(records.count)
        scratch.removeAll(keepingCapacity: true)
        for record in records {
            let frameSize = RecordFrame.headerSize + RecordBody.encodedSize(record)
            if !tailHasRoom(for: scratch.count + frameSize + AcknowledgedPosition.frameSize)
                || !budgetHasRoom(for: scratch.count + frameSize)
            {
                try writeStaged(&staged)
                try makeRoomForRecord(frameSize)
            }
            let seq = nextSeq + UInt64(staged.count)
            RecordFrame.append(kind: .record, seq: seq, to: &scratch) { RecordBody.encode(record, to: &$0) }
            staged.append((seq, record.periodic, record.wallMs, frameSize))
        }
        try writeStaged(&staged)
        return first...lastSeq
    }

    static func validate(_ record: NewRecord) throws(StoreError) {
        guard RecordBody.isValidType(record.type) else {
            throw StoreError.invalidRecord("type \"\(record.type)\" is not 1–64 of a-z 0-9 _ -")
        }
        guard let open = record.data.first(where: { !Self.isJSONSpace($0) }), open == UInt8(ascii: "{"),
            record.data.last(where: { !Self.isJSONSpace($0) }) == UInt8(ascii: "}")
        else { throw StoreError.invalidRecord("data of a \(record.type) record is not a JSON object") }
    }

    private static func isJSONSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Writes the frames in `scratch` to the tail; on failure cuts the tail back to where it was.
    private mutating func writeStaged(_ staged: inout [(seq: UInt64, periodic: Bool, wallMs: Int64, length: Int)])
        throws(StoreError)
    {
        guard !staged.isEmpty else { return }
        defer {
            staged.removeAll(keepingCapacity: true)
            scratch.removeAll(keepingCapacity: true)
        }
        try writeToTail(scratch)
        let index = segments.count - 1
        for frame in staged {
            segments[index].summary.add(seq: frame.seq, periodic: frame.periodic, wallMs: frame.wallMs, frameLength: frame.length)
        }
        nextSeq = staged.last!.seq + 1
    }

    /// Writes `bytes` at the end of the tail. A partial write is cut off again, so the
    /// tail always ends with a whole frame; the error is returned. When the file system is
    /// full (before the cap is reached), acknowledged history is deleted to make room, once.
    mutating func writeToTail(_ bytes: [UInt8]) throws(StoreError) {
        try freeingHistoryWhenDiskIsFull { (core) throws(StoreError) in try core.writeToTailOnce(bytes) }
    }

    /// Runs `body`; if the file system is full, deletes the oldest segment when it is all
    /// acknowledged history and runs `body` once more.
    mutating func freeingHistoryWhenDiskIsFull<T>(_ body: (inout StoreCore) throws(StoreError) -> T) throws(StoreError) -> T {
        do throws(StoreError) {
            return try body(&self)
        } catch where error.isOutOfSpace {
            guard sealedCount > 0, segments[0].summary.lastSeq <= acknowledged.seq,
                try run(.delete(paths: [segments[0].path], reason: .publishedHistory))
            else { throw error }
            return try body(&self)
        }
    }

    private mutating func writeToTailOnce(_ bytes: [UInt8]) throws(StoreError) {
        let file = tailFile!
        let index = segments.count - 1
        let offset = segments[index].fileSize
        do {
            try file.write(bytes, at: offset)
        } catch {
            try? file.truncate(to: offset)
            throw error
        }
        segments[index].fileSize += bytes.count
        segmentBytes += UInt64(bytes.count)
        io.bytesWritten += UInt64(bytes.count)
        tailWrittenSinceSync = true
    }

    /// Whether the open tail can take `bytes` more and still its seal.
    func tailHasRoom(for bytes: Int) -> Bool {
        guard tailFile != nil, let tail = segments.last else { return false }
        return tail.fileSize + bytes + SegmentSeal.frameSize <= limits.segmentSize
    }

    /// Whether `bytes` more segment bytes (plus a seal for the tail) fit the budget.
    func budgetHasRoom(for bytes: Int) -> Bool {
        segmentBytes + UInt64(bytes + SegmentSeal.frameSize) <= limits.segmentBudget
    }

    /// Makes the tail and the budget take one record frame of `size`, dropping what the
    /// cap demands.
    private mutating func makeRoomForRecord(_ size: Int) throws(StoreError) {
        let needed = size + AcknowledgedPosition.frameSize
        if !tailHasRoom(for: needed), !(try startTail(needing: needed, allowLoss: true)) {
            throw StoreError.full(needed: size, maxSize: limits.maxSize)
        }
        guard try makeRoom(for: needed, allowLoss: true) else {
            throw StoreError.full(needed: size, maxSize: limits.maxSize)
        }
        // Making room may have sealed a lone tail to drop it.
        if tailFile == nil, !(try startTail(needing: needed, allowLoss: true)) {
            throw StoreError.full(needed: size, maxSize: limits.maxSize)
        }
    }

    /// Seals the tail if there is one and opens a new one named after the next seq, with room
    /// for `bytes`. False when the room could not be made without a loss `allowLoss` forbids.
    mutating func startTail(needing bytes: Int, allowLoss: Bool) throws(StoreError) -> Bool {
        if tailFile != nil { try sealTail() }
        // A tail without records is emptied rather than sealed, and stays the tail.
        if tailFile != nil { return try makeRoom(for: bytes, allowLoss: allowLoss) }
        guard try makeRoom(for: Segment.headerSize + bytes, allowLoss: allowLoss) else { return false }
        let path = segmentsDirectory + "/" + Segment.fileName(nextSeq)
        let header = Segment.header(firstSeq: nextSeq, createdWallMs: KernelClock.wallMilliseconds())
        let file = try freeingHistoryWhenDiskIsFull { (_) throws(StoreError) in
            let file = try StoreFile(path: path, flags: O_RDWR | O_CREAT | O_EXCL)
            do throws(StoreError) { try file.write(header, at: 0) } catch {
                try? StoreFiles.remove(path)
                throw error
            }
            return file
        }
        segments.append(Segment(firstSeq: nextSeq, path: path, fileSize: header.count))
        tailFile = file
        segmentBytes += UInt64(header.count)
        io.bytesWritten += UInt64(header.count)
        tailWrittenSinceSync = true
        directoryChanges += 1
        return true
    }

    /// Ends the tail with its seal; the next append starts a new segment. The sealed file is
    /// synced by the next `sync()`. A tail without records is not sealed but emptied (after
    /// its acknowledged position went to the state file): sealed segments always hold records.
    mutating func sealTail() throws(StoreError) {
        guard let file = tailFile else { return }
        let index = segments.count - 1
        if segments[index].summary.count == 0 {
            // Were the state not written (full disk), the position is written again as an
            // `A` frame by the next sync; meanwhile a crash only means records sent twice.
            try writeStateUnlessFull()
            if stateDirty { acknowledgedWritten = AcknowledgedPosition() }
            try file.truncate(to: Segment.headerSize)
            segmentBytes -= UInt64(segments[index].fileSize - Segment.headerSize)
            segments[index].fileSize = Segment.headerSize
            segments[index].generation = takeGeneration()
            return
        }
        var seal: [UInt8] = []
        SegmentSeal.append(segments[index].summary, acknowledged: acknowledged, to: &seal)
        try writeToTail(seal)
        segments[index].sealed = true
        unsynced.append(file)
        tailFile = nil
    }

    mutating func takeGeneration() -> UInt64 {
        defer { nextGeneration += 1 }
        return nextGeneration
    }
}
