/// The SPEC envelope of a stored record, built as bytes at send time.
///
/// Same document as `Envelope` encoded by `JSON.encoder()` (keys sorted, snake_case), but
/// `data` is spliced in as stored instead of being decoded and encoded again: draining a
/// backlog of a million records must not pay a JSON round trip for each.
extension StoredRecord {
    /// `{"boot":…,"clock":…,"data":{…},"device":…,"mono_ms":…,"schema":"kiosk.v1","seq":…,"site":…,"ts":…,"type":…}`
    /// with the timestamp re-anchored by `anchor` when it applies (see `timestamp(anchor:)`).
    public func envelopeJSON(device: String, site: String, anchor: ClockAnchor? = nil) -> [UInt8] {
        let (wallMs, clock) = timestamp(anchor: anchor)
        var out: [UInt8] = []
        out.reserveCapacity(data.count + 200 + device.utf8.count + site.utf8.count)
        out.append(contentsOf: #"{"boot":"#.utf8)
        Self.appendJSONString(boot, to: &out)
        out.append(contentsOf: #","clock":""#.utf8)
        out.append(contentsOf: clock.rawValue.utf8)
        out.append(contentsOf: #"","data":"#.utf8)
        out.append(contentsOf: data)
        out.append(contentsOf: #","device":"#.utf8)
        Self.appendJSONString(device, to: &out)
        out.append(contentsOf: #","mono_ms":"#.utf8)
        out.append(contentsOf: String(monoMs).utf8)
        out.append(contentsOf: #","schema":"#.utf8)
        Self.appendJSONString(Envelope<JSONValue>.schemaName, to: &out)
        out.append(contentsOf: #","seq":"#.utf8)
        out.append(contentsOf: String(seq).utf8)
        out.append(contentsOf: #","site":"#.utf8)
        Self.appendJSONString(site, to: &out)
        out.append(contentsOf: #","ts":""#.utf8)
        out.append(contentsOf: KernelClock.rfc3339(milliseconds: wallMs).utf8)
        out.append(contentsOf: #"","type":"#.utf8)
        Self.appendJSONString(type, to: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, the rest
    /// (slashes and non-ASCII included) as is, like `JSON.encoder()`.
    static func appendJSONString(_ text: String, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
