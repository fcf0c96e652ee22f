/// What one consumer received of one kiosk's gap-free record sequence: duplicates, gaps that
/// are still open, and gaps the kiosk announced (a `records-dropped` event).
///
/// Memory stays small however long it runs: everything up to `contiguousThrough` is one number,
/// and only seqs that arrived beyond a gap are kept one by one until the gap closes. The first
/// record seen starts the ledger: what the kiosk sent before the consumer subscribed is
/// history, not a gap. A record at or below that start arriving later (a resend after the
/// kiosk reconnected) counts as a duplicate.
public struct SeqLedger: Sendable, Equatable {
    /// Every seq from the start through this one has arrived (or was announced as dropped).
    public private(set) var contiguousThrough: UInt64?
    /// The first seq this consumer received: where the ledger starts.
    public private(set) var first: UInt64?
    /// Seqs beyond `contiguousThrough` that arrived, waiting for the gap below them to close.
    private var ahead: Set<UInt64> = []
    public private(set) var highest: UInt64?
    /// Distinct records received.
    public private(set) var received = 0
    /// Records received again (at-least-once delivery: resent after a reconnect).
    public private(set) var duplicates = 0
    /// Seqs the kiosk announced as dropped by its size cap (a loss it owned up to).
    public private(set) var announcedDropped = 0
    /// Records that arrived after a higher seq had (the gap below them closed late).
    public private(set) var late = 0

    public init() {}

    /// Seqs between the start and `highest` that have neither arrived nor been announced.
    public var missing: Int {
        guard let contiguousThrough, let highest else { return 0 }
        return Int(highest - contiguousThrough) - ahead.count
    }

    /// The missing seqs, lowest first (at most `limit`), for a technician to look up.
    public func missingSeqs(limit: Int = 20) -> [UInt64] {
        guard let contiguousThrough, let highest, highest > contiguousThrough else { return [] }
        var out: [UInt64] = []
        var seq = contiguousThrough + 1
        while seq < highest && out.count < limit {
            if !ahead.contains(seq) { out.append(seq) }
            seq += 1
        }
        return out
    }

    /// A record arrived. Returns false for a duplicate (a consumer that de-duplicates skips it).
    @discardableResult
    public mutating func receive(_ seq: UInt64) -> Bool {
        guard let through = contiguousThrough else {
            first = seq
            contiguousThrough = seq
            highest = seq
            received = 1
            return true
        }
        if seq <= through || ahead.contains(seq) {
            duplicates += 1
            return false
        }
        received += 1
        if let highest, seq < highest { late += 1 }
        record(seq, after: through)
        return true
    }

    /// A `records-dropped` event named `first...last` as lost: those seqs will never arrive.
    public mutating func announceDropped(_ first: UInt64, _ last: UInt64) {
        guard first <= last, let through = contiguousThrough else { return }
        var seq = max(first, through + 1)
        while seq <= last {
            if !ahead.contains(seq) {
                announcedDropped += 1
                record(seq, after: contiguousThrough ?? through)
            }
            seq += 1
        }
    }

    private mutating func record(_ seq: UInt64, after through: UInt64) {
        highest = max(highest ?? seq, seq)
        if seq == through + 1 {
            var next = seq
            while ahead.remove(next + 1) != nil { next += 1 }
            contiguousThrough = next
        } else {
            ahead.insert(seq)
        }
    }
}
