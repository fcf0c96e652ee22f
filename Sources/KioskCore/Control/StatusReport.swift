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

    public init(
        version: String, pid: Int32, started: String, uptimeMs: Int64, boot: String, device: String,
        site: String, configFile: String?, clock: ClockState, broker: BrokerStatus
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

    public init(
        state: State, host: String, port: UInt16, tls: Bool, protocol: String? = nil, since: String,
        lastError: String? = nil, lastErrorAt: String? = nil, failedAttempts: Int = 0,
        nextAttemptMs: Int64? = nil
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
    }
}
