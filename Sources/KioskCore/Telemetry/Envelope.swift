/// Every record kiosk-agent publishes is one JSON object in this envelope (schema `kiosk.v1`).
///
/// `(device, seq)` identifies a record; `boot` is the kernel boot id, `mono_ms` the time since
/// boot, `ts` RFC 3339 UTC with milliseconds and `clock` whether that wall time could be trusted.
public struct Envelope<Payload: Encodable & Sendable>: Encodable, Sendable {
    public static var schemaName: String { "kiosk.v1" }

    public var schema = Envelope.schemaName
    public var device: String
    public var site: String
    public var type: String
    public var seq: UInt64
    public var boot: String
    public var ts: String
    public var clock: ClockState
    public var monoMs: Int64
    public var data: Payload

    public init(
        device: String, site: String, type: String, seq: UInt64, boot: String = KernelClock.bootID,
        wallMs: Int64 = KernelClock.wallMilliseconds(), clock: ClockState = KernelClock.state(),
        monoMs: Int64 = KernelClock.monotonicMilliseconds(), data: Payload
    ) {
        self.device = device
        self.site = site
        self.type = type
        self.seq = seq
        self.boot = boot
        self.ts = KernelClock.rfc3339(milliseconds: wallMs)
        self.clock = clock
        self.monoMs = monoMs
        self.data = data
    }
}

/// The `data` of a retained `status` message: presence, not a stored record.
public struct PresenceData: Encodable, Equatable, Sendable {
    public enum State: String, Encodable, Sendable { case online, offline }
    public var state: State
    /// Why offline: `connection-lost` (the Last Will) or `shutdown` (a clean stop).
    public var reason: String?
    public var version: String
    public var boot: String
    /// When this kioskd started, RFC 3339 UTC.
    public var started: String

    public init(state: State, reason: String? = nil, version: String, boot: String, started: String) {
        self.state = state
        self.reason = reason
        self.version = version
        self.boot = boot
        self.started = started
    }
}
