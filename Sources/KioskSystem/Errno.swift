#if canImport(Glibc)
import Glibc
#endif

/// A failed system call, kept as its errno and described by the C library's own words.
public struct Errno: RawRepresentable, Error, Equatable, Sendable, CustomStringConvertible {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The calling thread's errno now.
    public static var current: Errno { Errno(rawValue: errno) }

    public var description: String { String(cString: strerror(rawValue)) }

    /// Runs `body` again while it fails with EINTR; a negative result becomes `Errno.current`.
    @discardableResult
    public static func retrying<T: BinaryInteger>(_ body: () -> T) throws(Errno) -> T {
        while true {
            let result = body()
            if result >= 0 { return result }
            if errno != EINTR { throw Errno.current }
        }
    }

    /// Writes all of `bytes` to `fd` (at `offset` with pwrite, else at the file position),
    /// going on after partial writes and EINTR: the one write loop of the package.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int? = nil) throws(Errno) {
        var done = 0
        while done < bytes.count {
            let pointer = bytes.baseAddress! + done, count = bytes.count - done
            let n = try retrying {
                if let offset { pwrite(fd, pointer, count, off_t(offset + done)) } else { write(fd, pointer, count) }
            }
            // A regular file or a pipe takes at least one byte; 0 would loop for ever.
            guard n > 0 else { throw Errno(rawValue: EIO) }
            done += n
        }
    }

    /// `writeAll` of a string's UTF-8.
    public static func writeAll(_ fd: Int32, _ text: String) throws(Errno) {
        var text = text
        try text.withUTF8 { buffer in
            Result { () throws(Errno) in try writeAll(fd, UnsafeRawBufferPointer(buffer)) }
        }.get()
    }
}
