/// The few bytes of RFC 1035 a DNS probe needs: an A query, and the parts of an answer that
/// say whether it worked (id, response flag, rcode, question, A records).
///
/// Written here rather than taken from the system resolver because the resolver hides the very
/// things a technician needs: which server answered, and whether it said NXDOMAIN or SERVFAIL.
enum DNSMessage {
    static let typeA: UInt16 = 1
    static let classIN: UInt16 = 1

    /// A standard query with recursion desired for the A records of `name`; nil when `name`
    /// is not a valid host name (empty label, label over 63 bytes, name over 253).
    static func query(id: UInt16, name: String) -> [UInt8]? {
        guard let encoded = encode(name) else { return nil }
        var bytes: [UInt8] = []
        bytes.appendBigEndian(id)
        bytes.appendBigEndian(0x0100)  // QR 0, opcode QUERY, RD 1
        bytes.appendBigEndian(1)  // QDCOUNT
        bytes.appendBigEndian(0)  // ANCOUNT
        bytes.appendBigEndian(0)  // NSCOUNT
        bytes.appendBigEndian(0)  // ARCOUNT
        bytes += encoded
        bytes.appendBigEndian(typeA)
        bytes.appendBigEndian(classIN)
        return bytes
    }

    /// A name as length-prefixed labels ending in the root label.
    static func encode(_ name: String) -> [UInt8]? {
        let trimmed = name.hasSuffix(".") ? String(name.dropLast()) : name
        guard !trimmed.isEmpty, trimmed.utf8.count <= 253 else { return nil }
        var bytes: [UInt8] = []
        for label in trimmed.split(separator: ".", omittingEmptySubsequences: false) {
            let utf8 = Array(label.utf8)
            guard (1...63).contains(utf8.count) else { return nil }
            bytes.append(UInt8(utf8.count))
            bytes += utf8
        }
        bytes.append(0)
        return bytes
    }

    /// What a probe reads from an answer.
    struct Answer: Equatable {
        var id: UInt16
        var rcode: Int
        var truncated: Bool
        /// The question, lower case, without the final dot.
        var question: String
        var addresses: [String]
    }

    /// nil when `bytes` is not a DNS response (too short, QR clear, a name runs off the end).
    static func parse(_ bytes: [UInt8]) -> Answer? {
        var reader = Reader(bytes: bytes)
        guard let id = reader.u16(), let flags = reader.u16(), flags & 0x8000 != 0,
            let qdcount = reader.u16(), let ancount = reader.u16(),
            reader.u16() != nil, reader.u16() != nil
        else { return nil }
        var question = ""
        for index in 0..<Int(qdcount) {
            guard let name = reader.name(), reader.u16() != nil, reader.u16() != nil else { return nil }
            if index == 0 { question = name }
        }
        var addresses: [String] = []
        for _ in 0..<Int(ancount) {
            guard reader.name() != nil, let type = reader.u16(), let rclass = reader.u16(),
                reader.u32() != nil, let length = reader.u16(), let data = reader.bytes(Int(length))
            else { return nil }
            if type == typeA && rclass == classIN && data.count == 4 {
                addresses.append(data.map(String.init).joined(separator: "."))
            }
        }
        return Answer(
            id: id, rcode: Int(flags & 0x000F), truncated: flags & 0x0200 != 0,
            question: question, addresses: addresses)
    }

    /// The rcode as DNS tools print it.
    static func rcodeName(_ rcode: Int) -> String {
        switch rcode {
        case 0: "NOERROR"
        case 1: "FORMERR"
        case 2: "SERVFAIL"
        case 3: "NXDOMAIN"
        case 4: "NOTIMP"
        case 5: "REFUSED"
        default: "RCODE \(rcode)"
        }
    }

    /// Reads big-endian fields and names with compression pointers, never past the end.
    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func bytes(_ count: Int) -> ArraySlice<UInt8>? {
            guard count >= 0, offset + count <= bytes.count else { return nil }
            defer { offset += count }
            return bytes[offset..<offset + count]
        }

        mutating func u16() -> UInt16? {
            bytes(2).map { UInt16($0[$0.startIndex]) << 8 | UInt16($0[$0.startIndex + 1]) }
        }

        mutating func u32() -> UInt32? {
            guard let high = u16(), let low = u16() else { return nil }
            return UInt32(high) << 16 | UInt32(low)
        }

        /// A name, following at most 16 compression pointers so a looping packet cannot hang us.
        mutating func name() -> String? {
            var labels: [String] = []
            var position = offset
            var jumps = 0
            var resume: Int?
            while true {
                guard position < bytes.count else { return nil }
                let length = Int(bytes[position])
                if length & 0xC0 == 0xC0 {
                    guard position + 1 < bytes.count, jumps < 16 else { return nil }
                    if resume == nil { resume = position + 2 }
                    position = (length & 0x3F) << 8 | Int(bytes[position + 1])
                    jumps += 1
                    continue
                }
                guard length & 0xC0 == 0 else { return nil }
                if length == 0 {
                    offset = resume ?? position + 1
                    return labels.joined(separator: ".").lowercased()
                }
                guard position + 1 + length <= bytes.count else { return nil }
                labels.append(String(decoding: bytes[position + 1...position + length], as: UTF8.self))
                position += 1 + length
            }
        }
    }
}

extension [UInt8] {
    fileprivate mutating func appendBigEndian(_ value: UInt16) {
        append(UInt8(value >> 8))
        append(UInt8(value & 0xFF))
    }
}
