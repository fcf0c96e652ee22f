#if canImport(Glibc)
import Glibc
#endif

/// A `sockaddr_un` for a filesystem path, or an abstract name when the path starts with `@`.
public struct UnixAddress {
    private var storage = sockaddr_un()
    private var length: socklen_t

    /// nil when the path does not fit in `sun_path` (108 bytes).
    public init?(path: String) {
        var bytes = Array(path.utf8)
        let abstract = bytes.first == UInt8(ascii: "@")
        if abstract { bytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: storage.sun_path)
        guard !bytes.isEmpty, bytes.count < capacity else { return nil }
        storage.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &storage.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        let base = MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path)!
        // Abstract names are exactly as long as given; paths carry their NUL.
        length = socklen_t(base + bytes.count + (abstract ? 0 : 1))
    }

    public mutating func withSockaddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        let len = length
        return withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, len) }
        }
    }
}
