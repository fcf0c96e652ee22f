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
/// only the tail — at most one segment — is read whole. What start-up finds damaged never
/// stops it:
/// - the end of the tail cut off by a power cut or kill (an incomplete frame, zeros where a
///   page was never written, or no frame at all) is truncated away; a complete frame whose
///   checksum fails there is damage: counted, set aside, then truncated away too;
/// - damage followed by intact frames is set aside and counted, the rest kept;
/// - a segment whose header is unreadable is moved to `corrupt/` whole (what intact records
///   it held are reported as a `corrupt` drop);
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
            let header = try file.read(count: Segment.headerSize, at: 0)
            recovery.bytesScanned += UInt64(header.count)
            if isLast && (size < Segment.headerSize || header.allSatisfy { $0 == 0 }) {
                // Created, then cut off before its header reached the medium: nothing was in it.
                if writable { try StoreFiles.remove(path) }
                continue
            }
            seqFloor = max(seqFloor, entry.firstSeq - 1)
            guard Segment.isValidHeader(header, firstSeq: entry.firstSeq) else {
                // Its seqs run from its name's to the next segment's: all of them are gone.
                let bound = position + 1 < found.count ? found[position + 1].firstSeq - 1 : nil
                seqFloor = max(seqFloor, try setAside(entry.name, file: file, size: size, seqs: (entry.firstSeq, bound)))
                continue
            }
            var segment = Segment(firstSeq: entry.firstSeq, path: path, fileSize: size)
            segment.generation = takeGeneration()
            // What a killed kioskd wrote may be in the page cache only, seal included: make it
            // durable before a record of it is published (issue 12, defect 1).
            if writable {
                do throws(StoreError) { try file.syncData() } catch {
                    noteSyncFault(error, rewriting: path, unsure: nil)
                }
            }
            if !isLast, size >= Segment.headerSize + SegmentSeal.frameSize,
                let (summary, acknowledgedAtSeal) = SegmentSeal.decode(
                    try file.read(count: SegmentSeal.frameSize, at: size - SegmentSeal.frameSize))
            {
                recovery.bytesScanned += UInt64(SegmentSeal.frameSize)
                segment.summary = summary
                segment.sealed = true
                acknowledged = acknowledged.merged(with: acknowledgedAtSeal)
                segments.append(segment)
                segmentBytes += UInt64(size)
                continue
            }
            try readWhole(&segment, file: file)
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
    private mutating func readWhole(_ segment: inout Segment, file: StoreFile) throws(StoreError) {
        var scanner = SegmentScanner(file: file, from: Segment.headerSize, to: segment.fileSize)
        var previousSeq = segment.firstSeq - 1
        var sealEnd = -1
        while let item = try scanner.next() {
            switch item {
            case .frame(let header, let offset):
                switch header.kind {
                case .record:
                    if let peek = scanner.withBody({ RecordBody.peek($0) }), header.seq > previousSeq {
                        segment.summary.add(
                            seq: header.seq, periodic: peek.periodic, wallMs: peek.wallMs, frameLength: header.totalLength)
                        previousSeq = header.seq
                    }
                case .acknowledged:
                    let at = scanner.withBody { $0.count >= 8 ? $0.littleEndian(Int64.self, at: 0) : Int64.min }
                    acknowledged = acknowledged.merged(
                        with: AcknowledgedPosition(seq: header.seq, atWallMs: at == Int64.min ? nil : at))
                case .seal:
                    sealEnd = offset + header.totalLength
                }
            case .damaged(let range, let nextSeq):
                if let nextSeq {
                    recovery.corruptRegions += 1
                    try noteDamage(in: segment, range: range, file: file, firstSeq: previousSeq + 1, lastSeq: nextSeq - 1)
                    continue
                }
                // Read-only, the end may be a frame a running kioskd is writing right now.
                if writable, try isDamagedFrame(at: range.lowerBound, in: file, end: range.upperBound) {
                    recovery.corruptRegions += 1
                    try noteDamage(in: segment, range: range, file: file, firstSeq: previousSeq + 1, lastSeq: previousSeq + 1)
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
        recovery.bytesScanned += UInt64(scanner.bytesRead)
        segment.sealed = sealEnd == segment.fileSize
    }

    /// Whether the bytes at `offset` are a whole written frame that was damaged since, rather
    /// than a write cut short: its header is there, the frame fits before `end`, and it does
    /// not end in a zero byte (a frame always ends with its JSON's `}`; a write cut short by
    /// a power cut leaves zeros where the rest of the page was never written).
    private func isDamagedFrame(at offset: Int, in file: StoreFile, end: Int) throws(StoreError) -> Bool {
        let bytes = try file.read(count: RecordFrame.headerSize, at: offset)
        guard let header = bytes.withUnsafeBytes({ RecordFrame.header($0) }), offset + header.totalLength <= end
        else { return false }
        return try file.read(count: 1, at: offset + header.totalLength - 1) != [0]
    }

    /// Moves a segment with an unreadable header to `corrupt/` (a writable store), counts it,
    /// and reports the intact records it still held as lost, over the whole seq range it may
    /// have held (`seqs`: from its name's first seq to before the next segment's, when there
    /// is one): a gap without an announcement is what a consumer must never see. Returns the
    /// highest seq found.
    private mutating func setAside(
        _ name: String, file: StoreFile, size: Int, seqs: (first: UInt64, last: UInt64?)
    ) throws(StoreError) -> UInt64 {
        var scanner = SegmentScanner(file: file, from: min(Segment.headerSize, size), to: size)
        var tally = DropTally()
        while let item = try scanner.next() {
            if case .frame(let header, _) = item, header.kind == .record { tally.add(header) }
        }
        recovery.bytesScanned += UInt64(scanner.bytesRead)
        recovery.segmentsSetAside.append(name)
        persisted.corrupt.segments += 1
        persisted.corrupt.records += tally.count
        if writable {
            try corruptArea.moveSegment(at: segmentsDirectory + "/" + name, size: size, as: name)
            try segmentsFolder?.syncDirectory()
            persisted.corrupt.bytes += UInt64(size)
            let range = seqs.last.map { DropReport(reason: .corrupt, count: 0, bytes: 0, firstSeq: seqs.first, lastSeq: $0) }
            if var report = tally.report(.corrupt) ?? range, report.lastSeq >= report.firstSeq {
                report.bytes = UInt64(size)
                report.firstSeq = min(report.firstSeq, seqs.first)
                report.lastSeq = max(report.lastSeq, seqs.last ?? report.lastSeq)
                dropReports.append(report)
            }
            stateDirty = true
        }
        return tally.lastSeq
    }
}
