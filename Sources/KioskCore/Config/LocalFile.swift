#if canImport(Glibc)
import Glibc
#endif

/// A file opened read-only, closed when it goes out of scope, with the errno of every step kept
/// so a message can say "Permission denied" rather than "could not read".
///
/// Checks are made on the open descriptor (`fstat`), so what was checked is what is read.
struct LocalFile: ~Copyable {
    let descriptor: Int32

    /// Opens without blocking, so a FIFO or device named by mistake cannot hang kioskd.
    init(path: String) throws(Errno) {
        descriptor = try Errno.retrying { open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
    }

    deinit { close(descriptor) }

    func status() throws(Errno) -> stat {
        var info = stat()
        try Errno.retrying { fstat(descriptor, &info) }
        return info
    }

    func readAll() throws(Errno) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = try Errno.retrying {
                chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
        }
    }

    /// Whether `path` exists at all (a dangling symbolic link counts as missing).
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }
}
