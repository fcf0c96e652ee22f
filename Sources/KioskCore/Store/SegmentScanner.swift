#if canImport(Glibc)
import Glibc
#endif

/// Reads the frames of one segment in order, checking every checksum, and steps over damage.
///
/// Damage (a bad prefix, an impossible length, a checksum that does not hold, a frame cut off
/// by the end of the file) is reported once as a byte range; scanning resumes at the next
/// offset where an intact frame starts (its prefix found and its checksum holding). Whether
/// damage at the end is a torn tail to cut or corruption to set aside is the caller's call.
///
/// A block the medium cannot give back (EIO) reads as zeros (`StoreFile.readSalvaging`) and
/// is named in `unreadable`: the frames it covers fail their checksums and become damage like
/// any other, and the scan goes on after it.
///
/// Memory stays bounded: one read window, which starts at 16 KiB (a publisher asking for a
/// few records reads little) and doubles with each read up to `chunkSize` (a long scan
/// reads in large chunks), or one frame when larger.
struct SegmentScanner {
    enum Item {
        /// An intact frame at `offset`; its body is available through `withBody` until `next()`.
        case frame(RecordFrame.Header, offset: Int)
        /// Damaged bytes; `nextSeq` is the first seq they cannot have held (see `seqBound`),
        /// nil when the damage runs to `end` or only acknowledgement frames follow.
        case damaged(Range<Int>, nextSeq: UInt64?)
    }

    let file: StoreFile
    /// Where the segment's bytes end for this scan (the file may be longer while being written).
    let end: Int
    /// The file offset of the next frame.
    private(set) var offset: Int
    /// Bytes read from the file so far: start-up cost, exposed for tests.
    private(set) var bytesRead = 0
    /// Byte ranges the medium could not read (EIO), in file order.
    private(set) var unreadable: [Range<Int>] = []

    private var window: [UInt8]
    private let chunkSize: Int
    private var windowStart = 0
    private var windowCount = 0
    private var current: (header: RecordFrame.Header, offset: Int)?

    init(file: StoreFile, from offset: Int, to end: Int, chunkSize: Int = 256 * 1024) {
        self.file = file
        self.offset = offset
        self.end = end
        self.chunkSize = chunkSize
        self.window = [UInt8](repeating: 0, count: min(16 * 1024, chunkSize))
    }

    mutating func next() throws(StoreError) -> Item? {
        current = nil
        guard offset < end else { return nil }
        let start = offset
        if let header = try intactFrame(at: start) {
            offset = start + header.totalLength
            current = (header, start)
            return .frame(header, offset: start)
        }
        return try resynchronise(after: start)
    }

    /// The body of the frame `next()` last returned.
    func withBody<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        let (header, offset) = current!
        let from = offset - windowStart + RecordFrame.headerSize
        return window.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[from..<(from + header.bodyLength)])) }
    }

    /// The whole frame `next()` last returned, as bytes (for copying it elsewhere).
    func withFrame<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        let (header, offset) = current!
        let from = offset - windowStart
        return window.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[from..<(from + header.totalLength)])) }
    }

    /// Whether some of `range` could not be read from the medium.
    func isUnreadable(_ range: Range<Int>) -> Bool { unreadable.contains { $0.overlaps(range) } }

    /// Finds the next intact frame after damage at `start`.
    private mutating func resynchronise(after start: Int) throws(StoreError) -> Item {
        var position = start + 1
        while position + RecordFrame.headerSize <= end {
            guard try cover(position, count: RecordFrame.headerSize) else { break }
            let from = position - windowStart
            let found: Int? = window.withUnsafeBytes { raw in
                guard from < windowCount, let base = raw.baseAddress,
                    let hit = memchr(base + from, 0xFF, windowCount - from)
                else { return nil }
                return windowStart + (UnsafeRawPointer(hit) - UnsafeRawPointer(base))
            }
            guard let candidate = found else {
                position = windowStart + windowCount
                continue
            }
            if let header = try intactFrame(at: candidate) {
                offset = candidate
                return .damaged(start..<candidate, nextSeq: try seqBound(header, at: candidate))
            }
            position = candidate + 1
        }
        offset = end
        return .damaged(start..<end, nextSeq: nil)
    }

    /// The first seq damage before the intact frame `header` at `position` cannot have held:
    /// a record's own seq; one past a seal's (a seal names the segment's last record, which
    /// may be among the damage); past an acknowledgement frame (whose seq is the acknowledged
    /// position, no bound at all), that of the next record or seal; nil when the file ends
    /// after acknowledgement frames only, their seq when more damage follows them.
    private mutating func seqBound(_ header: RecordFrame.Header, at position: Int) throws(StoreError) -> UInt64? {
        let first = header
        var header = header, position = position
        while header.kind == .acknowledged {
            position += header.totalLength
            guard let next = try intactFrame(at: position) else { return position >= end ? nil : first.seq }
            header = next
        }
        return header.kind == .seal ? header.seq &+ 1 : header.seq
    }

    /// The header of the frame at `position` when the whole frame is there and intact.
    private mutating func intactFrame(at position: Int) throws(StoreError) -> RecordFrame.Header? {
        guard position + RecordFrame.headerSize <= end,
            try cover(position, count: RecordFrame.headerSize)
        else { return nil }
        let from = position - windowStart
        guard let header = window.withUnsafeBytes({ RecordFrame.header(UnsafeRawBufferPointer(rebasing: $0[from...])) }),
            position + header.totalLength <= end,
            try cover(position, count: header.totalLength)
        else { return nil }
        let at = position - windowStart
        let intact = window.withUnsafeBytes {
            RecordFrame.isIntact(header, UnsafeRawBufferPointer(rebasing: $0[at..<(at + header.totalLength)]))
        }
        return intact ? header : nil
    }

    /// Makes the window hold bytes `position ..< position + count`; false when the file ends first.
    private mutating func cover(_ position: Int, count: Int) throws(StoreError) -> Bool {
        if position >= windowStart && position + count <= windowStart + windowCount { return true }
        let size = max(count, windowCount == 0 ? window.count : min(window.count * 2, chunkSize))
        if size > window.count { window = [UInt8](repeating: 0, count: size) }
        let wanted = min(window.count, end - position)
        let (n, bad) = try window.withUnsafeMutableBytes { raw in
            Result { () throws(StoreError) in
                try file.readSalvaging(into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<wanted]), at: position)
            }
        }.get()
        for range in bad where !unreadable.contains(where: { $0.overlaps(range) }) { unreadable.append(range) }
        bytesRead += n
        windowStart = position
        windowCount = n
        return n >= count
    }
}
