import KioskCore

/// Everything the broker client needs to know, as one value: compare two to know whether a
/// reload must reconnect (`BrokerClient.update(settings:)`).
///
/// `password` is a secret: it is never logged and never appears in `description`,
/// `debugDescription` or a mirror (`dump`), so printing settings is always safe.
@dynamicMemberLookup
public struct BrokerSettings: Equatable, Sendable {
    /// Host, port, TLS, credentials, client id, keepalive and backoff (`settings.host` reads
    /// through to it).
    public var endpoint: BrokerEndpoint
    /// `.auto` tries MQTT 5 and falls back to 3.1.1 when the broker refuses the version.
    public var protocolVersion: Config.ProtocolVersion
    /// MQTT 5 Will Delay Interval: a flap shorter than this never shows `offline`.
    /// MQTT 3.1.1 has no will delay: there the broker publishes the Will as soon as it notices.
    public var willDelay: Duration
    /// `{prefix}/{site}/{device}/status`: retained presence and the Last Will.
    public var statusTopic: String
    /// `{prefix}/{site}/{device}/cmd/+`: subscribed with QoS 1 on every connect.
    public var commandTopic: String
    /// An attempt that has no CONNACK this long after it began (DNS, TCP, TLS and CONNECT
    /// included) counts as failed, so a silent network never holds the client for minutes.
    public var connectTimeout: Duration
    /// MQTT 5 Session Expiry Interval sent on CONNECT (clean start off). It keeps the session,
    /// and so the pending Will, alive across a short flap: the Will is suppressed when the kiosk
    /// is back within `willDelay`. Commands sent while the kiosk is away are delivered when it
    /// returns within this time. Never less than `willDelay`, or the broker would send the Will
    /// at once.
    public var sessionExpiry: Duration
    /// The most records (QoS 1) handed to libmosquitto and not yet acknowledged by the broker.
    /// It bounds the client's memory however long the broker is away or slow, and libmosquitto's
    /// own in-flight limit is set to match (one more, for the status message), so libmosquitto
    /// queues nothing beyond it. An MQTT 5 broker that announces a smaller Receive Maximum
    /// (mosquitto's `max_inflight_messages`, 20 by default) limits what is on the wire further;
    /// the rest of the window then waits inside libmosquitto. Clamped to 1…60,000
    /// (`effectivePublishWindow`): libmosquitto's message ids are 16 bits.
    public var publishWindow: Int

    public init(
        host: String = "127.0.0.1", port: UInt16 = 1883, tls: Bool = false, caFile: String? = nil,
        certFile: String? = nil, keyFile: String? = nil, username: String? = nil,
        password: String? = nil, keepalive: Duration = .seconds(60), clientID: String,
        protocolVersion: Config.ProtocolVersion = .auto, willDelay: Duration = .seconds(30),
        reconnectMin: Duration = .seconds(1), reconnectMax: Duration = .seconds(300),
        statusTopic: String, commandTopic: String, connectTimeout: Duration = .seconds(10),
        sessionExpiry: Duration = .seconds(86_400), publishWindow: Int = 100
    ) {
        endpoint = BrokerEndpoint(
            host: host, port: port, tls: tls, caFile: caFile, certFile: certFile, keyFile: keyFile, username: username,
            password: password, clientID: clientID, keepalive: keepalive, reconnectMin: reconnectMin,
            reconnectMax: reconnectMax)
        self.protocolVersion = protocolVersion
        self.willDelay = willDelay
        self.statusTopic = statusTopic
        self.commandTopic = commandTopic
        self.connectTimeout = connectTimeout
        self.sessionExpiry = sessionExpiry
        self.publishWindow = publishWindow
    }

    public subscript<Value>(dynamicMember path: WritableKeyPath<BrokerEndpoint, Value>) -> Value {
        get { endpoint[keyPath: path] }
        set { endpoint[keyPath: path] = newValue }
    }

    /// `publishWindow` within what libmosquitto can track: at least 1, and few enough that the
    /// 16-bit message ids of the records and the status message in flight never repeat.
    var effectivePublishWindow: Int { min(max(publishWindow, 1), 60_000) }

    /// The settings of a configuration. The password comes separately: the daemon reads
    /// `[mqtt] password_file` itself, so a configuration value never holds the secret.
    public init(config: Config, password: String?) {
        let mqtt = config.mqtt
        self.init(
            host: mqtt.host, port: mqtt.port, tls: mqtt.tls, caFile: mqtt.caFile,
            certFile: mqtt.certFile, keyFile: mqtt.keyFile, username: mqtt.username,
            password: password, keepalive: mqtt.keepalive, clientID: config.clientID,
            protocolVersion: mqtt.protocolVersion, willDelay: mqtt.willDelay,
            reconnectMin: mqtt.reconnectMin, reconnectMax: mqtt.reconnectMax,
            statusTopic: config.topic("status"), commandTopic: config.topic("cmd") + "/+")
    }
}

extension BrokerSettings: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `host=… port=… tls=yes … password=(set)`: the password shows only whether there is one.
    public var description: String {
        let fields: [(String, String)] = [
            ("protocol", protocolVersion.rawValue), ("will_delay", DurationUnits.of(willDelay)),
            ("status_topic", statusTopic), ("command_topic", commandTopic), ("publish_window", String(publishWindow)),
        ]
        return endpoint.description + " " + fields.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
    }

    public var debugDescription: String { "BrokerSettings(\(description))" }

    /// `dump(settings)` shows the same fields as `description`, never the password.
    public var customMirror: Mirror {
        Mirror(self, children: ["description": description], displayStyle: .struct)
    }
}
