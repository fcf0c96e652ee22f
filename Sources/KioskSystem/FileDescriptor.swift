#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// An open file descriptor that closes exactly once: by `close()` or when the last reference
/// goes. A second `close()` does nothing — never a close(2) of a number another thread may
/// have been given since (guarding with fcntl(F_GETFD) cannot tell).
public final class FileDescriptor: Sendable {
    public let rawValue: Int32
    private let closed = Atomic<Bool>(false)

    /// Takes ownership of `rawValue`.
    public init(_ rawValue: Int32) { self.rawValue = rawValue }

    deinit { close() }

    public var isClosed: Bool { closed.load(ordering: .acquiring) }

    public func close() {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        _ = Glibc.close(rawValue)
    }
}
