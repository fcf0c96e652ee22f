#if canImport(Glibc)
import Glibc
#endif

/// An open file of the store, closed when the last reference goes.
///
/// A class so a segment can be `fdatasync`ed outside the store's lock while an append rolls
/// to the next segment: the descriptor stays valid until the sync lets go of it.
/// Sendable: the descriptor is immutable and every call on it is a thread-safe system call.
final class StoreFile: Sendable {
    let descriptor: Int32
    let path: String

    init(path: String, flags: Int32, mode: mode_t = 0o640) throws(StoreError) {
        self.path = path
        descriptor = try flags & O_CREAT == 0
            ? Self.open(path, flags, mode)
            : StoreFileTrace.around(path, .create(path: path)) { () throws(StoreError) in try Self.open(path, flags, mode) }
        if flags & O_TRUNC != 0 { try StoreFileTrace.around(path, .truncate(path: path, length: 0)) {} }
    }

    deinit { close(descriptor) }

    private static func open(_ path: String, _ flags: Int32, _ mode: mode_t) throws(StoreError) -> Int32 {
        do {
            return try Errno.retrying { Glibc.open(path, flags | O_CLOEXEC, mode) }
        } catch {
            throw StoreError.io(operation: "open", path: path, errno: error)
        }
    }

    /// Reads into `buffer` from `offset`; returns how many bytes it read, fewer than the
    /// buffer holds only at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(StoreError) -> Int {
        var filled = 0
        while filled < buffer.count {
            if let injected = StoreFaultInjection.readFault(path: path, offset: offset + filled, count: buffer.count - filled) {
                throw StoreError.io(operation: "read", path: path, errno: Errno(rawValue: injected))
            }
            let n = pread(descriptor, buffer.baseAddress! + filled, buffer.count - filled, off_t(offset + filled))
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw StoreError.io(operation: "read", path: path, errno: .current) }
            if n == 0 { break }
            filled += n
        }
        return filled
    }

    /// Up to `count` bytes at `offset`: fewer at the end of the file.
    func read(count: Int, at offset: Int) throws(StoreError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let n = try bytes.withUnsafeMutableBytes { raw in
            Result { () throws(StoreError) in try read(into: raw, at: offset) }
        }.get()
        bytes.removeLast(count - n)
        return bytes
    }

    /// Writes all of `bytes` at `offset`; on failure nothing is promised about the bytes
    /// past `offset` (callers truncate back).
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(StoreError) {
        try StoreFileTrace.around(path, .write(path: path, offset: offset, bytes: Array(bytes))) { () throws(StoreError) in
            try writeAll(bytes, at: offset)
        }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(StoreError) {
        do { try Errno.writeAll(descriptor, bytes, at: offset) } catch {
            throw StoreError.io(operation: "write", path: path, errno: error)
        }
    }

    func write(_ bytes: [UInt8], at offset: Int) throws(StoreError) {
        try bytes.withUnsafeBytes { raw in Result { () throws(StoreError) in try write(raw, at: offset) } }.get()
    }

    func truncate(to length: Int) throws(StoreError) {
        try StoreFileTrace.around(path, .truncate(path: path, length: length)) { () throws(StoreError) in try cut(to: length) }
    }

    private func cut(to length: Int) throws(StoreError) {
        do { try Errno.retrying { ftruncate(descriptor, off_t(length)) } } catch {
            throw StoreError.io(operation: "truncate", path: path, errno: error)
        }
    }

    func size() throws(StoreError) -> Int {
        var info = stat()
        do { try Errno.retrying { fstat(descriptor, &info) } } catch {
            throw StoreError.io(operation: "stat", path: path, errno: error)
        }
        return Int(info.st_size)
    }

    /// fdatasync: the file's data and its size are on the medium.
    func syncData() throws(StoreError) {
        try StoreFileTrace.around(path, .syncData(path: path)) { () throws(StoreError) in try syncDataNow() }
    }

    private func syncDataNow() throws(StoreError) {
        do { try Errno.retrying { fdatasync(descriptor) } } catch {
            throw StoreError.io(operation: "fdatasync", path: path, errno: error)
        }
    }

    /// fsync of a directory opened with `openDirectory`: created, renamed and removed names
    /// in it are on the medium.
    func syncDirectory() throws(StoreError) {
        try StoreFileTrace.around(path, .syncDirectory(path: path)) { () throws(StoreError) in try syncDirectoryNow() }
    }

    private func syncDirectoryNow() throws(StoreError) {
        do { try Errno.retrying { fsync(descriptor) } } catch {
            throw StoreError.io(operation: "fsync", path: path, errno: error)
        }
    }

    static func openDirectory(_ path: String) throws(StoreError) -> StoreFile {
        try StoreFile(path: path, flags: O_RDONLY | O_DIRECTORY)
    }
}

/// Names and plain file operations of the store's folders.
enum StoreFiles {
    /// The names in `directory`, without `.` and `..`; an absent directory has none.
    static func names(in directory: String) throws(StoreError) -> [String] {
        guard let stream = opendir(directory) else {
            if errno == ENOENT { return [] }
            throw StoreError.io(operation: "opendir", path: directory, errno: .current)
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The size of a file, or nil when it does not exist.
    static func size(of path: String) -> Int? {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : nil
    }

    static func remove(_ path: String) throws(StoreError) {
        try StoreFileTrace.around(path, .unlink(path: path)) { () throws(StoreError) in try unlinkNow(path) }
    }

    private static func unlinkNow(_ path: String) throws(StoreError) {
        if unlink(path) != 0 && errno != ENOENT {
            throw StoreError.io(operation: "unlink", path: path, errno: .current)
        }
    }

    static func rename(_ from: String, to: String) throws(StoreError) {
        try StoreFileTrace.around(from, .rename(from: from, to: to)) { () throws(StoreError) in try renameNow(from, to: to) }
    }

    private static func renameNow(_ from: String, to: String) throws(StoreError) {
        if Glibc.rename(from, to) != 0 { throw StoreError.io(operation: "rename", path: from, errno: .current) }
    }

    static func makeDirectory(_ path: String) throws(StoreError) {
        do { try FileSystem.makeDirectories(path, mode: 0o750) } catch {
            throw StoreError.io(operation: "mkdir", path: path, errno: error)
        }
    }

    /// Writes `bytes` to `path` atomically and durably: a temporary file, fdatasync, rename
    /// over, fsync of the folder. A reader sees the old or the new content, never a mix.
    static func replaceAtomically(_ path: String, with bytes: [UInt8], directory: StoreFile) throws(StoreError) {
        let temporary = path + ".tmp"
        do {
            let file = try StoreFile(path: temporary, flags: O_WRONLY | O_CREAT | O_TRUNC)
            try file.write(bytes, at: 0)
            try file.syncData()
        } catch {
            try? remove(temporary)
            throw error
        }
        try rename(temporary, to: path)
        try directory.syncDirectory()
    }
}
