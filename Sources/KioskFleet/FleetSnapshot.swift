import KioskCore

/// `kioskctl fleet --json`: the fleet view as one stable JSON document (snake_case, sorted).
public struct FleetSnapshot: Codable, Sendable, Equatable {
    public struct Kiosk: Codable, Sendable, Equatable {
        public var device: String
        public var site: String
        /// `online`, `offline`, or `unknown` (records seen, no status yet).
        public var presence: String
        public var presenceReason: String?
        public var version: String?
        /// When a live message last arrived (nil: only the retained status so far).
        public var lastSeen: String?
        public var statusTs: String?
        public var lastRecordTs: String?
        public var connectivity: String?
        public var connectivityCause: String?
        public var backlog: UInt64?
        public var sessionsToday: Int
        public var outagesToday: Int
        public var records: Int
        public var highestSeq: UInt64?
        public var duplicates: Int
        public var missing: Int
        /// The first missing seqs (at most 20).
        public var missingSeqs: [UInt64]
        public var announcedDropped: Int
    }

    public struct Totals: Codable, Sendable, Equatable {
        public var kiosks: Int
        public var online: Int
        public var offline: Int
        public var records: Int
        public var duplicates: Int
        public var missing: Int
        public var announcedDropped: Int
        public var messages: Int
        public var skipped: Int
    }

    public var generatedAt: String
    public var broker: String
    public var filters: [String]
    public var windowMs: Int64
    public var day: String
    public var kiosks: [Kiosk]
    public var totals: Totals

    public init(_ view: FleetView, broker: String, filters: [String], windowMs: Int64, nowMs: Int64 = KernelClock.wallMilliseconds()) {
        generatedAt = KernelClock.rfc3339(milliseconds: nowMs)
        self.broker = broker
        self.filters = filters
        self.windowMs = windowMs
        day = view.today
        kiosks = view.kiosks.values.sorted { ($0.site, $0.device) < ($1.site, $1.device) }.map { kiosk in
            Kiosk(
                device: kiosk.device, site: kiosk.site, presence: kiosk.presence ?? "unknown",
                presenceReason: kiosk.presenceReason, version: kiosk.version,
                lastSeen: kiosk.lastSeenMs.map(KernelClock.rfc3339(milliseconds:)), statusTs: kiosk.statusTs,
                lastRecordTs: kiosk.lastRecordTs,
                connectivity: kiosk.connectivity, connectivityCause: kiosk.connectivityCause, backlog: kiosk.backlog,
                sessionsToday: kiosk.sessionsToday, outagesToday: kiosk.outagesToday, records: kiosk.ledger.received,
                highestSeq: kiosk.ledger.highest, duplicates: kiosk.ledger.duplicates, missing: kiosk.ledger.missing,
                missingSeqs: kiosk.ledger.missingSeqs(), announcedDropped: kiosk.ledger.announcedDropped)
        }
        totals = Totals(
            kiosks: kiosks.count, online: kiosks.filter { $0.presence == "online" }.count,
            offline: kiosks.filter { $0.presence == "offline" }.count, records: kiosks.reduce(0) { $0 + $1.records },
            duplicates: kiosks.reduce(0) { $0 + $1.duplicates }, missing: kiosks.reduce(0) { $0 + $1.missing },
            announcedDropped: kiosks.reduce(0) { $0 + $1.announcedDropped }, messages: view.messages, skipped: view.skipped)
    }
}
