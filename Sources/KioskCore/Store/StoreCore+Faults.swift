#if canImport(Glibc)
import Glibc
#endif

/// A failed fdatasync: nothing it should have flushed is durable, whatever a retry says.
///
/// Linux reports a write-back error once: the pages are marked clean, and the next
/// fdatasync returns 0 although they never reached the medium. So a segment whose sync
/// failed is not synced again but rewritten whole into a fresh file (new blocks, beside it
/// as `.compact`, like compaction), fdatasynced, and renamed over the old one; only then
/// may `durableSeq` pass its records. The bytes come back from the page cache, which keeps
/// them after a write-back error; every frame carries its checksum, so pages the kernel
/// evicted and read back stale are found as damage, not delivered. Rewriting rather than
/// reopening to re-verify: a re-read is served from the same page cache and would verify
/// data the medium does not hold.
extension StoreCore {
    /// Notes the failure of `plan`'s sync at `file` (nil: the folder's fsync).
    mutating func noteSyncFault(_ plan: SyncPlan, file: StoreFile?, error: StoreError) {
        noteSyncFault(error, rewriting: file?.path, unsure: plan.throughSeq > durableSeq ? (durableSeq + 1)...plan.throughSeq : nil)
    }

    /// Notes a failed sync; the segment at `path`, if any, is rewritten before its records
    /// count as durable; `unsure` are the records the failure may have lost.
    mutating func noteSyncFault(_ error: StoreError, rewriting path: String?, unsure: ClosedRange<UInt64>?) {
        guard case .io(let operation, let failed, let errno) = error else { return }
        let fault = StorageFault(
            operation: operation, path: failed, errno: errno, atWallMs: KernelClock.wallMilliseconds(),
            atMonoMs: KernelClock.monotonicMilliseconds(), firstSeq: unsure?.lowerBound, lastSeq: unsure?.upperBound)
        storageFaults.append(fault)
        lastStorageFault = fault
        if let path { segmentsToRewrite.insert(path) }
    }

    /// Rewrites every segment whose sync failed; the next sync then syncs the fresh files.
    mutating func rewriteFailedSegments() throws(StoreError) {
        for path in segmentsToRewrite.sorted() {
            if let index = segments.firstIndex(where: { $0.path == path }) { try rewrite(index) }
            segmentsToRewrite.remove(path)
        }
    }

    /// Copies segment `index` whole to a fresh file, fdatasyncs it and renames it over.
    private mutating func rewrite(_ index: Int) throws(StoreError) {
        let segment = segments[index]
        let isTail = index == segments.count - 1 && tailFile != nil
        let source = isTail ? tailFile! : try StoreFile(path: segment.path, flags: O_RDONLY)
        let bytes = try source.read(count: segment.fileSize, at: 0)
        let temporary = segment.path + ".compact"
        let file: StoreFile
        do {
            file = try StoreFile(path: temporary, flags: O_RDWR | O_CREAT | O_TRUNC)
            try file.write(bytes, at: 0)
            try file.syncData()
            io.syncs += 1
            io.bytesWritten += UInt64(bytes.count)
        } catch {
            try? StoreFiles.remove(temporary)
            throw error
        }
        try StoreFiles.rename(temporary, to: segment.path)
        try segmentsFolder?.syncDirectory()
        io.syncs += 1
        unsynced.removeAll { $0.path == segment.path }
        if isTail {
            tailFile = file
            tailWrittenSinceSync = true
        }
        segments[index].fileSize = bytes.count
        segments[index].generation = takeGeneration()
    }
}
