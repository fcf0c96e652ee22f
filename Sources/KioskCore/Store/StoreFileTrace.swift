import Synchronization

/// One change the store asks of the file system, as `StoreFileTrace` shows it to an observer.
///
/// Paths are the ones the store uses (absolute when the store's folder is). `create` is an
/// open with `O_CREAT` (the name may or may not be new); an open with `O_TRUNC` is also a
/// `truncate` to 0.
public enum StoreFileOperation: Sendable, Equatable {
    case create(path: String)
    case write(path: String, offset: Int, bytes: [UInt8])
    case truncate(path: String, length: Int)
    case rename(from: String, to: String)
    case unlink(path: String)
    /// fdatasync of a file.
    case syncData(path: String)
    /// fsync of a folder.
    case syncDirectory(path: String)

    /// The path the operation acts on (a rename's source).
    public var path: String {
        switch self {
        case .create(let path), .write(let path, _, _), .truncate(let path, _), .unlink(let path), .syncData(let path),
            .syncDirectory(let path):
            path
        case .rename(let from, _): from
        }
    }

    /// The system call's name, as a `StoreError.io` names it.
    public var systemCall: String {
        switch self {
        case .create: "open"
        case .write: "write"
        case .truncate: "truncate"
        case .rename: "rename"
        case .unlink: "unlink"
        case .syncData: "fdatasync"
        case .syncDirectory: "fsync"
        }
    }
}

/// Sees the store's file operations under one folder: a test records them (to build the
/// images a power cut could leave) and makes one fail with an errno.
public protocol StoreFileObserver: AnyObject, Sendable {
    /// Called before the operation; an errno makes it fail with that errno instead of
    /// reaching the file system.
    func storeFileWill(_ operation: StoreFileOperation) -> Int32?
    /// Called once the operation succeeded.
    func storeFileDid(_ operation: StoreFileOperation)
}

/// The test seam of the store's file layer: every write, truncate, create, rename, unlink
/// and sync of `StoreFile` and `StoreFiles` passes here.
///
/// Off in production: with no observer installed a call costs one relaxed atomic load, and
/// the operation (with its bytes) is not even built. Observers are registered per folder,
/// so tests running in parallel each see only their own store.
public enum StoreFileTrace {
    private static let installed = Atomic<Int>(0)
    private static let observers = Mutex<[(folder: String, observer: any StoreFileObserver)]>([])

    /// Shows `observer` every operation on a path inside `folder` until `remove`.
    public static func install(_ observer: any StoreFileObserver, under folder: String) {
        observers.withLock { $0.append((folder, observer)) }
        installed.add(1, ordering: .sequentiallyConsistent)
    }

    public static func remove(_ observer: any StoreFileObserver) {
        let removed = observers.withLock { list in
            let before = list.count
            list.removeAll { $0.observer === observer }
            return before - list.count
        }
        if removed > 0 { installed.subtract(removed, ordering: .sequentiallyConsistent) }
    }

    private static func observer(for path: String) -> (any StoreFileObserver)? {
        observers.withLock { list in
            list.first { path == $0.folder || path.hasPrefix($0.folder + "/") }?.observer
        }
    }

    /// Runs `body`, the real system call of `operation`, unless an observer of `path` fails
    /// it first; tells the observer when it succeeded.
    @inline(__always)
    static func around<T>(
        _ path: String, _ operation: @autoclosure () -> StoreFileOperation, _ body: () throws(StoreError) -> T
    ) throws(StoreError) -> T {
        guard installed.load(ordering: .relaxed) > 0, let observer = observer(for: path) else { return try body() }
        let operation = operation()
        if let failure = observer.storeFileWill(operation) {
            throw StoreError.io(operation: operation.systemCall, path: path, errno: Errno(rawValue: failure))
        }
        let result = try body()
        observer.storeFileDid(operation)
        return result
    }
}
