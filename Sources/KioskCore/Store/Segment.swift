/// One segment file: `segments/<first seq, 16 hex digits>.seg`.
///
/// A segment starts with a 32-byte header, then frames (`RecordFrame`). The writer appends to
/// one segment, the tail; when the tail would grow past the segment size it is sealed with an
/// `S` frame summarising it and a new tail begins. Sealed segments are never appended to
/// again, only deleted whole or rewritten whole (compaction), so start-up trusts a sealed
/// segment from its header and seal alone and reads nothing else of it.
///
/// Header, little-endian:
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 4 | magic `kseg` |
/// | 4 | 2 | format version, 1 |
/// | 6 | 2 | zero |
/// | 8 | 8 | first seq (also the file name: every record of the segment has seq ≥ it) |
/// | 16 | 8 | creation wall time, ms |
/// | 24 | 4 | zero |
/// | 28 | 4 | CRC-32C of bytes 0 ..< 28 |
struct Segment {
    static let headerSize = 32
    static let fileSuffix = ".seg"
    private static let magic: [UInt8] = [0x6B, 0x73, 0x65, 0x67]
    private static let version: UInt16 = 1

    /// The name's seq: a lower bound of every seq in the segment (exact unless compacted).
    let firstSeq: UInt64
    let path: String
    var fileSize: Int
    var summary = SegmentSummary()
    var sealed = false
    /// Changes when the file is rewritten, so a reader's saved offset is known to be stale.
    var generation: UInt64 = 0

    static func fileName(_ firstSeq: UInt64) -> String {
        let hex = String(firstSeq, radix: 16)
        return String(repeating: "0", count: max(0, 16 - hex.count)) + hex + fileSuffix
    }

    /// The first seq a segment file name stands for, or nil for any other name.
    static func firstSeq(fileName: String) -> UInt64? {
        guard fileName.hasSuffix(fileSuffix) else { return nil }
        let hex = fileName.dropLast(fileSuffix.count)
        guard hex.utf8.count == 16, hex.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        else { return nil }
        return UInt64(hex, radix: 16)
    }

    static func header(firstSeq: UInt64, createdWallMs: Int64) -> [UInt8] {
        var out = magic
        out.appendLittleEndian(version)
        out.appendLittleEndian(UInt16(0))
        out.appendLittleEndian(firstSeq)
        out.appendLittleEndian(createdWallMs)
        out.appendLittleEndian(UInt32(0))
        out.appendLittleEndian(CRC32C.checksum(out))
        return out
    }

    /// Whether `bytes` is an intact header naming `firstSeq`.
    static func isValidHeader(_ bytes: [UInt8], firstSeq: UInt64) -> Bool {
        guard bytes.count >= headerSize, Array(bytes[0..<4]) == magic else { return false }
        return bytes.withUnsafeBytes { raw in
            raw.littleEndian(UInt16.self, at: 4) == version
                && raw.littleEndian(UInt64.self, at: 8) == firstSeq
                && raw.littleEndian(UInt32.self, at: 28) == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<28]))
        }
    }
}

/// What a segment holds, kept in memory for every segment and written into its seal:
/// enough to decide drops, retention and queue statistics without reading records.
struct SegmentSummary: Equatable {
    var count = 0
    var periodicCount = 0
    var firstRecordSeq: UInt64 = 0
    var lastSeq: UInt64 = 0
    var lastPeriodicSeq: UInt64 = 0
    var oldestWallMs = Int64.max
    var newestWallMs = Int64.min
    /// Bytes of record frames (not header, seal or acknowledgement frames).
    var recordBytes: UInt64 = 0

    mutating func add(seq: UInt64, periodic: Bool, wallMs: Int64, frameLength: Int) {
        if count == 0 { firstRecordSeq = seq }
        count += 1
        lastSeq = seq
        if periodic {
            periodicCount += 1
            lastPeriodicSeq = seq
        }
        oldestWallMs = min(oldestWallMs, wallMs)
        newestWallMs = max(newestWallMs, wallMs)
        recordBytes += UInt64(frameLength)
    }

    /// Seqs without holes: the number of records after a seq can be computed.
    var isContiguous: Bool { count == 0 || lastSeq - firstRecordSeq + 1 == UInt64(count) }
}

/// The `S` frame that ends a sealed segment: its summary and the acknowledged position when
/// it was sealed. Fixed size, so start-up finds it by reading the last bytes of the file.
enum SegmentSeal {
    static let bodySize = 64
    static let frameSize = RecordFrame.headerSize + bodySize

    static func append(_ s: SegmentSummary, acknowledged: AcknowledgedPosition, to out: inout [UInt8]) {
        RecordFrame.append(kind: .seal, seq: s.lastSeq, to: &out) { body in
            body.appendLittleEndian(UInt32(clamping: s.count))
            body.appendLittleEndian(UInt32(clamping: s.periodicCount))
            body.appendLittleEndian(s.firstRecordSeq)
            body.appendLittleEndian(s.lastPeriodicSeq)
            body.appendLittleEndian(s.oldestWallMs)
            body.appendLittleEndian(s.newestWallMs)
            body.appendLittleEndian(s.recordBytes)
            body.appendLittleEndian(acknowledged.seq)
            body.appendLittleEndian(acknowledged.atWallMs ?? Int64.min)
        }
    }

    /// The summary in the seal frame `bytes` (exactly `frameSize` long), nil when it is not one.
    static func decode(_ bytes: [UInt8]) -> (SegmentSummary, AcknowledgedPosition)? {
        guard bytes.count == frameSize else { return nil }
        return bytes.withUnsafeBytes { raw in
            guard let header = RecordFrame.header(raw), header.kind == .seal, header.bodyLength == bodySize,
                RecordFrame.isIntact(header, raw)
            else { return nil }
            let b = RecordFrame.headerSize
            var s = SegmentSummary()
            s.count = Int(raw.littleEndian(UInt32.self, at: b))
            s.periodicCount = Int(raw.littleEndian(UInt32.self, at: b + 4))
            s.firstRecordSeq = raw.littleEndian(UInt64.self, at: b + 8)
            s.lastSeq = header.seq
            s.lastPeriodicSeq = raw.littleEndian(UInt64.self, at: b + 16)
            s.oldestWallMs = raw.littleEndian(Int64.self, at: b + 24)
            s.newestWallMs = raw.littleEndian(Int64.self, at: b + 32)
            s.recordBytes = raw.littleEndian(UInt64.self, at: b + 40)
            let at = raw.littleEndian(Int64.self, at: b + 56)
            let acknowledged = AcknowledgedPosition(
                seq: raw.littleEndian(UInt64.self, at: b + 48), atWallMs: at == Int64.min ? nil : at)
            return (s, acknowledged)
        }
    }
}

/// The highest seq the broker acknowledged contiguously, and when.
///
/// Persisted without a file of its own: `sync()` appends an `A` frame (seq = the position,
/// body = when, ms) to the tail in the same write and fdatasync as the records, so
/// persisting it costs no extra fsync; seals and the state file carry it across segments.
struct AcknowledgedPosition: Equatable, Codable {
    var seq: UInt64 = 0
    var atWallMs: Int64?

    static func append(_ position: AcknowledgedPosition, to out: inout [UInt8]) {
        RecordFrame.append(kind: .acknowledged, seq: position.seq, to: &out) { body in
            body.appendLittleEndian(position.atWallMs ?? Int64.min)
        }
    }

    static let frameSize = RecordFrame.headerSize + 8

    /// The later of two positions.
    func merged(with other: AcknowledgedPosition) -> AcknowledgedPosition {
        other.seq > seq ? other : self
    }
}
