#if canImport(Glibc)
import Glibc
#endif

/// The medium refused to write back what the store gave it: an fdatasync or fsync failed
/// (EIO from a worn SD card, most often). For the daemon's `storage-fault` event, `status`
/// and the fault LED.
public struct StorageFault: Equatable, Sendable, CustomStringConvertible {
    /// `fdatasync` or `fsync`.
    public var operation: String
    public var path: String
    public var errno: Errno
    public var atWallMs: Int64
    public var atMonoMs: Int64
    /// The records appended since the last good sync, which the failure may have lost:
    /// nil when there were none (a folder's names, or acknowledgements only).
    public var firstSeq: UInt64?
    public var lastSeq: UInt64?

    public var description: String {
        var text = "\(operation) \(path): \(errno)"
        if let firstSeq, let lastSeq { text += "; records \(firstSeq)–\(lastSeq) rewritten to a fresh file before they count as durable" }
        return text
    }
}
