/// History and queue statistics: what `kioskctl` shows, read from the segments.
extension StoreCore {
    /// Records matching `query`, in seq order (or newest first), from the durable ones.
    /// Segments whose wall-time range misses the query are not read.
    mutating func history(_ query: HistoryQuery) throws(StoreError) -> [StoredRecord] {
        guard isOpen else { throw StoreError.closed }
        guard query.limit > 0 else { return [] }
        let candidates = segments.indices.filter { index in
            let s = segments[index].summary
            guard s.count > 0, s.lastSeq > query.afterSeq else { return false }
            if let from = query.fromWallMs, s.newestWallMs < from { return false }
            if let to = query.toWallMs, s.oldestWallMs >= to { return false }
            return true
        }
        let limit = query.limit
        var out: [StoredRecord] = []
        if !query.newestFirst {
            for index in candidates {
                _ = try readSegment(index, from: nil, after: query.afterSeq, through: durableSeq) { record in
                    if query.matches(record) { out.append(record) }
                    return out.count < limit
                }
                if out.count >= limit { break }
            }
            return out
        }
        for index in candidates.reversed() {
            // The newest `room` matches of this segment, in a ring.
            let room = limit - out.count
            var ring: [StoredRecord] = []
            var next = 0
            _ = try readSegment(index, from: nil, after: query.afterSeq, through: durableSeq) { record in
                guard query.matches(record) else { return true }
                if ring.count < room {
                    ring.append(record)
                } else {
                    ring[next] = record
                    next = (next + 1) % room
                }
                return true
            }
            out.append(contentsOf: (ring[next...] + ring[..<next]).reversed())
            if out.count >= limit { break }
        }
        return out
    }

    /// The queue as `status` and `kioskctl queue` show it. Exact: a segment that holds the
    /// acknowledged position and has holes in its seqs is read to count what follows it.
    mutating func stats() throws(StoreError) -> QueueStats {
        guard isOpen else { throw StoreError.closed }
        let acked = acknowledged.seq
        var records: UInt64 = 0, bytes: UInt64 = 0
        for index in segments.indices {
            let s = segments[index].summary
            guard s.count > 0, s.lastSeq > acked else { continue }
            if s.firstRecordSeq > acked {
                records += UInt64(s.count)
                bytes += s.recordBytes
            } else if s.isContiguous {
                let n = s.lastSeq - acked
                records += n
                bytes += s.recordBytes * n / UInt64(s.count)
            } else {
                var tally = DropTally()
                _ = try visitFrames(of: index) { header, _, _ in
                    if header.seq > acked { tally.add(header) }
                    return true
                }
                records += tally.count
                bytes += tally.bytes
            }
        }
        var oldest: StoredRecord?
        _ = try readRecords(from: locate(after: acked), after: acked, through: lastSeq) { record in
            oldest = record
            return false
        }
        var corrupt = persisted.corrupt
        corrupt.keptBytes = corruptArea.keptBytes
        return QueueStats(
            pendingRecords: records, pendingBytes: bytes,
            oldestPending: oldest.map {
                QueueStats.PendingRecord(
                    seq: $0.seq, type: $0.type, boot: $0.boot, wallMs: $0.wallMs, monoMs: $0.monoMs, clock: $0.clock)
            },
            lastSeq: lastSeq, durableSeq: durableSeq, ackedSeq: acked, ackedAtWallMs: acknowledged.atWallMs,
            drops: persisted.drops, corrupt: corrupt, diskBytes: diskBytes, maxSize: limits.maxSize,
            segments: segments.count, readOnly: !writable)
    }
}

/// Which stored records a history query wants.
public struct HistoryQuery: Sendable, Equatable {
    /// Record types to return; nil for all.
    public var types: Set<String>?
    /// Wall time (as stamped), ms: from inclusive, to exclusive.
    public var fromWallMs: Int64?
    public var toWallMs: Int64?
    /// Only records after this seq (to page through long histories).
    public var afterSeq: UInt64
    public var limit: Int
    /// The newest `limit` matches, newest first, instead of the oldest in seq order.
    public var newestFirst: Bool
    /// Records stamped on an unsynced clock match whatever their wall time: their stamp may be
    /// days off, and the caller re-anchors them (`StoredRecord.timestamp(anchor:)`) and decides.
    public var anyUnsynced: Bool

    public init(
        types: Set<String>? = nil, fromWallMs: Int64? = nil, toWallMs: Int64? = nil, afterSeq: UInt64 = 0,
        limit: Int = 1000, newestFirst: Bool = false, anyUnsynced: Bool = false
    ) {
        self.types = types
        self.fromWallMs = fromWallMs
        self.toWallMs = toWallMs
        self.afterSeq = afterSeq
        self.limit = limit
        self.newestFirst = newestFirst
        self.anyUnsynced = anyUnsynced
    }

    func matches(_ record: StoredRecord) -> Bool {
        if let types, !types.contains(record.type) { return false }
        if anyUnsynced && record.clock == .unsynced { return true }
        if let fromWallMs, record.wallMs < fromWallMs { return false }
        if let toWallMs, record.wallMs >= toWallMs { return false }
        return true
    }
}
