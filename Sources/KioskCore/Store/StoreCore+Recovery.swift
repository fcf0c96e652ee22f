#if canImport(Glibc)
import Glibc
#endif

/// Start-up: find the segments, trust the sealed ones from header and seal, read the tail.
///
/// A writable open first makes durable everything the previous process wrote: an fdatasync
/// of every segment and an fsync of both folders, before `durableSeq` is set. A kill leaves
/// its writes in the page cache, seals and new segments included; were they published and
/// then lost to a power cut, seqs already published would be given out again. Per-file
/// fdatasync rather than syncfs: it flushes only the store's files (not every service's dirty
/// pages on the root file system, on a slow SD card), and a clean file costs nothing.
///
/// Cost does not grow with the number of stored records: a sealed segment costs two small
/// reads (32 bytes of header, 84 of seal) and one fdatasync that finds nothing to write, and
/// only the tail — at most one segment — is read whole (and any segment whose header or seal
/// fails). What start-up finds damaged never stops it. Damage is bytes whose checksum fails,
/// bytes the medium cannot read (EIO: they read as zeros, see `StoreFile.readSalvaging`), and a
/// frame that does not decode; each region is counted once, its bytes kept in `corrupt/`, and
/// the records it took (the seqs between the intact records around it) announced as a
/// `corrupt` drop:
/// - the end of the tail cut off by a power cut or kill (an incomplete frame, zeros where a
///   page was never written, or no frame at all) is truncated away; a complete frame whose
///   checksum fails there (in its body or its header), or an unreadable end, is damage:
///   counted, set aside, then truncated away too, and its seqs are never given out again;
/// - damage followed by intact frames is set aside and counted, the rest kept;
/// - a segment whose header fails its check loses nothing but the header: its 32 bytes are
///   set aside and counted (`corrupt.segments`), the segment is read whole (the file name
///   carries its first seq, every frame its own checksum) and the header rewritten;
/// - a sealed segment whose seal is damaged or unreadable is read whole and sealed again;
/// - a segment left unsealed by a crash while rolling is read whole and becomes the tail
///   again; the segments after it are removed (they cannot hold a durable record);
/// - an unreadable state file is started afresh.
/// Only real I/O errors (permissions, a read-only or full file system) are thrown.
extension StoreCore {
    static func open(directory: String, limits: StoreLimits, writable: Bool) throws(StoreError) -> StoreCore {
        let segmentsDirectory = directory + "/segments"
        var segmentsFolder: StoreFile?, storeFolder: StoreFile?
        if writable {
            try limits.validate()
            try StoreFiles.makeDirectory(segmentsDirectory)
            try StoreFiles.makeDirectory(directory + "/corrupt")
            let folder = try StoreFile.openDirectory(segmentsDirectory)
            if flock(folder.descriptor, LOCK_EX | LOCK_NB) != 0 {
                if errno == EWOULDBLOCK { throw StoreError.locked(path: directory) }
                throw StoreError.io(operation: "flock", path: segmentsDirectory, errno: .current)
            }
            segmentsFolder = folder
            storeFolder = try StoreFile.openDirectory(directory)
        }
        var core = StoreCore(
            directory: directory, limits: limits, writable: writable, segmentsFolder: segmentsFolder,
            storeFolder: storeFolder, corruptArea: try CorruptArea(directory: directory + "/corrupt", cap: limits.corruptCap))
        let loaded = PersistedState.load(path: core.statePath)
        core.persisted = loaded.state
        core.stateFileBytes = loaded.size
        core.recovery.stateFileReset = loaded.reset
        core.acknowledged = loaded.state.acknowledged
        // Drops a previous run made but did not announce durably: announced now.
        if writable { core.dropReports = DropAnnouncements(restoring: loaded.state.unannouncedDrops ?? []) }
        if writable {
            try StoreFiles.remove(core.statePath + ".tmp")
            try core.corruptArea.trim()
        }
        try core.recoverSegments()
        core.acknowledgedWritten = core.acknowledged
        if writable {
            if core.recovery.stateFileReset { try core.writeState() }
            // A lower max_size than last time: drop down to it now.
            _ = try core.makeRoom(for: 0, allowLoss: true)
        }
        return core
    }

    private mutating func recoverSegments() throws(StoreError) {
        var found: [(firstSeq: UInt64, name: String)] = []
        for name in try StoreFiles.names(in: segmentsDirectory) {
            if let firstSeq = Segment.firstSeq(fileName: name), firstSeq > 0 {
                found.append((firstSeq, name))
            } else if writable && name.hasSuffix(Segment.fileSuffix + ".compact") {
                try StoreFiles.remove(segmentsDirectory + "/" + name)
            }
        }
        found.sort { $0.firstSeq < $1.firstSeq }
        recovery.segments = found.count
        var seqFloor = persisted.highWaterSeq
        // Set once a segment is found unsealed before the last: see `recovery.segmentsDiscarded`.
        var discardRest = false
        for (position, entry) in found.enumerated() {
            let path = segmentsDirectory + "/" + entry.name
            if discardRest {
                recovery.segmentsDiscarded += 1
                if writable { try StoreFiles.remove(path) }
                continue
            }
            let file: StoreFile
            do {
                file = try StoreFile(path: path, flags: writable ? O_RDWR : O_RDONLY)
            } catch {
                if case .io(_, _, let e) = error, e.rawValue == ENOENT, !writable { continue }
                throw error
            }
            let size = try file.size()
            let isLast = position == found.count - 1
            let (header, headerUnreadable) = try file.readSalvaging(count: Segment.headerSize, at: 0)
            recovery.bytesScanned += UInt64(header.count)
            if isLast && headerUnreadable.isEmpty && (size < Segment.headerSize || header.allSatisfy { $0 == 0 }) {
                // Created, then cut off before its header reached the medium: nothing was in it.
                if writable { try StoreFiles.remove(path) }
                continue
            }
            seqFloor = max(seqFloor, entry.firstSeq - 1)
            let headerIntact = Segment.isValidHeader(header, firstSeq: entry.firstSeq)
            if !headerIntact { noteDamagedHeader(entry.name, firstSeq: entry.firstSeq, bytes: header) }
            var segment = Segment(firstSeq: entry.firstSeq, path: path, fileSize: size)
            segment.generation = takeGeneration()
            // What a killed kioskd wrote may be in the page cache only, seal included: make it
            // durable before a record of it is published (issue 12, defect 1).
            if writable {
                do throws(StoreError) { try file.syncData() } catch {
                    noteSyncFault(error, rewriting: path, unsure: nil)
                }
            }
            if headerIntact, !isLast, size >= Segment.headerSize + SegmentSeal.frameSize,
                let (summary, acknowledgedAtSeal) = SegmentSeal.decode(
                    try file.readSalvaging(count: SegmentSeal.frameSize, at: size - SegmentSeal.frameSize).bytes)
            {
                recovery.bytesScanned += UInt64(SegmentSeal.frameSize)
                segment.summary = summary
                segment.sealed = true
                acknowledged = acknowledged.merged(with: acknowledgedAtSeal)
                segments.append(segment)
                segmentBytes += UInt64(size)
                continue
            }
            let nextFirstSeq = isLast ? nil : found[position + 1].firstSeq
            seqFloor = max(seqFloor, try readWhole(&segment, file: file, nextFirstSeq: nextFirstSeq))
            if !headerIntact {
                if !isLast && segment.summary.count == 0 && !segment.sealed {
                    // Nothing left in it but damage, already set aside and counted.
                    if writable {
                        try StoreFiles.remove(path)
                        try segmentsFolder?.syncDirectory()
                    }
                    continue
                }
                if writable { rewriteHeader(of: segment, file: file) }
            }
            if !isLast && !segment.sealed {
                // Its seal never reached the medium, so no sync completed after it was sealed:
                // the segments after it hold no durable record. Dropping them keeps seqs
                // free of gaps (theirs were never published and are given out again), and
                // this segment is the tail again.
                discardRest = true
            }
            if !segment.sealed && writable { tailFile = file }
            segments.append(segment)
            segmentBytes += UInt64(segment.fileSize)
        }
        // The names a killed kioskd created, renamed or removed, and the state file it
        // replaced, are durable too before `durableSeq` lets anything be published.
        try rewriteFailedSegments()
        try segmentsFolder?.syncDirectory()
        try storeFolder?.syncDirectory()
        let newest = segments.map(\.summary.lastSeq).max() ?? 0
        nextSeq = max(newest, seqFloor, acknowledged.seq) + 1
        durableSeq = newest
    }

    /// Reads a segment whole: its summary, acknowledgement frames, damage and torn end.
    ///
    /// `nextFirstSeq` is the first seq of the segment after this one (nil for the last): the
    /// bound of the seqs damage at this segment's end can have taken. Returns the highest seq
    /// damage at the end of the last segment may have taken (0 when none): those seqs may have
    /// been published, so they are never given out again.
    @discardableResult
    private mutating func readWhole(_ segment: inout Segment, file: StoreFile, nextFirstSeq: UInt64?) throws(StoreError)
        -> UInt64
    {
        var lostAtEnd: UInt64 = 0
        var scanner = SegmentScanner(file: file, from: Segment.headerSize, to: segment.fileSize)
        var previousSeq = segment.firstSeq - 1
        var sealEnd = -1
        // Damage since the last record frame: the seqs it took are known at the next record
        // (an `A` frame between says nothing about them). The first region carries the loss.
        var unresolved: [Range<Int>] = []
        func resolve(through lastSeq: UInt64) throws(StoreError) {
            for (i, range) in unresolved.enumerated() {
                let through: UInt64 = i == 0 ? lastSeq : previousSeq
                try noteDamage(in: segment, range: range, file: file, firstSeq: previousSeq + 1, lastSeq: through)
            }
            unresolved.removeAll()
        }
        while let item = try scanner.next() {
            switch item {
            case .frame(let header, let offset):
                switch header.kind {
                case .record:
                    guard header.seq > previousSeq else { continue }
                    try resolve(through: header.seq - 1)
                    if let peek = scanner.withBody({ RecordBody.peek($0) }) {
                        segment.summary.add(
                            seq: header.seq, periodic: peek.periodic, wallMs: peek.wallMs, frameLength: header.totalLength)
                    } else {
                        // Its checksum holds but its body does not decode: lost like damage.
                        recovery.corruptRegions += 1
                        try noteDamage(
                            in: segment, range: offset..<(offset + header.totalLength), file: file, firstSeq: header.seq,
                            lastSeq: header.seq)
                    }
                    previousSeq = header.seq
                case .acknowledged:
                    let at = scanner.withBody { $0.count >= 8 ? $0.littleEndian(Int64.self, at: 0) : Int64.min }
                    acknowledged = acknowledged.merged(
                        with: AcknowledgedPosition(seq: header.seq, atWallMs: at == Int64.min ? nil : at))
                case .seal:
                    sealEnd = offset + header.totalLength
                }
            case .damaged(let range, let nextSeq):
                if nextSeq != nil {
                    recovery.corruptRegions += 1
                    unresolved.append(range)
                    continue
                }
                let unreadable = scanner.isUnreadable(range)
                if let nextFirstSeq {
                    // A segment followed by another was sealed: an end that fails is its seal
                    // damaged, or records the medium cannot give back, not a write cut short.
                    if unreadable || isDamagedSeal(at: range, in: file, of: segment) {
                        recovery.corruptRegions += 1
                        unresolved.append(range)
                        try resolve(through: nextFirstSeq - 1)
                        segment.fileSize = range.lowerBound
                        if writable { reseal(&segment, file: file) }
                        sealEnd = segment.fileSize
                        continue
                    }
                }
                // Read-only, the end may be a frame a running kioskd is writing right now.
                var damaged = unreadable
                if writable && !damaged { damaged = try isDamagedFrame(at: range.lowerBound, in: file, end: range.upperBound) }
                if writable && damaged {
                    recovery.corruptRegions += 1
                    let from = unresolved.first?.lowerBound ?? range.lowerBound
                    let estimate = unreadable || from != range.lowerBound
                    lostAtEnd = lastSeqLost(at: from..<range.upperBound, in: file, after: previousSeq, unreadable: estimate)
                    unresolved.append(range)
                    try resolve(through: lostAtEnd)
                } else {
                    recovery.tornTailBytes += UInt64(range.count)
                }
                if writable {
                    try file.truncate(to: range.lowerBound)
                    try file.syncData()
                }
                segment.fileSize = range.lowerBound
            }
        }
        if let first = unresolved.first, let last = unresolved.last {
            // Damage after the last record, then only `A` frames or a seal.
            var through: UInt64 = segment.summary.lastSeq
            if let nextFirstSeq {
                through = nextFirstSeq - 1
            } else {
                let estimate = lastSeqLost(at: first.lowerBound..<last.upperBound, in: file, after: previousSeq, unreadable: true)
                through = max(through, estimate)
                lostAtEnd = max(lostAtEnd, through)
            }
            try resolve(through: through)
        }
        recovery.bytesScanned += UInt64(scanner.bytesRead)
        recovery.unreadableBytes += UInt64(scanner.unreadable.reduce(0) { $0 + $1.count })
        segment.sealed = sealEnd == segment.fileSize
        return lostAtEnd
    }

    /// The highest seq damage at the end of the tail may have taken: the damaged frame's own
    /// seq when its header still names the next seq and its length reaches the end exactly,
    /// else as many seqs as the smallest frames the bytes could have held.
    private func lastSeqLost(at range: Range<Int>, in file: StoreFile, after previousSeq: UInt64, unreadable: Bool) -> UInt64 {
        if !unreadable, let bytes = try? file.readSalvaging(count: RecordFrame.headerSize, at: range.lowerBound).bytes,
            let header = bytes.withUnsafeBytes({ RecordFrame.header($0) }),
            header.seq == previousSeq + 1, header.totalLength == range.count
        {
            return header.seq
        }
        let smallestFrame = RecordFrame.headerSize + RecordBody.fixedSize + 3
        return previousSeq + UInt64(max(1, range.count / smallestFrame))
    }

    /// Whether the damaged end `range` of a sealed segment ends with its seal, damaged: the
    /// last `SegmentSeal.frameSize` bytes start like every seal (prefix, kind `S`, length 64)
    /// but for at most one byte. A seal cut short by a power cut is shorter than a seal, or
    /// is zeros where the rest was never written (if its start survived, keeping the segments
    /// after it costs nothing: their seqs were never given to anyone else).
    private func isDamagedSeal(at range: Range<Int>, in file: StoreFile, of segment: Segment) -> Bool {
        guard range.count >= SegmentSeal.frameSize,
            let found = try? file.readSalvaging(count: SegmentSeal.frameSize, at: range.upperBound - SegmentSeal.frameSize).bytes,
            found.count == SegmentSeal.frameSize
        else { return false }
        var expected: [UInt8] = []
        SegmentSeal.append(segment.summary, acknowledged: AcknowledgedPosition(), to: &expected)
        let differing = [0, 1, 2, 3, 8, 9, 10, 11].filter { found[$0] != expected[$0] }.count
        return differing <= 1
    }

    /// Writes a fresh seal where the damaged end of a sealed segment began (the damage was set
    /// aside already). Best effort: should the medium refuse, the segment is sealed in memory
    /// and the next start-up finds the damage again (and does not count it twice).
    private mutating func reseal(_ segment: inout Segment, file: StoreFile) {
        var seal: [UInt8] = []
        SegmentSeal.append(segment.summary, acknowledged: acknowledged, to: &seal)
        do {
            try file.truncate(to: segment.fileSize)
            try file.write(seal, at: segment.fileSize)
            try file.syncData()
            segment.fileSize += seal.count
            io.bytesWritten += UInt64(seal.count)
        } catch {}
    }

    /// Counts a segment header that fails its check and keeps its bytes in `corrupt/`. The
    /// header holds no record (the file name carries the first seq), so nothing is lost: the
    /// segment is read whole and its frames kept.
    private mutating func noteDamagedHeader(_ name: String, firstSeq: UInt64, bytes: [UInt8]) {
        recovery.segmentsSetAside.append(name)
        let copy = CorruptArea.regionName(segment: firstSeq, offset: 0)
        if writable {
            // Counted by an earlier run whose rewrite of the header did not reach the medium.
            guard !corruptArea.contains(copy) else { return }
            _ = try? corruptArea.keep(bytes, as: copy)
            stateDirty = true
        }
        persisted.corrupt.segments += 1
        persisted.corrupt.bytes += UInt64(Segment.headerSize)
    }

    /// Writes an intact header over a damaged one. Best effort, like `reseal`.
    private mutating func rewriteHeader(of segment: Segment, file: StoreFile) {
        let created = segment.summary.count > 0 ? segment.summary.oldestWallMs : KernelClock.wallMilliseconds()
        let header = Segment.header(firstSeq: segment.firstSeq, createdWallMs: created)
        do {
            try file.write(header, at: 0)
            try file.syncData()
            io.bytesWritten += UInt64(header.count)
        } catch {}
    }

    /// Whether the bytes at `offset` are a whole written frame that was damaged since, rather
    /// than a write cut short: its header is there, the frame fits before `end`, and it does
    /// not end in a zero byte (a frame always ends with its JSON's `}`; a write cut short by
    /// a power cut leaves zeros where the rest of the page was never written). Or the damage
    /// is in the header itself: with its prefix and kind restored and its length made to reach
    /// `end` exactly, its checksum holds (a write cut short cannot pass it).
    private func isDamagedFrame(at offset: Int, in file: StoreFile, end: Int) throws(StoreError) -> Bool {
        let bytes = try file.readSalvaging(count: RecordFrame.headerSize, at: offset).bytes
        if let header = bytes.withUnsafeBytes({ RecordFrame.header($0) }), offset + header.totalLength <= end {
            return try file.readSalvaging(count: 1, at: offset + header.totalLength - 1).bytes != [0]
        }
        let length = end - offset
        guard length > RecordFrame.headerSize, length <= limits.segmentSize else { return false }
        var frame = try file.readSalvaging(count: length, at: offset).bytes
        guard frame.count == length, frame.last != 0 else { return false }
        frame.replaceSubrange(0..<3, with: RecordFrame.prefix)
        frame.storeLittleEndian(UInt32(length - RecordFrame.headerSize), at: 8)
        for kind: FrameKind in [.record, .acknowledged, .seal] {
            frame[3] = kind.rawValue
            let intact: Bool = frame.withUnsafeBytes { raw in
                guard let header = RecordFrame.header(raw) else { return false }
                return RecordFrame.isIntact(header, raw)
            }
            if intact { return true }
        }
        return false
    }
}
