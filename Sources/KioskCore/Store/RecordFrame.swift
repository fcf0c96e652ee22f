/// The on-disk frame: the unit of checksumming, resynchronisation and truncation.
///
/// Every frame in a segment file, little-endian:
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 3 | prefix `FF 6B 72` (`0xFF` never occurs in UTF-8 JSON, so a search for it is fast) |
/// | 3 | 1 | kind: `R` record, `A` acknowledged position, `S` seal |
/// | 4 | 4 | CRC-32C of bytes 8 ..< 20 + body length (length, seq and body) |
/// | 8 | 4 | body length |
/// | 12 | 8 | seq (record: its seq; `A`: the acknowledged seq; `S`: the segment's last seq) |
/// | 20 | n | body |
///
/// Because the checksum covers the length, a flipped length is caught like any other damage,
/// and a reader that meets a bad frame finds the next good one by searching for the prefix
/// and accepting only a frame whose checksum holds.
enum FrameKind: UInt8, Sendable {
    case record = 0x52
    case acknowledged = 0x41
    case seal = 0x53
}

enum RecordFrame {
    static let prefix: [UInt8] = [0xFF, 0x6B, 0x72]
    static let headerSize = 20
    /// No frame body is larger; a larger length is damage, not a record.
    static let maxBodySize = 16 * 1024 * 1024

    /// A frame whose header was read; `crc` is checked by `isIntact`.
    struct Header: Equatable {
        var kind: FrameKind
        var crc: UInt32
        var bodyLength: Int
        var seq: UInt64
        var totalLength: Int { RecordFrame.headerSize + bodyLength }
    }

    /// The header at the start of `bytes` when its prefix, kind and length are plausible.
    static func header(_ bytes: UnsafeRawBufferPointer) -> Header? {
        guard bytes.count >= headerSize, bytes[0] == 0xFF, bytes[1] == 0x6B, bytes[2] == 0x72,
            let kind = FrameKind(rawValue: bytes[3])
        else { return nil }
        let length = Int(bytes.littleEndian(UInt32.self, at: 8))
        guard length <= maxBodySize else { return nil }
        return Header(
            kind: kind, crc: bytes.littleEndian(UInt32.self, at: 4), bodyLength: length,
            seq: bytes.littleEndian(UInt64.self, at: 12))
    }

    /// Whether the whole frame at the start of `bytes` (at least `header.totalLength` long)
    /// matches its checksum.
    static func isIntact(_ header: Header, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let covered = UnsafeRawBufferPointer(rebasing: bytes[8..<header.totalLength])
        return CRC32C.checksum(covered) == header.crc
    }

    /// Appends one complete frame to `out`: the body is written by `body`, then the header
    /// and checksum are filled in.
    static func append(
        kind: FrameKind, seq: UInt64, to out: inout [UInt8], body: (inout [UInt8]) -> Void
    ) {
        let start = out.count
        out.append(contentsOf: prefix)
        out.append(kind.rawValue)
        out.appendLittleEndian(UInt32(0))
        out.appendLittleEndian(UInt32(0))
        out.appendLittleEndian(seq)
        body(&out)
        let length = out.count - start - headerSize
        out.storeLittleEndian(UInt32(length), at: start + 8)
        let crc = out.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[(start + 8)...])) }
        out.storeLittleEndian(crc, at: start + 4)
    }
}
