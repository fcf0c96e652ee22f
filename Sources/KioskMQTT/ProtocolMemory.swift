/// What `protocol = auto` learnt about each broker (`host:port`) during this process.
///
/// A broker that speaks only MQTT 3.1.1 answers an MQTT 5 CONNECT in one of three ways: a
/// CONNACK "unsupported protocol version" (0x84, or 3.1.1's return code 1); a CONNACK an MQTT 5
/// parser cannot read; or no CONNACK at all, closing the connection (RabbitMQ 3.10). After any
/// of them the next attempt is 3.1.1 (`trying311`). A 3.1.1 CONNACK confirms it (`speaks311`),
/// and every later connection to that broker starts with 3.1.1, without the refused MQTT 5
/// attempt first, for a day: then MQTT 5 is tried again, in case the broker was upgraded. A
/// reload forgets everything. Should the 3.1.1 attempt end the same way, the version was not
/// the cause (a broker that closes every connection): the next attempt is MQTT 5 again, so a
/// passing fault never pins an MQTT 5 broker to 3.1.1.
///
/// Network thread only, like the `ConnectionLoop` that owns it.
struct ProtocolMemory {
    private enum Knowledge: Equatable {
        case trying311
        case speaks311(sinceMs: Int64)
    }

    /// How long a broker found to speak only 3.1.1 is taken at its word.
    static let mqtt5RetryMs: Int64 = 86_400_000

    private var brokers: [String: Knowledge] = [:]

    static func key(host: String, port: UInt16) -> String { "\(host):\(port)" }

    /// The version to try next with `protocol = auto`.
    func version(for broker: String, nowMs: Int64) -> MQTTProtocolVersion {
        switch brokers[broker] {
        case nil: .v5
        case .trying311: .v311
        case .speaks311(let since): nowMs - since >= Self.mqtt5RetryMs ? .v5 : .v311
        }
    }

    /// An MQTT 5 attempt ended the way a 3.1.1-only broker ends one.
    mutating func mqtt5Refused(by broker: String) {
        brokers[broker] = .trying311
    }

    /// A 3.1.1 attempt ended the same way: unless the broker once took 3.1.1, the version was
    /// not the cause.
    mutating func mqtt311Failed(at broker: String) {
        if brokers[broker] == .trying311 { brokers[broker] = nil }
    }

    mutating func connected(to broker: String, with version: MQTTProtocolVersion, nowMs: Int64) {
        switch (version, brokers[broker]) {
        case (.v5, _): brokers[broker] = nil
        case (.v311, .speaks311(let since)) where nowMs - since < Self.mqtt5RetryMs: break
        case (.v311, _): brokers[broker] = .speaks311(sinceMs: nowMs)
        }
    }

    /// A reload: MQTT 5 is tried first again everywhere.
    mutating func forget() {
        brokers = [:]
    }
}
