import KioskCore

/// The `data` of an `event` record: something that happened to the kiosk, said once.
///
/// `kind` is one of `boot`, `shutdown`, `unclean-shutdown`, `clock-synced`, `config-reloaded`,
/// `records-dropped`, `storage-fault`, `led-fault`, `led-recovered`; the other fields belong to kinds.
public struct EventRecord: Codable, Equatable, Sendable {
    public var kind: String
    public var message: String
    public var version: String?
    /// `records-dropped`: why, how many, and the seq range a consumer will find missing;
    /// `storage-fault`: the records appended since the last good sync, rewritten.
    public var reason: String?
    public var count: UInt64?
    public var firstSeq: UInt64?
    public var lastSeq: UInt64?
    /// `led-fault` and `led-recovered` (an LED that can or cannot be driven): the `[led.NAME]`
    /// name; `led-fault`: the fault's kind (`missing`, `busy`, `permission`, `failed`).
    public var led: String?
    public var fault: String?
    /// `boot`, `config-reloaded`: the configuration file in use.
    public var config: String?
    /// `unclean-shutdown`: `crash` (kioskd died, the system kept running: same boot id) or
    /// `power-loss` (the system went down without stopping kioskd: a power cut, a kernel
    /// crash, a hard reset); the previous run's boot id and start, and the newest record it left.
    public var cause: String?
    public var previousBoot: String?
    public var previousStart: String?
    public var lastRecord: String?
    /// `storage-fault`: the call the medium failed (`fdatasync`, `fsync`), on which file, and
    /// the error in the C library's words.
    public var operation: String?
    public var path: String?
    public var error: String?

    public static func boot(config: String?) -> EventRecord {
        EventRecord(kind: "boot", message: "kioskd started", version: KioskAgent.version, config: config ?? "built-in defaults")
    }

    public static var shutdown: EventRecord { EventRecord(kind: "shutdown", message: "kioskd stopped cleanly") }

    public static var clockSynced: EventRecord {
        EventRecord(kind: "clock-synced", message: "the wall clock is synced; earlier records of this boot are re-anchored")
    }

    public static func configReloaded(_ file: String?) -> EventRecord {
        EventRecord(kind: "config-reloaded", message: "configuration reloaded", config: file ?? "built-in defaults")
    }

    public static func dropped(_ report: DropReport) -> EventRecord {
        EventRecord(
            kind: "records-dropped",
            message: "\(report.count) record(s) dropped: \(report.reason.rawValue)",
            reason: report.reason.rawValue, count: report.count, firstSeq: report.firstSeq, lastSeq: report.lastSeq)
    }

    public static func storageFault(_ fault: StorageFault) -> EventRecord {
        EventRecord(
            kind: "storage-fault", message: "the storage failed to write back: \(fault)", firstSeq: fault.firstSeq,
            lastSeq: fault.lastSeq, operation: fault.operation, path: fault.path, error: fault.errno.description)
    }
}

extension EventRecord {
    /// An event of a kind the daemon adds (`unclean-shutdown`, `led-fault`, …); it sets the
    /// fields of its kind.
    public init(kind: String, message: String) {
        self.init(kind: kind, message: message, version: nil)
    }
}
