#if canImport(Glibc)
import Glibc
#endif
import KioskCore

/// The province's kiosks as one consumer sees them from the broker: presence from the retained
/// `status` (and the Last Will), the latest connectivity state from `health`, counts of
/// sessions and outages of the local day, and per kiosk the seq ledger (gaps, duplicates).
///
/// Fed one message at a time (`receive`), in the order the broker delivered; not thread-safe
/// (the caller owns it, behind a lock when two threads use it). Counts only what this consumer
/// received since it started: the broker keeps no history, the database does.
public struct FleetView: Sendable {
    public struct Kiosk: Sendable, Equatable {
        public var device: String
        public var site: String
        /// `online` or `offline` from the newest `status`; nil before any was seen.
        public var presence: String?
        /// Why offline: `connection-lost` (the Last Will), `shutdown`, `reconfigured`.
        public var presenceReason: String?
        /// When a live message of this kiosk last arrived (this consumer's clock, ms since the
        /// epoch). A retained `status` delivered at subscription is not a sign of life.
        public var lastSeenMs: Int64?
        /// The newest `status` message's own `ts` (for a Last Will: when the kiosk connected).
        public var statusTs: String?
        /// The newest record's own `ts` (the kiosk's clock; may be a backlog record's).
        public var lastRecordTs: String?
        public var version: String?
        /// From the newest `health`: `online`, `degraded`, `portal`, `offline`, and its cause.
        public var connectivity: String?
        public var connectivityCause: String?
        /// Records the kiosk had stored when it last announced `online` that have not arrived
        /// yet: its `status` seq minus the highest record seq received (never negative); nil
        /// until both a status and a record have arrived.
        public var backlog: UInt64?
        public var statusSeq: UInt64?
        public var sessionsToday = 0
        public var outagesToday = 0
        public var ledger = SeqLedger()
    }

    public private(set) var kiosks: [String: Kiosk] = [:]
    /// Messages that were not kiosk.v1 records (commands, strangers, a future major version).
    public private(set) var skipped = 0
    public private(set) var messages = 0
    /// The local day (`YYYY-MM-DD` in this machine's time zone) that "today" means; counts
    /// start again when it changes.
    public private(set) var today: String

    public init(nowMs: Int64 = KernelClock.wallMilliseconds()) {
        today = FleetView.localDay(ms: nowMs)
    }

    /// One message from the broker. Returns the record, or nil when skipped.
    @discardableResult
    public mutating func receive(
        topic: String, payload: [UInt8], retained: Bool = false, nowMs: Int64 = KernelClock.wallMilliseconds()
    ) -> FleetRecord? {
        messages += 1
        guard !topic.contains("/cmd/"), let record = FleetRecord.decode(payload) else {
            skipped += 1
            return nil
        }
        let day = FleetView.localDay(ms: nowMs)
        if day != today {
            today = day
            for key in kiosks.keys {
                kiosks[key]?.sessionsToday = 0
                kiosks[key]?.outagesToday = 0
            }
        }
        var kiosk = kiosks[record.device] ?? Kiosk(device: record.device, site: record.site)
        kiosk.site = record.site
        if !retained { kiosk.lastSeenMs = nowMs }
        if record.isPresence {
            kiosk.statusTs = record.ts
            kiosk.presence = record.string("state")
            kiosk.presenceReason = record.string("reason")
            kiosk.version = record.string("version") ?? kiosk.version
            kiosk.statusSeq = record.seq
        } else if kiosk.ledger.receive(record.seq) {
            kiosk.lastRecordTs = record.ts
            apply(record, to: &kiosk)
        }
        if let statusSeq = kiosk.statusSeq, let highest = kiosk.ledger.highest {
            kiosk.backlog = statusSeq > highest ? statusSeq - highest : 0
        } else {
            kiosk.backlog = nil
        }
        kiosks[record.device] = kiosk
        return record
    }

    private func apply(_ record: FleetRecord, to kiosk: inout Kiosk) {
        switch record.type {
        case "health":
            kiosk.connectivity = record.string("state")
            kiosk.connectivityCause = record.string("cause")
        case "session":
            if isToday(record.string("end") ?? record.ts) { kiosk.sessionsToday += 1 }
        case "outage":
            if isToday(record.string("end") ?? record.ts) { kiosk.outagesToday += 1 }
        case "event" where record.string("kind") == "records-dropped":
            let lossReasons: Set<String> = ["cap-periodic", "cap-oldest", "rejected", "corrupt"]
            if let reason = record.string("reason"), lossReasons.contains(reason),
                let first = record.data["first_seq"]?.number, let last = record.data["last_seq"]?.number,
                first >= 0, last >= first {
                kiosk.ledger.announceDropped(UInt64(first), UInt64(last))
            }
        default:
            break
        }
    }

    private func isToday(_ ts: String) -> Bool {
        guard let ms = KernelClock.milliseconds(rfc3339: ts) else { return false }
        return FleetView.localDay(ms: ms) == today
    }

    /// `YYYY-MM-DD` of `ms` in this machine's time zone (TZ, /etc/localtime).
    public static func localDay(ms: Int64) -> String {
        var seconds = time_t(ms / 1000)
        var parts = tm()
        localtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
    }
}
