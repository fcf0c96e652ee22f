#if canImport(Glibc)
import Glibc
#endif

/// ICMP echo request and reply packets (RFC 792 for IPv4, RFC 4443 for IPv6).
enum ICMPEcho {
    /// Our payload, so a raw socket (which sees every ICMP packet of the host) can tell our
    /// replies from another pinger's that happen to share the id.
    static let payload = Array("kiosk-agent echo".utf8)

    /// An echo request. The IPv4 checksum is ours to fill on a raw socket (the kernel fills it
    /// on a datagram socket anyway); for ICMPv6 the kernel always computes it, as it covers the
    /// IPv6 pseudo-header.
    static func request(ipv6: Bool, id: UInt16, sequence: UInt16) -> [UInt8] {
        var packet: [UInt8] = [ipv6 ? 128 : 8, 0, 0, 0, UInt8(id >> 8), UInt8(id & 0xFF), UInt8(sequence >> 8), UInt8(sequence & 0xFF)]
        packet += payload
        if !ipv6 {
            let sum = checksum(packet)
            packet[2] = UInt8(sum >> 8)
            packet[3] = UInt8(sum & 0xFF)
        }
        return packet
    }

    /// The Internet checksum (RFC 1071): ones' complement of the ones' complement sum of the
    /// 16-bit big-endian words, an odd last byte padded with zero.
    static func checksum(_ bytes: [UInt8]) -> UInt16 {
        var sum: UInt32 = 0
        var index = 0
        while index + 1 < bytes.count {
            sum += UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1])
            index += 2
        }
        if index < bytes.count { sum += UInt32(bytes[index]) << 8 }
        while sum >> 16 != 0 { sum = (sum & 0xFFFF) + (sum >> 16) }
        return ~UInt16(sum)
    }

    /// The id and sequence of an echo reply carrying our payload; nil for anything else
    /// (requests a raw socket sees on loopback, other ICMP types, other pingers).
    /// `ipHeader`: raw IPv4 sockets receive the IP header in front of the ICMP message.
    static func reply(in bytes: [UInt8], ipv6: Bool, ipHeader: Bool) -> (id: UInt16, sequence: UInt16)? {
        var start = 0
        if ipHeader {
            guard let first = bytes.first, first >> 4 == 4 else { return nil }
            start = Int(first & 0x0F) * 4
        }
        guard bytes.count >= start + 8 + payload.count else { return nil }
        guard bytes[start] == (ipv6 ? 129 : 0), bytes[start + 1] == 0 else { return nil }
        guard Array(bytes[(start + 8)..<(start + 8 + payload.count)]) == payload else { return nil }
        let id = UInt16(bytes[start + 4]) << 8 | UInt16(bytes[start + 5])
        let sequence = UInt16(bytes[start + 6]) << 8 | UInt16(bytes[start + 7])
        return (id, sequence)
    }
}

/// An ICMP socket and how it was obtained, which decides how replies are matched.
struct ICMPChannel: ~Copyable {
    /// `datagram`: SOCK_DGRAM + IPPROTO_ICMP, allowed to users whose group is in
    /// `net.ipv4.ping_group_range`; the kernel sets the echo id and delivers only our replies,
    /// without the IP header. `raw`: SOCK_RAW, root or CAP_NET_RAW; we see every ICMP packet
    /// of the host and match id and sequence ourselves.
    enum Kind: String, Sendable {
        case datagram, raw
    }

    static let notAllowed = "unprivileged ICMP not allowed: sysctl -w net.ipv4.ping_group_range='0 2147483647' or give kioskd CAP_NET_RAW"

    let socket: ProbeSocket
    let kind: Kind
    let ipv6: Bool

    /// Tries the kinds in `order`; when the kernel refuses every one for lack of privilege,
    /// fails with words that say how to grant it.
    init(ipv6: Bool, order: [Kind]) throws(ProbeFailure) {
        var last: Errno?
        for kind in order {
            let type = kind == .datagram ? SOCK_DGRAM : SOCK_RAW
            do throws(Errno) {
                socket = try ProbeSocket(
                    family: ipv6 ? AF_INET6 : AF_INET, type: Int32(type.rawValue),
                    protocol: Int32(ipv6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP))
                self.kind = kind
                self.ipv6 = ipv6
                if kind == .raw && !ipv6 { Self.onlyEchoReplies(socket) }
                return
            } catch {
                last = error
            }
        }
        // EACCES: group outside ping_group_range; EPERM: no CAP_NET_RAW.
        if let last, last.rawValue != EACCES && last.rawValue != EPERM {
            throw ProbeFailure.system(last, "ICMP socket")
        }
        throw ProbeFailure(Self.notAllowed, untestable: true)
    }

    /// ICMP_FILTER (linux/icmp.h, SOL_RAW): a raw socket on a busy host would otherwise wake for
    /// every ICMP packet. Best effort; matching does not depend on it.
    private static func onlyEchoReplies(_ socket: borrowing ProbeSocket) {
        let solRaw: Int32 = 255, icmpFilter: Int32 = 1
        socket.set(level: solRaw, option: icmpFilter, Int32(bitPattern: ~UInt32(1 << 0)))
    }

    func matches(_ packet: [UInt8], id: UInt16) -> UInt16? {
        guard let reply = ICMPEcho.reply(in: packet, ipv6: ipv6, ipHeader: kind == .raw && !ipv6) else { return nil }
        // A datagram socket's id is the kernel's, and the kernel already filtered by it.
        if kind == .raw && reply.id != id { return nil }
        return reply.sequence
    }
}
