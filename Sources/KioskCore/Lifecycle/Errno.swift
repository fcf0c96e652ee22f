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
}
