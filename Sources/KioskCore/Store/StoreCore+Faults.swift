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

    /// Rewrites every segment whose sync failed, under the lock (`RecordStore.sync` has done
    /// it outside the lock before): the next sync then syncs the fresh files.
    mutating func rewriteFailedSegments() throws(StoreError) {
        for path in segmentsToRewrite.sorted() {
            _ = try runNow(.rewrite(path: path))
            segmentsToRewrite.remove(path)
        }
    }
}
