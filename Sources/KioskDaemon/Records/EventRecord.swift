import KioskCore
import KioskGPIO

/// The `data` of an `event` record: something that happened to the kiosk, said once.
///
/// `kind` is one of `boot`, `shutdown`, `unclean-shutdown`, `clock-synced`, `config-reloaded`,
/// `records-dropped`, `storage-fault`, `led-fault`, `led-recovered`; the other fields belong to kinds.
struct EventRecord: Codable, Equatable, Sendable {
    var kind: String
    var message: String
    var version: String?
    /// `records-dropped`: why, how many, and the seq range a consumer will find missing;
    /// `storage-fault`: the records appended since the last good sync, rewritten.
    var reason: String?
    var count: UInt64?
    var firstSeq: UInt64?
    var lastSeq: UInt64?
    /// `led-fault` and `led-recovered` (an LED that can or cannot be driven): the `[led.NAME]`
    /// name; `led-fault`: the fault's kind (`missing`, `busy`, `permission`, `failed`).
    var led: String?
    var fault: String?
    /// `boot`, `config-reloaded`: the configuration file in use.
    var config: String?
    /// `unclean-shutdown`: `crash` (kioskd died, the system kept running: same boot id) or
    /// `power-loss` (the system went down without stopping kioskd: a power cut, a kernel
    /// crash, a hard reset); the previous run's boot id and start, and the newest record it left.
    var cause: String?
    var previousBoot: String?
    var previousStart: String?
    var lastRecord: String?
    /// `storage-fault`: the call the medium failed (`fdatasync`, `fsync`), on which file, and
    /// the error in the C library's words.
    var operation: String?
    var path: String?
    var error: String?

    static func boot(config: String?) -> EventRecord {
        EventRecord(kind: "boot", message: "kioskd started", version: KioskAgent.version, config: config ?? "built-in defaults")
    }

    static func unclean(_ previous: RunMarker, lastRecord: String?) -> EventRecord {
        let crash = previous.boot == KernelClock.bootID
        return EventRecord(
            kind: "unclean-shutdown",
            message: crash ? "kioskd was killed or crashed; it did not stop cleanly" : "the kiosk lost power or crashed while kioskd was running",
            cause: crash ? "crash" : "power-loss", previousBoot: previous.boot,
            previousStart: KernelClock.rfc3339(milliseconds: previous.startedWallMs), lastRecord: lastRecord)
    }

    static var shutdown: EventRecord { EventRecord(kind: "shutdown", message: "kioskd stopped cleanly") }

    static var clockSynced: EventRecord {
        EventRecord(kind: "clock-synced", message: "the wall clock is synced; earlier records of this boot are re-anchored")
    }

    static func configReloaded(_ file: String?) -> EventRecord {
        EventRecord(kind: "config-reloaded", message: "configuration reloaded", config: file ?? "built-in defaults")
    }

    static func dropped(_ report: DropReport) -> EventRecord {
        EventRecord(
            kind: "records-dropped",
            message: "\(report.count) record(s) dropped: \(report.reason.rawValue)",
            reason: report.reason.rawValue, count: report.count, firstSeq: report.firstSeq, lastSeq: report.lastSeq)
    }

    static func storageFault(_ fault: StorageFault) -> EventRecord {
        EventRecord(
            kind: "storage-fault", message: "the storage failed to write back: \(fault)", firstSeq: fault.firstSeq,
            lastSeq: fault.lastSeq, operation: fault.operation, path: fault.path, error: fault.errno.description)
    }

    static func ledFault(led: String, fault: LEDFault) -> EventRecord {
        EventRecord(kind: "led-fault", message: "LED \(led) cannot be driven: \(fault.message)", led: led, fault: fault.kind.rawValue)
    }

    static func ledRecovered(led: String) -> EventRecord {
        EventRecord(kind: "led-recovered", message: "LED \(led) is driven again", led: led)
    }
}
