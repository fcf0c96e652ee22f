#if canImport(Glibc)
import Glibc
#endif

/// Where the publisher's last `pending` call stopped, so the next one continues without
/// searching: draining a backlog reads each segment once, front to back.
struct ReadCursor {
    var segmentFirstSeq: UInt64
    var generation: UInt64
    var offset: Int
    var lastSeq: UInt64
}

/// Reading records back: every frame's checksum is checked on the way; damage met is
/// counted once, set aside and stepped over (lazy verification — start-up does not read
/// sealed segments at all). Damage is bytes whose checksum fails, bytes the medium cannot
/// read (EIO), and a frame whose checksum holds but whose body does not decode.
extension StoreCore {
    /// The records with `after < seq ≤ durableSeq`, in seq order, at most `limit`.
    mutating func pending(after: UInt64, limit: Int) throws(StoreError) -> [StoredRecord] {
        guard isOpen else { throw StoreError.closed }
        var out: [StoredRecord] = []
        guard limit > 0, after < durableSeq else { return out }
        out.reserveCapacity(min(limit, 4096))
        var start = locate(after: after)
        if let cursor, cursor.lastSeq == after,
            let index = segments.firstIndex(where: { $0.firstSeq == cursor.segmentFirstSeq }),
            segments[index].generation == cursor.generation
        {
            start = (index, cursor.offset)
        }
        let stop = try readRecords(from: start, after: after, through: durableSeq) { record in
            out.append(record)
            return out.count < limit
        }
        if let last = out.last {
            cursor = ReadCursor(
                segmentFirstSeq: segments[stop.index].firstSeq, generation: segments[stop.index].generation,
                offset: stop.offset, lastSeq: last.seq)
        }
        return out
    }

    /// The segment that may hold `after + 1`, from the start of its frames.
    func locate(after: UInt64) -> (index: Int, offset: Int?) {
        var low = 0, high = segments.count
        while low < high {
            let middle = (low + high) / 2
            if segments[middle].firstSeq <= after &+ 1 { low = middle + 1 } else { high = middle }
        }
        return (max(low - 1, 0), nil)
    }

    /// Visits records with `after < seq ≤ bound` from `start` on, in seq order, until `visit`
    /// returns false; returns where reading stopped (the frame after the last one visited).
    mutating func readRecords(
        from start: (index: Int, offset: Int?), after: UInt64, through bound: UInt64,
        _ visit: (StoredRecord) -> Bool
    ) throws(StoreError) -> (index: Int, offset: Int) {
        var index = start.index, offset = start.offset
        while index < segments.count {
            let s = segments[index].summary
            let skip = offset == nil && s.count > 0 && s.lastSeq <= after && segments[index].sealed
            if !skip {
                let end = try readSegment(index, from: offset, after: after, through: bound, visit)
                if end.stopped { return (index, end.offset) }
            }
            if index == segments.count - 1 { return (index, segments[index].fileSize) }
            index += 1
            offset = nil
        }
        return (max(segments.count - 1, 0), segments.last?.fileSize ?? 0)
    }

    /// One segment's part of `readRecords`; `stopped` when `visit` said so or a seq passed `bound`.
    mutating func readSegment(
        _ index: Int, from offset: Int?, after: UInt64, through bound: UInt64, _ visit: (StoredRecord) -> Bool
    ) throws(StoreError) -> (stopped: Bool, offset: Int) {
        enum Stop { case beforeFrame, afterFrame }
        var stop: Stop?
        var codec = self.codec
        defer { self.codec = codec }
        var undecodable: [(range: Range<Int>, seq: UInt64)] = []
        defer {
            // Noted after the scan, which holds the store's state; the frame is lost all the same.
            if !undecodable.isEmpty, let file = try? reader(for: index) {
                for frame in undecodable {
                    try? noteDamage(in: segments[index], range: frame.range, file: file, firstSeq: frame.seq, lastSeq: frame.seq)
                }
            }
        }
        let frame = try visitFrames(of: index, from: offset, after: offset == nil ? nil : after) { header, body, _, start in
            guard header.seq > after else { return true }
            guard header.seq <= bound else {
                stop = .beforeFrame
                return false
            }
            guard let record = codec.decode(seq: header.seq, body: body) else {
                undecodable.append((start..<(start + header.totalLength), header.seq))
                return true
            }
            if !visit(record) {
                stop = .afterFrame
                return false
            }
            return true
        }
        guard let frame, let stop else { return (false, segments[index].fileSize) }
        return (true, stop == .beforeFrame ? frame.start : frame.end)
    }

    /// Calls `body` with each intact record frame of segment `index` (header, body bytes,
    /// whole frame bytes) until it returns false, and returns the offsets of the frame it
    /// stopped at. Damage met on the way is noted.
    mutating func visitFrames(
        of index: Int, from offset: Int? = nil,
        _ body: (RecordFrame.Header, UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Bool
    ) throws(StoreError) -> (start: Int, end: Int)? {
        try visitFrames(of: index, from: offset) { header, bytes, frame, _ in body(header, bytes, frame) }
    }

    /// `visitFrames` with each frame's file offset as well. `previousSeq` is the seq of the
    /// record before `offset` (nil: from the start of the segment).
    mutating func visitFrames(
        of index: Int, from offset: Int? = nil, after previousSeq: UInt64? = nil,
        _ body: (RecordFrame.Header, UnsafeRawBufferPointer, UnsafeRawBufferPointer, Int) -> Bool
    ) throws(StoreError) -> (start: Int, end: Int)? {
        let segment = segments[index]
        guard let file = try reader(for: index) else { return nil }
        let scan = try Self.scanFrames(of: segment, in: file, from: offset, after: previousSeq, body)
        io.bytesRead += UInt64(scan.bytesRead)
        for damage in scan.damage {
            try noteDamage(in: segment, range: damage.range, file: file, firstSeq: damage.firstSeq, lastSeq: damage.lastSeq)
        }
        return scan.stoppedAt
    }

    /// Damaged bytes found in a segment and the seqs that lay around them: `firstSeq...lastSeq`
    /// are the records lost to it, none when `lastSeq < firstSeq`.
    struct Damage {
        var range: Range<Int>
        var firstSeq: UInt64
        var lastSeq: UInt64
    }

    /// The scanning loop of `visitFrames`, apart from the store so `body` may use its state.
    ///
    /// Damage took the seqs between the record before it and the next record after it (an
    /// `A` frame or seal in between says nothing about records); damage after the last record
    /// took the seqs up to the segment's last (its seal's, or the tail's newest): none when
    /// the damage is the seal itself. Several regions between two records share the loss:
    /// the first carries it, the others only their bytes.
    static func scanFrames(
        of segment: Segment, in file: StoreFile, from offset: Int?, after seqBefore: UInt64? = nil,
        _ body: (RecordFrame.Header, UnsafeRawBufferPointer, UnsafeRawBufferPointer, Int) -> Bool
    ) throws(StoreError) -> (damage: [Damage], stoppedAt: (start: Int, end: Int)?, bytesRead: Int) {
        var scanner = SegmentScanner(
            file: file, from: offset ?? Segment.headerSize, to: segment.fileSize,
            chunkSize: min(256 * 1024, max(segment.fileSize, 4096)))
        var damage: [Damage] = []
        var previousSeq = seqBefore ?? segment.firstSeq &- 1
        var unresolved: [Range<Int>] = []
        func resolve(through lastSeq: UInt64) {
            for (i, range) in unresolved.enumerated() {
                damage.append(Damage(range: range, firstSeq: previousSeq &+ 1, lastSeq: i == 0 ? lastSeq : previousSeq))
            }
            unresolved.removeAll()
        }
        while let item = try scanner.next() {
            switch item {
            case .frame(let header, let start) where header.kind == .record:
                resolve(through: header.seq &- 1)
                previousSeq = header.seq
                let proceed = scanner.withFrame { frame in
                    body(header, UnsafeRawBufferPointer(rebasing: frame[RecordFrame.headerSize...]), frame, start)
                }
                if !proceed { return (damage, (start, start + header.totalLength), scanner.bytesRead) }
            case .frame:
                continue
            case .damaged(let range, _):
                unresolved.append(range)
            }
        }
        resolve(through: segment.summary.lastSeq)
        return (damage, nil, scanner.bytesRead)
    }

    /// The file to read segment `index` from: the tail's own descriptor, or a fresh read-only
    /// one (nil when a writer deleted the file under a read-only store).
    func reader(for index: Int) throws(StoreError) -> StoreFile? {
        if index == segments.count - 1, let tailFile { return tailFile }
        do {
            return try StoreFile(path: segments[index].path, flags: O_RDONLY)
        } catch {
            if case .io(_, _, let e) = error, e.rawValue == ENOENT, !writable { return nil }
            throw error
        }
    }

    /// Counts damage once, copies its bytes into `corrupt/` (writable store) and queues a
    /// `corrupt` drop report naming the records lost to it: `firstSeq...lastSeq`, the seqs
    /// between the intact records around it (a segment's seqs have no holes unless compaction
    /// made them). Damage between two consecutive seqs (an `A` frame, a seal) loses no
    /// record: its bytes are counted, nothing is announced.
    ///
    /// Keeping the bytes is best effort (they are evidence, and may be unreadable): a copy
    /// that cannot be made never stops reading. The copy is also how the next start-up knows
    /// the damage was counted already.
    mutating func noteDamage(
        in segment: Segment, range: Range<Int>, file: StoreFile, firstSeq: UInt64, lastSeq: UInt64
    ) throws(StoreError) {
        let key = "\(segment.firstSeq)-\(segment.generation)-\(range.lowerBound)"
        guard knownDamage.insert(key).inserted else { return }
        let name = CorruptArea.regionName(segment: segment.firstSeq, offset: range.lowerBound)
        if writable {
            // Found and counted by an earlier run if its copy is still there.
            guard !corruptArea.contains(name) else { return }
            if let bytes = try? file.readSalvaging(count: min(range.count, Int(corruptArea.cap)), at: range.lowerBound).bytes,
                let written = try? corruptArea.keep(bytes, as: name)
            {
                io.bytesWritten += UInt64(written)
            }
            stateDirty = true
        }
        let lost = lastSeq >= firstSeq ? lastSeq - firstSeq + 1 : 0
        persisted.corrupt.records += lost
        persisted.corrupt.bytes += UInt64(range.count)
        guard writable, lost > 0 else { return }
        dropReports.append(
            DropReport(reason: .corrupt, count: lost, bytes: UInt64(range.count), firstSeq: firstSeq, lastSeq: lastSeq))
    }
}
