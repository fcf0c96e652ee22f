#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The IPv4 default route: which interface carries the uplink and which router is next.
///
/// Read from `/proc/net/route` rather than asked of netlink: one small file, no privilege,
/// and a test can hand over a sample. The file prints each address as the hexadecimal of the
/// 32-bit value as it lies in memory, network byte order read on a little-endian CPU (every
/// kiosk board: arm64, armhf, x86), so `010200C0` is 192.0.2.1.
public enum DefaultRoute {
    /// The default route's interface and gateway; with several (a 4G dongle and Wi-Fi), the one
    /// with the lowest metric, as the kernel would pick. nil when there is none: no DHCP lease
    /// yet, or the uplink is gone. A point-to-point uplink (ppp, some modems) has gateway
    /// `0.0.0.0`.
    public static func read(from path: String = "/proc/net/route") -> (interface: String, gateway: String)? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return parse(text)
    }

    static func parse(_ text: String) -> (interface: String, gateway: String)? {
        var best: (interface: String, gateway: String, metric: Int)?
        for line in text.split(separator: "\n").dropFirst() {
            // Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window IRTT
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 8, fields[1] == "00000000", fields[7] == "00000000",
                let flags = Int(fields[3], radix: 16), flags & 0x1 != 0,  // RTF_UP
                let gateway = UInt32(fields[2], radix: 16), let metric = Int(fields[6])
            else { continue }
            if best == nil || metric < best!.metric {
                best = (String(fields[0]), dottedQuad(littleEndian: gateway), metric)
            }
        }
        return best.map { ($0.interface, $0.gateway) }
    }

    /// `0x010200C0` → `192.0.2.1`: the lowest byte is the first octet.
    static func dottedQuad(littleEndian value: UInt32) -> String {
        (0..<4).map { String((value >> (8 * $0)) & 0xFF) }.joined(separator: ".")
    }
}
