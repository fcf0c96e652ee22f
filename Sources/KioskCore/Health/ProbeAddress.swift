#if canImport(Glibc)
import Glibc
#endif

/// An IPv4 or IPv6 socket address that a probe talks to.
///
/// Probes keep addresses as values and hand the kernel a `sockaddr` only for the duration of a
/// call, so nothing points into memory that may move.
struct ProbeAddress: Sendable, Equatable, CustomStringConvertible {
    private enum Storage: Sendable {
        case v4(sockaddr_in)
        case v6(sockaddr_in6)
    }
    private var storage: Storage

    /// An address written as digits (`192.0.2.1`, `2001:db8::1`, `[2001:db8::1]`); nil for names.
    init?(literal text: String, port: UInt16 = 0) {
        var host = text
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        var v4 = sockaddr_in()
        if inet_pton(AF_INET, host, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = port.bigEndian
            storage = .v4(v4)
            return
        }
        var v6 = sockaddr_in6()
        if inet_pton(AF_INET6, host, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = port.bigEndian
            storage = .v6(v6)
            return
        }
        return nil
    }

    /// The address the kernel wrote into a `sockaddr` (getaddrinfo, recvfrom); nil for other families.
    init?(_ address: UnsafeRawPointer, length: Int) {
        let family = Int32(address.load(as: sockaddr.self).sa_family)
        if family == AF_INET && length >= MemoryLayout<sockaddr_in>.size {
            storage = .v4(address.loadUnaligned(as: sockaddr_in.self))
        } else if family == AF_INET6 && length >= MemoryLayout<sockaddr_in6>.size {
            storage = .v6(address.loadUnaligned(as: sockaddr_in6.self))
        } else {
            return nil
        }
    }

    var family: Int32 {
        switch storage {
        case .v4: AF_INET
        case .v6: AF_INET6
        }
    }

    var isIPv6: Bool { family == AF_INET6 }

    var port: UInt16 {
        switch storage {
        case .v4(let a): UInt16(bigEndian: a.sin_port)
        case .v6(let a): UInt16(bigEndian: a.sin6_port)
        }
    }

    func with(port: UInt16) -> ProbeAddress {
        var copy = self
        switch storage {
        case .v4(var a): a.sin_port = port.bigEndian; copy.storage = .v4(a)
        case .v6(var a): a.sin6_port = port.bigEndian; copy.storage = .v6(a)
        }
        return copy
    }

    /// The address alone, without the port: `192.0.2.1`, `2001:db8::1`.
    var description: String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        switch storage {
        case .v4(var a): _ = inet_ntop(AF_INET, &a.sin_addr, &text, socklen_t(text.count))
        case .v6(var a): _ = inet_ntop(AF_INET6, &a.sin6_addr, &text, socklen_t(text.count))
        }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `192.0.2.1:53`, `[2001:db8::1]:53`.
    var withPort: String { isIPv6 ? "[\(description)]:\(port)" : "\(description):\(port)" }

    /// The same host, ignoring the port.
    func sameHost(as other: ProbeAddress) -> Bool { description == other.description }

    func withSockaddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        switch storage {
        case .v4(var a):
            return withUnsafePointer(to: &a) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        case .v6(var a):
            return withUnsafePointer(to: &a) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
    }

    static func == (lhs: ProbeAddress, rhs: ProbeAddress) -> Bool {
        lhs.family == rhs.family && lhs.description == rhs.description && lhs.port == rhs.port
    }
}

/// A configured `host:port`, `[v6]:port`, `host` or bare IPv6 address, split.
struct ProbeHostPort: Equatable, Sendable {
    var host: String
    var port: UInt16?

    /// nil when a port is given but is not 1–65535, or the host is empty.
    init?(_ text: String) {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if rest.isEmpty {
                port = nil
            } else {
                guard rest.hasPrefix(":"), let number = UInt16(rest.dropFirst()), number > 0 else { return nil }
                port = number
            }
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            host = String(text[..<colon])
            guard let number = UInt16(text[text.index(after: colon)...]), number > 0 else { return nil }
            port = number
        } else {
            host = text  // a name, an IPv4 address, or a bare IPv6 address
            port = nil
        }
        if host.isEmpty { return nil }
    }

    /// `host:port` as configured, with an IPv6 address in brackets.
    static func render(host: String, port: UInt16) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
