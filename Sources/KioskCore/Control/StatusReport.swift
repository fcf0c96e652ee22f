/// The reply to `status`: what kioskd knows about itself now.
public struct StatusReport: Codable, Equatable, Sendable {
    public var version: String
    public var pid: Int32
    /// Start time, RFC 3339 UTC.
    public var started: String
    public var uptimeMs: Int64
    public var boot: String
    public var device: String
    public var site: String
    /// The configuration file in use, or nil for the built-in defaults.
    public var configFile: String?
    public var clock: ClockState
    public var broker: BrokerStatus
    /// The record store: what waits to be published, what was dropped. nil while it cannot open.
    public var queue: QueueStats?
    /// The `[led.NAME]` LEDs, in file order; empty when none is configured.
    public var leds: [LEDStatus]? = nil
    /// Why the record store cannot be used, or its latest failed sync of the last day
    /// (`storage fault`, also on the fault LED); nil when it is fine.
    public var storageFault: String?
    /// Connectivity health; nil until the first probe round.
    public var connectivity: ConnectivityStatus?
    /// The visitor session going on; nil when none is.
    public var session: SessionStatus?

    public init(
        version: String, pid: Int32, started: String, uptimeMs: Int64, boot: String, device: String,
        site: String, configFile: String?, clock: ClockState, broker: BrokerStatus,
        queue: QueueStats? = nil, storageFault: String? = nil, connectivity: ConnectivityStatus? = nil,
        session: SessionStatus? = nil
    ) {
        self.version = version
        self.pid = pid
        self.started = started
        self.uptimeMs = uptimeMs
        self.boot = boot
        self.device = device
        self.site = site
        self.configFile = configFile
        self.clock = clock
        self.broker = broker
        self.queue = queue
        self.storageFault = storageFault
        self.connectivity = connectivity
        self.session = session
    }
}

/// The broker connection as the MQTT client sees it.
public struct BrokerStatus: Codable, Equatable, Sendable {
    public enum State: String, Codable, Sendable {
        /// Waiting before the next attempt.
        case disconnected
        /// An attempt is under way (TCP, TLS, CONNECT sent, waiting for CONNACK).
        case connecting
        case connected
        /// Stopped by kioskd (shutdown).
        case stopped
    }
    public var state: State
    public var host: String
    public var port: UInt16
    public var tls: Bool
    /// `5` or `3.1.1` once connected.
    public var `protocol`: String?
    /// When `state` last changed, RFC 3339 UTC.
    public var since: String
    /// The last connection failure, in words (`connection refused`, `certificate verify failed`…).
    public var lastError: String?
    public var lastErrorAt: String?
    /// Failed attempts since the last successful connection.
    public var failedAttempts: Int
    /// While disconnected: milliseconds until the next attempt.
    public var nextAttemptMs: Int64?

    // The at-least-once publisher, since kioskd started (the store keeps the lasting counts).

    /// The most records handed to libmosquitto and not yet acknowledged; nil when the client
    /// publishes no records.
    public var publishWindow: Int?
    /// Records handed to libmosquitto on this connection and not yet acknowledged. Stuck at
    /// `publish_window` while connected means the broker has stopped acknowledging.
    public var inFlight: Int
    /// Records the broker acknowledged (PUBACK success), duplicates included.
    public var published: UInt64
    /// Records sent again after a reconnect because their PUBACK never came: the duplicates
    /// (same seq) a consumer may see.
    public var resent: UInt64
    /// Records set aside because they can never be sent (larger than the broker's maximum
    /// packet size, a topic that is not a valid topic name); the queue goes on. Records the
    /// broker refuses for any other reason are kept: see `refused`.
    public var rejected: UInt64
    /// The latest set-aside: `seq 42 on kiosk/v1/…/event: packet too large`.
    public var lastRejection: String?
    /// When the broker last acknowledged a record, RFC 3339 UTC.
    public var lastAckAt: String?
    /// The broker is refusing records (PUBACK reason ≥ 0x80 other than "can never be sent"):
    /// the refused record and every one after it stay queued and are offered again after a
    /// backoff. nil while the broker accepts records.
    public var refused: BrokerRefusal?

    public init(
        state: State, host: String, port: UInt16, tls: Bool, protocol: String? = nil, since: String,
        lastError: String? = nil, lastErrorAt: String? = nil, failedAttempts: Int = 0,
        nextAttemptMs: Int64? = nil, publishWindow: Int? = nil, inFlight: Int = 0,
        published: UInt64 = 0, resent: UInt64 = 0, rejected: UInt64 = 0,
        lastRejection: String? = nil, lastAckAt: String? = nil
    ) {
        self.state = state
        self.host = host
        self.port = port
        self.tls = tls
        self.protocol = `protocol`
        self.since = since
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
        self.failedAttempts = failedAttempts
        self.nextAttemptMs = nextAttemptMs
        self.publishWindow = publishWindow
        self.inFlight = inFlight
        self.published = published
        self.resent = resent
        self.rejected = rejected
        self.lastRejection = lastRejection
        self.lastAckAt = lastAckAt
    }
}

/// The broker refuses the records kioskd offers it, and kioskd keeps them: why, since when,
/// how often, and which record waits at the head of the queue.
///
/// Refusals such as 0x87 "not authorized" (an ACL that does not allow this kiosk's topics) or
/// 0x97 "quota exceeded" are configuration or quota matters the province fixes; the records
/// are not lost meanwhile. MQTT 5 only: under MQTT 3.1.1 a broker acknowledges a publish it
/// denies and drops it, and the client cannot tell.
public struct BrokerRefusal: Codable, Equatable, Sendable {
    /// The PUBACK's MQTT 5 reason code (0x87 = 135 not authorized, 0x97 = 151 quota exceeded).
    public var reasonCode: Int
    /// The reason code in words: `not authorized`.
    public var reason: String
    /// The record at the head of the queue that the broker refuses, and its topic.
    public var seq: UInt64
    public var topic: String
    /// When the broker began refusing, RFC 3339 UTC.
    public var since: String
    /// Refusals (PUBACKs) since then: a record is offered again after each backoff.
    public var count: UInt64
    /// While waiting to offer it again: milliseconds until then.
    public var nextRetryMs: Int64?

    public init(
        reasonCode: Int, reason: String, seq: UInt64, topic: String, since: String, count: UInt64,
        nextRetryMs: Int64? = nil
    ) {
        self.reasonCode = reasonCode
        self.reason = reason
        self.seq = seq
        self.topic = topic
        self.since = since
        self.count = count
        self.nextRetryMs = nextRetryMs
    }
}
