#if canImport(Glibc)
import Glibc
#endif

/// The cap and retention: what goes when the store is full, and when history is old.
///
/// Drop strategy — whole segments, plus compaction for periodic samples:
/// 1. The oldest segment, when every record in it was acknowledged: published history, not
///    a loss. Acknowledged records always form the oldest part of the store, so this frees
///    history before anything unsent is touched.
/// 2. Otherwise the oldest sealed segment still holding unsent periodic samples is compacted:
///    rewritten beside itself without its periodic samples (and without its acknowledged
///    records), then renamed over the original. The rewrite is never larger than the
///    original, and `StoreLimits` reserves one segment's size for it, so disk use stays
///    under `max_size` even during the rewrite. A crash leaves either the old or the new
///    file whole.
/// 3. Otherwise — no sealed segment holds unsent periodic samples — the oldest segment is
///    deleted: its unsent records are lost as `cap-oldest`.
///
/// The open tail is never compacted or dropped while a sealed segment remains, so the newest
/// periodic samples (at most one segment, 1/32 of the store) survive older events; this
/// keeps every file append-only or replaced whole, which is what makes the store simple to
/// recover. Before a segment is deleted or replaced, the counters and the seq high-water
/// mark are written to the state file, so a crash never forgets a drop or reuses a seq.
extension StoreCore {
    /// Frees segment bytes until `bytes` more (and a seal) fit the budget. Without
    /// `allowLoss` only acknowledged history may go. False when no more can be freed.
    mutating func makeRoom(for bytes: Int, allowLoss: Bool) throws(StoreError) -> Bool {
        while !budgetHasRoom(for: bytes) {
            guard try freeOneSegment(allowLoss: allowLoss) else { return false }
        }
        return true
    }

    /// One step of the drop strategy; false when nothing could be freed (or, while slow I/O
    /// is deferred, not yet: the step is in `deferredStep`).
    mutating func freeOneSegment(allowLoss: Bool) throws(StoreError) -> Bool {
        guard sealedCount > 0 else {
            // Only the tail is left (a store smaller than a few segments): seal it so it can go.
            guard allowLoss, tailFile != nil, segments.last!.summary.count > 0 else { return false }
            try sealTail()
            return true
        }
        if segments[0].summary.count == 0 || segments[0].summary.lastSeq <= acknowledged.seq {
            return try run(.delete(paths: [segments[0].path], reason: .publishedHistory))
        }
        guard allowLoss else { return false }
        if let index = (0..<sealedCount).first(where: { hasUnsentPeriodic(segments[$0]) }) {
            if try run(.compact(path: segments[index].path)) { return true }
            if deferredStep != nil { return false }
        }
        return try run(.delete(paths: [segments[0].path], reason: .capOldest))
    }

    private func hasUnsentPeriodic(_ segment: Segment) -> Bool {
        segment.summary.periodicCount > 0 && segment.summary.lastPeriodicSeq > acknowledged.seq
    }

    /// The segment's records at or below the acknowledged position and above it, counted
    /// exactly: from the summary when the segment is wholly on one side, else by reading it.
    mutating func splitAtAcknowledged(_ index: Int) throws(StoreError) -> (acknowledged: DropReport?, unsent: DropReport?) {
        let s = segments[index].summary
        guard s.count > 0 else { return (nil, nil) }
        let whole = DropReport(
            reason: .capOldest, count: UInt64(s.count), bytes: s.recordBytes, firstSeq: s.firstRecordSeq, lastSeq: s.lastSeq)
        if s.lastSeq <= acknowledged.seq { return (whole, nil) }
        if s.firstRecordSeq > acknowledged.seq { return (nil, whole) }
        var history = DropTally(), unsent = DropTally()
        let limit = acknowledged.seq
        _ = try visitFrames(of: index) { header, _, _ in
            if header.seq <= limit { history.add(header) } else { unsent.add(header) }
            return true
        }
        return (history.report(.publishedHistory), unsent.report(.capOldest))
    }

    /// Deletes sealed segments whose records were all acknowledged and whose newest record
    /// is older than `retention` before `nowWallMs`. Call it only while the clock is synced:
    /// an unsynced wall clock would make history look older or younger than it is.
    mutating func enforceRetention(nowWallMs: Int64) throws(StoreError) -> [DropReport] {
        try checkWritable()
        let cutoff = nowWallMs - limits.retention.inMilliseconds
        var end = 0
        while end < sealedCount, segments[end].summary.lastSeq <= acknowledged.seq,
            segments[end].summary.count == 0 || segments[end].summary.newestWallMs < cutoff
        {
            end += 1
        }
        guard end > 0 else { return [] }
        let reports = segments[0..<end].compactMap { segment -> DropReport? in
            let s = segment.summary
            guard s.count > 0 else { return nil }
            return DropReport(
                reason: .retention, count: UInt64(s.count), bytes: s.recordBytes, firstSeq: s.firstRecordSeq,
                lastSeq: s.lastSeq)
        }
        _ = try run(.delete(paths: segments[0..<end].map(\.path), reason: .retention))
        return reports
    }
}

/// Counts record frames as they are read: a drop's size and seq range.
struct DropTally {
    var count: UInt64 = 0
    var bytes: UInt64 = 0
    var firstSeq: UInt64 = 0
    var lastSeq: UInt64 = 0

    mutating func add(_ header: RecordFrame.Header) {
        if count == 0 { firstSeq = header.seq }
        count += 1
        bytes += UInt64(header.totalLength)
        lastSeq = header.seq
    }

    func report(_ reason: DropReason) -> DropReport? {
        count == 0 ? nil : DropReport(reason: reason, count: count, bytes: bytes, firstSeq: firstSeq, lastSeq: lastSeq)
    }
}

extension DropReport {
    func with(reason: DropReason) -> DropReport {
        var copy = self
        copy.reason = reason
        return copy
    }
}
