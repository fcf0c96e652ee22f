#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Test-only read faults: makes `StoreFile.read` fail with an errno (EIO, as a bad SD sector
/// does) for chosen byte ranges of chosen files, so the store's handling of unreadable data can
/// be tested on real files.
///
/// Empty in production: nothing registers a fault unless a test does, or a debug build of
/// kioskd is told to (`DebugCommands`). While empty, a read costs one relaxed atomic load.
public enum StoreFaultInjection {
    /// A read of `path` that touches `range` fails with `errno`.
    public struct ReadFault: Equatable, Sendable {
        public var path: String
        public var range: Range<Int>
        public var errno: Int32

        public init(path: String, range: Range<Int>, errno: Int32 = EIO) {
            self.path = path
            self.range = range
            self.errno = errno
        }
    }

    private static let faults = Mutex<[ReadFault]>([])
    private static let active = Atomic<Bool>(false)

    /// Makes reads of `fault.path` touching `fault.range` fail from now on.
    public static func add(_ fault: ReadFault) {
        faults.withLock { faults in
            faults.append(fault)
            active.store(true, ordering: .relaxed)
        }
    }

    /// Removes the faults of `path`, or all of them when nil.
    public static func clear(path: String? = nil) {
        faults.withLock { faults in
            faults.removeAll { path == nil || $0.path == path }
            active.store(!faults.isEmpty, ordering: .relaxed)
        }
    }

    public static var registered: [ReadFault] { faults.withLock { $0 } }

    /// The errno a read of `count` bytes of `path` at `offset` must fail with, if any.
    static func readFault(path: String, offset: Int, count: Int) -> Int32? {
        guard active.load(ordering: .relaxed), count > 0 else { return nil }
        let wanted = offset..<(offset + count)
        return faults.withLock { faults in faults.first { $0.path == path && $0.range.overlaps(wanted) }?.errno }
    }
}
