import Glibc
import KioskCore
import Synchronization

/// Fails the next fdatasync under one folder with EIO, through the store's file seam.
public final class FailNextSync: StoreFileObserver {
    private let armed = Atomic<Bool>(true)

    public init() {}

    public func storeFileWill(_ operation: StoreFileOperation) -> Int32? {
        guard case .syncData = operation, armed.exchange(false, ordering: .relaxed) else { return nil }
        return EIO
    }

    public func storeFileDid(_ operation: StoreFileOperation) {}
}
