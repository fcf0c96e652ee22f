#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// sd_listen_fds() without libsystemd: the sockets systemd opened for kioskd (kioskd.socket).
///
/// systemd passes them as descriptors 3, 4, … and says so in `LISTEN_FDS`, with `LISTEN_PID`
/// naming the process they are for (a child that inherits the environment must not take them).
/// Without these variables kioskd binds its control socket itself, as it always has.
public enum ActivatedSockets {
    public static let firstDescriptor: Int32 = 3

    /// The descriptors systemd passed to this process, each made close-on-exec; empty when
    /// none were. The variables are removed, as `sd_listen_fds(1)` does.
    public static func take(environment: [String: String] = ProcessInfo.processInfo.environment) -> [Int32] {
        defer {
            unsetenv("LISTEN_PID")
            unsetenv("LISTEN_FDS")
            unsetenv("LISTEN_FDNAMES")
        }
        guard let pid = environment["LISTEN_PID"].flatMap(Int32.init), pid == getpid(),
              let count = environment["LISTEN_FDS"].flatMap(Int32.init), count > 0, count < 64
        else { return [] }
        return (firstDescriptor..<firstDescriptor + count).filter { fcntl($0, F_SETFD, FD_CLOEXEC) == 0 }
    }

    /// The path a listening Unix stream socket is bound to; nil for any other descriptor.
    public static func unixListenerPath(of fd: Int32) -> String? {
        var type: Int32 = 0, accepting: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &size) == 0, type == Int32(SOCK_STREAM.rawValue) else { return nil }
        size = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &size) == 0, accepting == 1 else { return nil }
        var address = sockaddr_un()
        var length = socklen_t(MemoryLayout<sockaddr_un>.size)
        let named = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0, address.sun_family == sa_family_t(AF_UNIX) else { return nil }
        let base = MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path)!
        let bytes = withUnsafeBytes(of: &address.sun_path) { raw in
            Array(raw.prefix(max(0, Int(length) - base)))
        }
        guard let first = bytes.first, first != 0 else { return nil }  // abstract or unnamed
        return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }
}
