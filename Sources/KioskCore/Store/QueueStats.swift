/// Why records left the store without being acknowledged by the broker — or with it.
public enum DropReason: String, Codable, Sendable, CaseIterable {
    /// Acknowledged records deleted to make room: history, not a loss.
    case publishedHistory = "published-history"
    /// Acknowledged records older than `retention`: history, not a loss.
    case retention
    /// Unsent periodic samples dropped because the store was full: a loss.
    case capPeriodic = "cap-periodic"
    /// Unsent records dropped, oldest first, because the store was full: a loss.
    case capOldest = "cap-oldest"
    /// Records the broker refused (MQTT 5 reason code ≥ 0x80), set aside by the publisher.
    case rejected
    /// Records found damaged (bad checksum or length, a body that does not decode) or
    /// unreadable (EIO), and set aside in `corrupt/`.
    case corrupt

    /// Whether records dropped for this reason never reached the broker.
    public var isLoss: Bool { self != .publishedHistory && self != .retention }
}

/// One drop, for the daemon to announce in an `event` record: a consumer who sees a gap in
/// `seq` finds here which records are missing and why.
///
/// `firstSeq...lastSeq` bounds the dropped records; not every seq in it was dropped when
/// `count` is smaller (periodic samples taken from among events). For `corrupt`, the range is
/// the seqs between the intact records around the damaged or unreadable bytes (`bytes` of
/// them), and `count` the records in it.
public struct DropReport: Codable, Equatable, Sendable {
    public var reason: DropReason
    public var count: UInt64
    public var bytes: UInt64
    public var firstSeq: UInt64
    public var lastSeq: UInt64

    public init(reason: DropReason, count: UInt64, bytes: UInt64, firstSeq: UInt64, lastSeq: UInt64) {
        self.reason = reason
        self.count = count
        self.bytes = bytes
        self.firstSeq = firstSeq
        self.lastSeq = lastSeq
    }
}

/// Every drop of one reason since the store was created (persisted across restarts).
public struct DropCounter: Codable, Equatable, Sendable {
    public var reason: DropReason
    public var count: UInt64 = 0
    public var bytes: UInt64 = 0
    /// The lowest and highest seq ever dropped for this reason.
    public var firstSeq: UInt64?
    public var lastSeq: UInt64?
    /// The range of the latest drop.
    public var lastDrop: DropReport?
    /// Wall time of the latest drop, ms.
    public var lastAtWallMs: Int64?

    public init(reason: DropReason) { self.reason = reason }

    mutating func add(_ report: DropReport, atWallMs: Int64) {
        count += report.count
        bytes += report.bytes
        firstSeq = min(firstSeq ?? report.firstSeq, report.firstSeq)
        lastSeq = max(lastSeq ?? report.lastSeq, report.lastSeq)
        lastDrop = report
        lastAtWallMs = atWallMs
    }
}

/// Damaged data found and set aside.
public struct CorruptCounter: Codable, Equatable, Sendable {
    /// Records lost to damage (checksum failed, body undecodable, or unreadable: EIO): the
    /// seqs between the intact records around each damaged region.
    public var records: UInt64 = 0
    /// Bytes damaged or unreadable, segment headers included.
    public var bytes: UInt64 = 0
    /// Segments whose header failed its check (set aside and rewritten; their records kept).
    public var segments: UInt64 = 0
    /// Bytes currently kept in `corrupt/` for inspection (capped; oldest removed first).
    public var keptBytes: UInt64 = 0

    public init() {}
}

/// What is waiting, what was acknowledged and what was lost: the queue part of `status` and
/// all of `kioskctl queue`. Encoded snake_case by `JSON.encoder()`.
public struct QueueStats: Codable, Equatable, Sendable {
    /// Records appended and not yet acknowledged by the broker.
    public var pendingRecords: UInt64
    /// Their size on disk, in frames.
    public var pendingBytes: UInt64
    /// The oldest of them: its age is now minus its wall time (or monotonic time, same boot).
    public var oldestPending: PendingRecord?
    /// The newest seq appended.
    public var lastSeq: UInt64
    /// The newest seq on the medium (covered by an fdatasync), visible to the publisher.
    public var durableSeq: UInt64
    /// The highest seq the broker acknowledged contiguously.
    public var ackedSeq: UInt64
    /// When it was acknowledged, wall ms; nil before the first acknowledgement.
    public var ackedAtWallMs: Int64?
    /// One counter per reason that ever happened, in `DropReason` order.
    public var drops: [DropCounter]
    public var corrupt: CorruptCounter
    /// Bytes of every file of the store: segments, `corrupt/` and the state file.
    public var diskBytes: UInt64
    public var maxSize: UInt64
    public var segments: Int
    /// True for a store opened by `openReadOnly` (kioskctl while kioskd is down).
    public var readOnly: Bool

    public struct PendingRecord: Codable, Equatable, Sendable {
        public var seq: UInt64
        public var type: String
        public var boot: String
        public var wallMs: Int64
        public var monoMs: Int64
        public var clock: ClockState
    }

    /// Records lost (not acknowledged) for any reason.
    public var lostRecords: UInt64 {
        drops.filter { $0.reason.isLoss }.reduce(0) { $0 + $1.count } + corrupt.records
    }
}

/// What start-up found and did.
public struct RecoveryReport: Equatable, Sendable {
    /// Segment files found.
    public var segments = 0
    /// Bytes read to recover: headers and seals of sealed segments, the whole tail.
    /// It does not grow with the number of stored records.
    public var bytesScanned: UInt64 = 0
    /// Bytes cut from the end of the tail: a record torn by a power cut or kill.
    public var tornTailBytes: UInt64 = 0
    /// Segment file names whose header failed its check: the header's bytes were set aside
    /// in `corrupt/` and rewritten, the segment read whole and its frames kept.
    public var segmentsSetAside: [String] = []
    /// Segments after one left unsealed by a crash while rolling: they held no durable
    /// record (the sync that would have made them durable syncs the earlier segment first),
    /// and were removed so that seqs go on without a gap.
    public var segmentsDiscarded = 0
    /// Damaged regions found inside the segments that were read.
    public var corruptRegions = 0
    /// Bytes of the segments that were read which the medium could not give back (EIO).
    public var unreadableBytes: UInt64 = 0
    /// The state file was unreadable and started afresh (counters reset; seq and
    /// acknowledged position recovered from the segments).
    public var stateFileReset = false

    public init() {}
}

/// Input/output done by the store since it was opened: for tests and the benchmark
/// (bytes written per payload byte, fsyncs per second).
public struct StoreIOCounters: Equatable, Sendable {
    /// fdatasync and fsync calls.
    public var syncs: UInt64 = 0
    /// Bytes passed to write(2) for segments, state and set-aside files.
    public var bytesWritten: UInt64 = 0
    /// Bytes of segments read after start-up (publisher, history, statistics, compaction).
    public var bytesRead: UInt64 = 0

    public init() {}
}
