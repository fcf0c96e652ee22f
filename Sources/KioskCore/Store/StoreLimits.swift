/// How `max_size` is shared out between the parts of the store.
///
/// Disk use is segments + `corrupt/` + the state file, and must never exceed `maxSize`,
/// not even for a moment: so the budget for segments leaves room for `corrupt/` at its cap,
/// for the state file and its temporary copy, and for one compacted segment being rewritten
/// beside the original (`compactionReserve`).
public struct StoreLimits: Equatable, Sendable {
    /// The smallest `max_size` that holds a useful store (about ten 4 KiB segments).
    public static let minimumMaxSize: UInt64 = 64 * 1024

    public var maxSize: UInt64
    /// Acknowledged records older than this are deleted, whole segments at a time.
    public var retention: Duration
    /// A segment is sealed before it would grow past this: about 1/32 of `maxSize`, 4 KiB to
    /// 4 MiB, so dropping one segment frees a small share of the store and at least
    /// eight segments always fit.
    public var segmentSize: Int
    /// Most bytes kept in `corrupt/`: 1/16 of `maxSize`, 4 KiB to 1 MiB.
    public var corruptCap: UInt64
    /// The state file and its temporary copy during an atomic replace.
    static let stateReserve: UInt64 = 8 * 1024

    public init(maxSize: UInt64, retention: Duration = .seconds(90 * 86_400)) {
        self.maxSize = maxSize
        self.retention = retention
        self.segmentSize = Int(min(max(maxSize / 32, 4 * 1024), 4 * 1024 * 1024))
        self.corruptCap = min(max(maxSize / 16, 4 * 1024), 1024 * 1024)
    }

    /// The `[storage]` section's `max_size` and `retention`.
    public init(_ storage: Config.Storage) {
        self.init(maxSize: storage.maxSize, retention: storage.retention)
    }

    /// Bytes of segment files allowed at any time.
    var segmentBudget: UInt64 {
        let reserved = corruptCap + Self.stateReserve + UInt64(segmentSize)
        return maxSize > reserved ? maxSize - reserved : 0
    }

    /// The largest record frame: one must fit in a fresh segment with its seal and an
    /// acknowledgement frame.
    var maxFrameSize: Int {
        min(1024 * 1024, segmentSize - Segment.headerSize - SegmentSeal.frameSize - AcknowledgedPosition.frameSize)
    }

    func validate() throws(StoreError) {
        guard maxSize >= Self.minimumMaxSize else {
            throw StoreError.capTooSmall(maxSize: maxSize, minimum: Self.minimumMaxSize)
        }
    }
}
