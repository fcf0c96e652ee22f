/// The body of an `R` frame, little-endian:
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 1 | flags: bit 0 periodic sample, bit 1 boot id stored as 16 bytes of UUID |
/// | 1 | 1 | clock state when stamped: 0 synced, 1 unsynced, 2 corrected |
/// | 2 | 1 | type length |
/// | 3 | 1 | boot length |
/// | 4 | 8 | wall time, ms since the Unix epoch |
/// | 12 | 8 | monotonic time since boot, ms |
/// | 20 | … | type (UTF-8), boot, then `data` (JSON) to the end of the body |
///
/// The kernel's boot id is a canonical UUID; stored as 16 bytes it saves 20 bytes a record
/// (SD cards wear by bytes written). Anything else is stored as text and read back unchanged.
struct RecordBody {
    static let fixedSize = 20
    static let maxTypeLength = 64

    private static let periodicFlag: UInt8 = 1
    private static let binaryBootFlag: UInt8 = 2

    /// The last boot id decoded, so a backlog of one boot builds its string once.
    private var cachedBootBytes: [UInt8] = []
    private var cachedBoot = ""

    /// Whether `type` can be a topic level and fits the body.
    static func isValidType(_ type: String) -> Bool {
        let utf8 = type.utf8
        return (1...maxTypeLength).contains(utf8.count)
            && utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F }
    }

    /// Appends the body of `record` to `out`.
    static func encode(_ record: NewRecord, to out: inout [UInt8]) {
        let binaryBoot = uuidBytes(record.boot)
        let bootLength = binaryBoot?.count ?? min(record.boot.utf8.count, 255)
        out.append((record.periodic ? periodicFlag : 0) | (binaryBoot != nil ? binaryBootFlag : 0))
        out.append(clockCode(record.clock))
        out.append(UInt8(record.type.utf8.count))
        out.append(UInt8(bootLength))
        out.appendLittleEndian(record.wallMs)
        out.appendLittleEndian(record.monoMs)
        out.append(contentsOf: record.type.utf8)
        if let binaryBoot { out.append(contentsOf: binaryBoot) } else { out.append(contentsOf: record.boot.utf8.prefix(255)) }
        out.append(contentsOf: record.data)
    }

    /// The record in `body`, or nil when the body's own lengths do not add up (damage that
    /// happened before the checksum was computed, which the checksum cannot see).
    mutating func decode(seq: UInt64, body: UnsafeRawBufferPointer) -> StoredRecord? {
        guard body.count >= Self.fixedSize else { return nil }
        let flags = body[0]
        let typeLength = Int(body[2]), bootLength = Int(body[3])
        let dataStart = Self.fixedSize + typeLength + bootLength
        guard dataStart <= body.count, let clock = Self.clockState(body[1]) else { return nil }
        let typeBytes = UnsafeRawBufferPointer(rebasing: body[Self.fixedSize..<(Self.fixedSize + typeLength)])
        let bootBytes = UnsafeRawBufferPointer(rebasing: body[(Self.fixedSize + typeLength)..<dataStart])
        let boot: String
        if bootBytes.elementsEqual(cachedBootBytes) {
            boot = cachedBoot
        } else {
            if flags & Self.binaryBootFlag != 0 {
                guard bootBytes.count == 16 else { return nil }
                boot = Self.uuidString(bootBytes)
            } else {
                boot = String(decoding: bootBytes, as: UTF8.self)
            }
            cachedBootBytes = Array(bootBytes)
            cachedBoot = boot
        }
        return StoredRecord(
            seq: seq, type: String(decoding: typeBytes, as: UTF8.self), periodic: flags & Self.periodicFlag != 0,
            boot: boot, wallMs: body.littleEndian(Int64.self, at: 4), monoMs: body.littleEndian(Int64.self, at: 12),
            clock: clock, data: Array(UnsafeRawBufferPointer(rebasing: body[dataStart...])))
    }

    /// The flags and wall time alone: what summaries need, without building a record.
    static func peek(_ body: UnsafeRawBufferPointer) -> (periodic: Bool, wallMs: Int64)? {
        guard body.count >= fixedSize else { return nil }
        return (body[0] & periodicFlag != 0, body.littleEndian(Int64.self, at: 4))
    }

    static func encodedSize(_ record: NewRecord) -> Int {
        fixedSize + record.type.utf8.count + (uuidBytes(record.boot)?.count ?? min(record.boot.utf8.count, 255))
            + record.data.count
    }

    private static func clockCode(_ state: ClockState) -> UInt8 {
        switch state {
        case .synced: 0
        case .unsynced: 1
        case .corrected: 2
        }
    }

    private static func clockState(_ code: UInt8) -> ClockState? {
        switch code {
        case 0: .synced
        case 1: .unsynced
        case 2: .corrected
        default: nil
        }
    }

    /// The 16 bytes of a lowercase canonical UUID (`8-4-4-4-12` hex digits), else nil, so that
    /// decoding gives back exactly the same text.
    static func uuidBytes(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count == 36 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        var high: UInt8? = nil
        for (index, char) in utf8.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard char == 0x2D else { return nil }
                continue
            }
            let nibble: UInt8
            switch char {
            case 0x30...0x39: nibble = char - 0x30
            case 0x61...0x66: nibble = char - 0x61 + 10
            default: return nil
            }
            if let h = high {
                bytes.append(h << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return bytes
    }

    static func uuidString(_ bytes: UnsafeRawBufferPointer) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { out.append(0x2D) }
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
