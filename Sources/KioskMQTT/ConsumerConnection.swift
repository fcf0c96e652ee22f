import CMosquitto
import KioskCore
#if canImport(Glibc)
import Glibc
#endif

/// One libmosquitto handle of a consumer, for one connection attempt (MQTT 5).
///
/// Only the subscriber's network thread touches it; the callbacks run inside `loop()` on that
/// thread and only queue events.
final class ConsumerConnection {
    let handle: OpaquePointer
    private let events = MosquittoEventQueue()

    init(settings: SubscriberSettings) throws {
        handle = try settings.endpoint.makeHandle(cleanStart: settings.cleanStart, protocolVersion: MQTT_PROTOCOL_V5, events: events)
    }

    deinit {
        mosquitto_destroy(handle)
    }

    /// Connects (blocking: a consumer has nothing else to do meanwhile), with the session expiry
    /// when the session is to outlive the connection.
    func connect(_ settings: SubscriberSettings) throws(MosquittoError) {
        var properties: OpaquePointer?
        defer { mosquitto_property_free_all(&properties) }
        let expiry = DurationUnits.seconds(settings.sessionExpiry, roundedUpIn: 0...Int64(UInt32.max - 1))
        if !settings.cleanStart && expiry > 0 {
            try MosquittoError.check(
                mosquitto_property_add_int32(&properties, Int32(MQTT_PROP_SESSION_EXPIRY_INTERVAL.rawValue), UInt32(expiry)))
        }
        let keepalive = Int32(DurationUnits.seconds(settings.keepalive, roundedUpIn: 5...65_535))
        let rc = mosquitto_connect_bind_v5(handle, settings.host, Int32(settings.port), keepalive, nil, properties)
        try MosquittoError.check(rc)
    }

    /// Waits at most `timeoutMs` for the socket, then reads, writes and keeps the connection
    /// alive; nil or the error that ended the connection.
    ///
    /// poll(2) and `mosquitto_loop_read/write/misc`, not `mosquitto_loop`: that one uses
    /// select(2) and refuses (MOSQ_ERR_INVAL) a socket numbered 1024 or more, which a process
    /// holding many descriptors — a consumer inside a bigger program — gets.
    func loop(timeoutMs: Int32) -> MosquittoError? {
        let socket = mosquitto_socket(handle)
        guard socket >= 0 else { return MosquittoError.capturing(MOSQ_ERR_NO_CONN.rawValue) }
        let interest = Int16(POLLIN) | (mosquitto_want_write(handle) ? Int16(POLLOUT) : 0)
        let ready: Int16
        do throws(Errno) {
            ready = try PollSet.waitOne(fd: socket, events: interest, timeoutMs: Int64(timeoutMs))
        } catch {
            return MosquittoError(MOSQ_ERR_ERRNO, systemCode: error.rawValue)
        }
        var rc = MosquittoError.success
        if ready & Int16(POLLIN | POLLERR | POLLHUP) != 0 { rc = mosquitto_loop_read(handle, 1) }
        if rc == MosquittoError.success, ready & Int16(POLLOUT) != 0 { rc = mosquitto_loop_write(handle, 1) }
        if rc == MosquittoError.success { rc = mosquitto_loop_misc(handle) }
        return rc == MosquittoError.success ? nil : MosquittoError.capturing(rc)
    }

    func subscribe(_ filters: [String]) throws(MosquittoError) {
        for filter in filters {
            var mid: Int32 = 0
            try MosquittoError.check(mosquitto_subscribe_v5(handle, &mid, filter, 1, 0, nil))
        }
    }

    func disconnect() {
        _ = mosquitto_disconnect_v5(handle, 0, nil)
    }

    func takeEvents() -> [MosquittoEvent] { events.take() }
}
