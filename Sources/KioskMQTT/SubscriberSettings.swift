import KioskCore

/// How a consumer (`kioskctl fleet`, the fleet simulator's checker) reaches the provincial
/// broker and what it listens to. The password is a secret: never logged, never described
/// (`BrokerEndpoint`'s description and mirror leave it out).
@dynamicMemberLookup
public struct SubscriberSettings: Sendable {
    /// Host, port, TLS, credentials, client id, keepalive and backoff (`settings.host` reads
    /// through to it), as the kiosk's publisher has them.
    public var endpoint: BrokerEndpoint
    /// Topic filters, subscribed with QoS 1 on every connection. A shared subscription is a
    /// filter of the form `$share/GROUP/kiosk/v1/#`: the broker hands each message to one
    /// member of the group only (MQTT 5; mosquitto also allows it under 3.1.1).
    public var filters: [String]
    /// Clean start: a live view starts from now (and the retained `status` of every kiosk).
    /// Off, with `sessionExpiry`, the broker queues what arrives while the consumer is away.
    public var cleanStart: Bool
    public var sessionExpiry: Duration

    public init(
        host: String = "127.0.0.1", port: UInt16 = 1883, tls: Bool = false, caFile: String? = nil,
        certFile: String? = nil, keyFile: String? = nil, username: String? = nil, password: String? = nil,
        clientID: String, filters: [String], cleanStart: Bool = true, sessionExpiry: Duration = .seconds(0),
        keepalive: Duration = .seconds(30), reconnectMin: Duration = .milliseconds(200),
        reconnectMax: Duration = .seconds(10)
    ) {
        endpoint = BrokerEndpoint(
            host: host, port: port, tls: tls, caFile: caFile, certFile: certFile, keyFile: keyFile, username: username,
            password: password, clientID: clientID, keepalive: keepalive, reconnectMin: reconnectMin,
            reconnectMax: reconnectMax)
        self.filters = filters
        self.cleanStart = cleanStart
        self.sessionExpiry = sessionExpiry
    }

    public subscript<Value>(dynamicMember path: WritableKeyPath<BrokerEndpoint, Value>) -> Value {
        get { endpoint[keyPath: path] }
        set { endpoint[keyPath: path] = newValue }
    }

    /// `kiosk/v1/#`, or one site's `kiosk/v1/SITE/#`, optionally as a shared subscription.
    public static func telemetryFilter(prefix: String = "kiosk/v1", site: String? = nil, shareGroup: String? = nil) -> String {
        let filter = site.map { "\(prefix)/\($0)/#" } ?? "\(prefix)/#"
        return shareGroup.map { "$share/\($0)/\(filter)" } ?? filter
    }
}
