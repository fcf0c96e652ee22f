#if canImport(Glibc)
import Glibc
#endif

/// A slow change of the store's files: deleting segments, or replacing one whole.
///
/// Each takes fsyncs that a worn SD card can make last seconds (the state file first, so a
/// crash never forgets a drop or reuses a seq; the new file's fdatasync; the folder's fsync),
/// so it runs in three phases and `RecordStore` holds its lock only for the first and the
/// last: `begin` decides and counts under the lock, `SlowWork.write` writes and syncs without
/// it, `finish` puts the result in place under the lock again. The MQTT thread's `pending`
/// and `acknowledge` and history queries go on meanwhile. `RecordStore` lets one writer at a
/// time (appends, syncs, retention) run, so nothing else changes the segments or the state
/// file between the phases.
enum SlowStep: Equatable, Sendable {
    /// The oldest segments (sealed, a prefix of the store); their unsent records count as `reason`.
    case delete(paths: [String], reason: DropReason)
    /// A sealed segment rewritten without its periodic samples and acknowledged records.
    case compact(path: String)
    /// A segment whose fdatasync failed, copied to fresh blocks (`StoreCore+Faults.swift`).
    case rewrite(path: String)
}

/// What a step writes outside the lock, decided by `StoreCore.begin`.
struct SlowWork: Sendable {
    /// The state file, made durable before any segment file changes.
    var state: StateWrite?
    /// Whether the step must stop if the state cannot be written (compaction); a delete goes
    /// on when the file system is full, its counters kept for a later sync.
    var stateRequired = false
    var deletions: [String] = []
    var replacement: Replacement?
    var folder: StoreFile?

    /// A segment's new content, written beside it as `.compact` and renamed over it.
    struct Replacement: Sendable {
        var path: String
        var bytes: [UInt8]
        /// The summary of the new content; nil when it is a copy.
        var summary: SegmentSummary?
        var temporary: String { path + ".compact" }
    }

    /// What `write` did: the new file (open for reading and writing), and whether the state
    /// file was written.
    struct Written: Sendable {
        var file: StoreFile?
        var stateWritten: Bool
    }

    /// The slow part, with no lock held: the new segment written and fdatasynced, then the
    /// state file replaced.
    func write() throws(StoreError) -> Written {
        var file: StoreFile?
        if let replacement {
            do throws(StoreError) {
                let written = try StoreFile(path: replacement.temporary, flags: O_RDWR | O_CREAT | O_TRUNC)
                try written.write(replacement.bytes, at: 0)
                try written.syncData()
                file = written
            } catch {
                try? StoreFiles.remove(replacement.temporary)
                throw error
            }
        }
        guard let state else { return Written(file: file, stateWritten: false) }
        do throws(StoreError) {
            try state.write()
        } catch where !stateRequired && error.isOutOfSpace {
            return Written(file: file, stateWritten: false)
        } catch {
            if let replacement { try? StoreFiles.remove(replacement.temporary) }
            throw error
        }
        return Written(file: file, stateWritten: true)
    }
}

/// The state file's new bytes, taken under the lock and written without it.
struct StateWrite: Sendable {
    let bytes: [UInt8]
    let path: String
    let folder: StoreFile

    func write() throws(StoreError) {
        try StoreFiles.replaceAtomically(path, with: bytes, directory: folder)
    }
}

extension StoreCore {
    /// Runs `step` now, or — while `defersSlowIO` (a `RecordStore` open for writing) — leaves
    /// it in `deferredStep` for `RecordStore` to run outside the lock and answers false: no
    /// room was made yet.
    mutating func run(_ step: SlowStep) throws(StoreError) -> Bool {
        if defersSlowIO {
            deferredStep = step
            return false
        }
        return try runNow(step)
    }

    /// All three phases under the caller's lock: at recovery, and for a failed segment's
    /// rewrite before a sync plans anything.
    mutating func runNow(_ step: SlowStep) throws(StoreError) -> Bool {
        guard let work = try begin(step) else { return false }
        let written: SlowWork.Written
        do throws(StoreError) { written = try work.write() } catch {
            if work.state != nil { stateWriteFailed() }
            throw error
        }
        try finish(work, written)
        try work.folder?.syncDirectory()
        return true
    }

    /// The first phase: counts what goes, sets the high-water mark and takes the state to
    /// write. Nil when the step has nothing to do (a compaction that would drop nothing).
    mutating func begin(_ step: SlowStep) throws(StoreError) -> SlowWork? {
        switch step {
        case .delete(let paths, let reason):
            guard paths.count <= sealedCount, segments.prefix(paths.count).map(\.path) == paths else { return nil }
            var highWater: UInt64 = 0
            for index in 0..<paths.count {
                highWater = max(highWater, segments[index].summary.lastSeq)
                let split = try splitAtAcknowledged(index)
                let historyReason: DropReason = reason == .retention ? .retention : .publishedHistory
                if let history = split.acknowledged { tally(history.with(reason: historyReason)) }
                if let unsent = split.unsent { tally(unsent.with(reason: reason)) }
            }
            // A full file system must not stop the store from freeing space: the counters
            // then stay in memory until a later sync writes them. (The high-water mark is not
            // needed for seqs to go on: newer segments remain.)
            return SlowWork(
                state: takeState(highWater: highWater), stateRequired: false, deletions: paths, folder: segmentsFolder)
        case .compact(let path):
            guard let index = segments.firstIndex(where: { $0.path == path }), index < sealedCount else { return nil }
            return try beginCompaction(index)
        case .rewrite(let path):
            guard let index = segments.firstIndex(where: { $0.path == path }) else {
                segmentsToRewrite.remove(path)
                return nil
            }
            let isTail = index == segments.count - 1 && tailFile != nil
            let source = isTail ? tailFile! : try StoreFile(path: path, flags: O_RDONLY)
            let bytes = try source.read(count: segments[index].fileSize, at: 0)
            return SlowWork(replacement: .init(path: path, bytes: bytes), folder: segmentsFolder)
        }
    }

    /// Sealed segment `index` without its periodic samples and acknowledged records, or its
    /// deletion when nothing else is in it.
    private mutating func beginCompaction(_ index: Int) throws(StoreError) -> SlowWork? {
        let segment = segments[index]
        var kept = Segment.header(firstSeq: segment.firstSeq, createdWallMs: KernelClock.wallMilliseconds())
        var summary = SegmentSummary()
        var periodic = DropTally(), history = DropTally()
        let limit = acknowledged.seq
        _ = try visitFrames(of: index) { header, body, frame in
            guard let peek = RecordBody.peek(body) else { return true }
            if header.seq <= limit {
                history.add(header)
            } else if peek.periodic {
                periodic.add(header)
            } else {
                kept.append(contentsOf: frame)
                summary.add(seq: header.seq, periodic: false, wallMs: peek.wallMs, frameLength: header.totalLength)
            }
            return true
        }
        guard periodic.count > 0 || history.count > 0 else {
            segments[index].summary.periodicCount = 0
            return nil
        }
        if let report = history.report(.publishedHistory) { tally(report) }
        if let report = periodic.report(.capPeriodic) { tally(report) }
        let state = takeState(highWater: segment.summary.lastSeq)
        if summary.count == 0 {
            return SlowWork(state: state, stateRequired: true, deletions: [segment.path], folder: segmentsFolder)
        }
        SegmentSeal.append(summary, acknowledged: acknowledged, to: &kept)
        return SlowWork(
            state: state, stateRequired: true, replacement: .init(path: segment.path, bytes: kept, summary: summary),
            folder: segmentsFolder)
    }

    /// The last phase: the new file renamed over the old one, deleted files unlinked, the
    /// segments and the accounting updated. The folder's fsync follows, outside the lock.
    mutating func finish(_ work: SlowWork, _ written: SlowWork.Written) throws(StoreError) {
        if work.state != nil && !written.stateWritten { stateWriteFailed() }
        for path in work.deletions {
            try StoreFiles.remove(path)
            guard let index = segments.firstIndex(where: { $0.path == path }) else { continue }
            segmentBytes -= UInt64(segments[index].fileSize)
            segments.remove(at: index)
        }
        unsynced.removeAll { work.deletions.contains($0.path) }
        if let replacement = work.replacement, let file = written.file {
            try StoreFiles.rename(replacement.temporary, to: replacement.path)
            io.syncs += 1
            io.bytesWritten += UInt64(replacement.bytes.count)
            if let index = segments.firstIndex(where: { $0.path == replacement.path }) {
                segmentBytes = segmentBytes - UInt64(segments[index].fileSize) + UInt64(replacement.bytes.count)
                segments[index].fileSize = replacement.bytes.count
                if let summary = replacement.summary { segments[index].summary = summary }
                segments[index].generation = takeGeneration()
                unsynced.removeAll { $0.path == replacement.path }
                if index == segments.count - 1 && tailFile != nil {
                    tailFile = file
                    tailWrittenSinceSync = true
                }
            }
            segmentsToRewrite.remove(replacement.path)
        }
        if work.folder != nil { io.syncs += 1 }
    }

    /// The state file's bytes with the current counters, acknowledged position and high-water
    /// mark (the durable seq, and every seq of a segment about to be deleted), counted as
    /// written: `stateWriteFailed` takes that back.
    mutating func takeState(highWater: UInt64 = 0) -> StateWrite? {
        guard let storeFolder else { return nil }
        persisted.acknowledged = acknowledged.merged(with: persisted.acknowledged)
        persisted.highWaterSeq = max(persisted.highWaterSeq, durableSeq, highWater)
        persisted.corrupt.keptBytes = corruptArea.keptBytes
        persisted.unannouncedDrops = dropReports.unannounced.isEmpty ? nil : dropReports.unannounced
        let bytes = persisted.encoded()
        io.syncs += 2
        io.bytesWritten += UInt64(bytes.count)
        stateFileBytes = UInt64(bytes.count)
        acknowledgedWritten = acknowledged
        stateDirty = false
        return StateWrite(bytes: bytes, path: statePath, folder: storeFolder)
    }

    /// A state write that did not happen: the next sync writes the state again, and the
    /// acknowledged position again as an `A` frame.
    mutating func stateWriteFailed() {
        stateDirty = true
        acknowledgedWritten = AcknowledgedPosition()
    }
}
