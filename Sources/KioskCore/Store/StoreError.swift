#if canImport(Glibc)
import Glibc
#endif

/// Why the record store refused or failed an operation.
///
/// Damaged data is never one of these, nor data the medium cannot read back (EIO): it is
/// counted and set aside. Errors are real I/O
/// failures (a full disk, a read-only file system, a permission), misuse, or another kioskd
/// holding the store.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A system call failed: `operation` (`write`, `fdatasync`, `open`…) on `path`.
    case io(operation: String, path: String, errno: Errno)
    /// Another process (or another `RecordStore` of this one) has the store open for writing.
    case locked(path: String)
    /// The store was opened with `openReadOnly`.
    case readOnly
    /// The store was closed.
    case closed
    /// `type` is not `[a-z0-9_-]{1,64}` or `data` is not one JSON object.
    case invalidRecord(String)
    /// The record's frame is larger than a segment of this store may hold.
    case recordTooLarge(size: Int, limit: Int)
    /// `max_size` leaves no room for even a few segments.
    case capTooSmall(maxSize: UInt64, minimum: UInt64)
    /// Nothing more can be dropped to make room under `max_size`.
    case full(needed: Int, maxSize: UInt64)

    /// Whether the file system is out of space (ENOSPC, or EFBIG/EDQUOT, which mean the same
    /// thing for the store: the write cannot happen until something is freed).
    public var isOutOfSpace: Bool {
        if case .io(_, _, let e) = self { return [ENOSPC, EFBIG, EDQUOT].contains(e.rawValue) }
        if case .full = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .io(let operation, let path, let errno): "\(operation) \(path): \(errno)"
        case .locked(let path): "\(path) is in use by another kioskd"
        case .readOnly: "the record store is open read-only"
        case .closed: "the record store is closed"
        case .invalidRecord(let why): "invalid record: \(why)"
        case .recordTooLarge(let size, let limit): "record of \(size) bytes is larger than the \(limit) bytes a segment holds"
        case .capTooSmall(let maxSize, let minimum): "max_size \(maxSize) is below the \(minimum) bytes the store needs"
        case .full(let needed, let maxSize): "no room for \(needed) bytes under max_size \(maxSize) and nothing left to drop"
        }
    }
}
