import CMosquitto
import KioskCore
#if canImport(Glibc)
import Glibc
#endif

/// The MQTT protocol version of one connection attempt.
enum MQTTProtocolVersion: Sendable {
    case v5, v311

    /// As `BrokerStatus.protocol` and the configuration write it.
    var name: String { self == .v5 ? "5" : "3.1.1" }

    fileprivate var optionValue: Int32 { self == .v5 ? MQTT_PROTOCOL_V5 : MQTT_PROTOCOL_V311 }
}

/// One libmosquitto client handle, made for one connection attempt and destroyed with it.
///
/// A fresh handle per attempt means each attempt starts from exactly the settings and protocol
/// it was made for: nothing from a refused MQTT 5 attempt (stored CONNECT properties, a Will
/// with properties) can leak into the 3.1.1 retry, and renewed certificate files are read again.
/// Records that were in flight are not retransmitted by libmosquitto across handles: the store
/// that owns them resends what the broker never acknowledged.
///
/// Only the network thread touches a connection; the C callbacks run on that thread too, inside
/// `read()`/`write()`/`maintain()`, and only queue events.
final class BrokerConnection {
    let handle: OpaquePointer
    let protocolVersion: MQTTProtocolVersion
    private let events = MosquittoEventQueue()

    /// Makes and configures a handle: protocol, credentials, TLS, the Last Will and (MQTT 5)
    /// the session expiry. Nothing touches the network yet.
    init(settings: BrokerSettings, protocolVersion: MQTTProtocolVersion, will: [UInt8]) throws {
        // MQTT 5: clean start off, so a reconnect within the will delay resumes the session and
        // suppresses the Will. MQTT 3.1.1 has no session expiry: a persistent session would keep
        // queueing commands forever, so it starts clean.
        handle = try settings.endpoint.makeHandle(
            cleanStart: protocolVersion == .v311, protocolVersion: protocolVersion.optionValue, events: events)
        self.protocolVersion = protocolVersion
        // libmosquitto queues QoS 1 messages beyond its in-flight limit without bound. The
        // publisher never hands it more records than its window; this limit is that window plus
        // the status message, so nothing waits inside libmosquitto on the client's account (an
        // MQTT 5 broker's smaller Receive Maximum still wins: libmosquitto obeys the CONNACK).
        try MosquittoError.check(
            mosquitto_int_option(handle, MOSQ_OPT_SEND_MAXIMUM, Int32(settings.effectivePublishWindow + 1)))
        try setWill(topic: settings.statusTopic, payload: will, delay: settings.willDelay)
        if protocolVersion == .v5 {
            let expiry = max(settings.sessionExpiry, settings.willDelay)
            try storeConnectProperties(sessionExpiry: expiry)
        }
    }

    deinit {
        // Closes the socket if open, without DISCONNECT: only a clean stop sends one.
        mosquitto_destroy(handle)
    }

    /// Starts a non-blocking connect: name lookup (which does block, for the resolver's own
    /// timeout), then TCP, TLS and CONNECT proceed in `read()`/`write()` as poll(2) allows.
    func connect(host: String, port: UInt16, keepalive: Duration) throws(MosquittoError) {
        let seconds = Int32(DurationUnits.seconds(keepalive, roundedUpIn: 5...65_535))
        let rc = mosquitto_connect_bind_async(handle, host, Int32(port), seconds, nil)
        try MosquittoError.check(rc)
    }

    /// The socket to poll, or -1 once libmosquitto has closed it.
    var socket: Int32 { mosquitto_socket(handle) }

    var wantsWrite: Bool { mosquitto_want_write(handle) }

    var isOpen: Bool { socket >= 0 }

    /// Reads what poll(2) said is there; nil or the error that ended the connection.
    func read() -> MosquittoError? { result(mosquitto_loop_read(handle, 1)) }

    func write() -> MosquittoError? { result(mosquitto_loop_write(handle, 1)) }

    /// Keepalive: sends PINGREQ when due, ends the connection when PINGRESP is overdue.
    func maintain() -> MosquittoError? { result(mosquitto_loop_misc(handle)) }

    func subscribe(_ filter: String, qos: Int32) throws(MosquittoError) -> Int32 {
        var mid: Int32 = 0
        // Under MQTT 5, "retain handling 2": a retained command (a mistake on the broker side)
        // is not replayed at every reconnect. 3.1.1 has no options; the loop drops retained ones.
        let options = protocolVersion == .v5 ? Int32(MQTT_SUB_OPT_SEND_RETAIN_NEVER.rawValue) : 0
        try MosquittoError.check(mosquitto_subscribe_v5(handle, &mid, filter, qos, options, nil))
        return mid
    }

    func publish(_ topic: String, payload: [UInt8], qos: Int32, retain: Bool) throws(MosquittoError) -> Int32 {
        var mid: Int32 = 0
        let rc = payload.withUnsafeBytes { bytes in
            mosquitto_publish_v5(
                handle, &mid, topic, Int32(bytes.count), bytes.baseAddress, qos, retain, nil)
        }
        try MosquittoError.check(rc)
        return mid
    }

    /// Queues a normal DISCONNECT (reason 0): the broker discards the Will.
    func disconnect() throws(MosquittoError) {
        try MosquittoError.check(mosquitto_disconnect_v5(handle, 0, nil))
    }

    /// The events queued since the last call, oldest first.
    func takeEvents() -> [MosquittoEvent] { events.take() }

    private func result(_ code: Int32) -> MosquittoError? {
        code == MosquittoError.success ? nil : MosquittoError.capturing(code)
    }

    private func setWill(topic: String, payload: [UInt8], delay: Duration) throws {
        let properties = PropertyList()
        let delaySeconds = DurationUnits.seconds(delay, roundedUpIn: 0...Int64(UInt32.max))
        if protocolVersion == .v5 && delaySeconds > 0 {
            try properties.add(MQTT_PROP_WILL_DELAY_INTERVAL, UInt32(delaySeconds))
        }
        let rc = payload.withUnsafeBytes { bytes in
            mosquitto_will_set_v5(
                handle, topic, Int32(bytes.count), bytes.baseAddress, 1, true, properties.head)
        }
        try MosquittoError.check(rc)
        properties.handedOver()  // on success libmosquitto owns the list
    }

    /// libmosquitto 2.0 has no asynchronous connect that takes CONNECT properties: only the
    /// blocking `mosquitto_connect_bind_v5` does, and it keeps them in the handle for every later
    /// connect. Called with port -1 it stores the properties, then fails its argument check with
    /// MOSQ_ERR_INVAL before touching the network; `mosquitto_connect_bind_async` then sends them.
    /// Measured on 2.0.11 (the CONNECT carries property 0x11). Should a later libmosquitto check
    /// first and store nothing, the Will would go out without delay: `BrokerClientWillTests`
    /// would fail.
    private func storeConnectProperties(sessionExpiry: Duration) throws {
        let properties = PropertyList()
        let seconds = DurationUnits.seconds(sessionExpiry, roundedUpIn: 1...Int64(UInt32.max - 1))
        try properties.add(MQTT_PROP_SESSION_EXPIRY_INTERVAL, UInt32(seconds))
        let rc = mosquitto_connect_bind_v5(handle, "", -1, 60, nil, properties.head)
        guard rc == Int32(MOSQ_ERR_INVAL.rawValue) else {
            throw MosquittoError.capturing(rc == MosquittoError.success ? Int32(MOSQ_ERR_UNKNOWN.rawValue) : rc)
        }
    }
}

/// Why an attempt could not even begin: a file that cannot be read, settings the library refused.
struct SetupFailure: Error, Sendable {
    let summary: String
}

/// An MQTT 5 property list that frees itself unless it was handed over to libmosquitto.
private final class PropertyList {
    private(set) var head: OpaquePointer?

    func add(_ identifier: mqtt5_property, _ value: UInt32) throws(MosquittoError) {
        try MosquittoError.check(
            mosquitto_property_add_int32(&head, Int32(identifier.rawValue), value))
    }

    func handedOver() {
        head = nil
    }

    deinit {
        mosquitto_property_free_all(&head)
    }
}
