/// What libmosquitto told the client during one call into it, as plain Swift values.
///
/// The C callbacks (`MosquittoCallbacks.swift`) only build these and queue them on the
/// connection; the network loop handles them once the libmosquitto call has returned, outside
/// libmosquitto's callback lock, so handling may publish, subscribe or call out to the daemon.
enum MosquittoEvent: Sendable {
    /// CONNACK: `code` 0 is success; otherwise a 3.1.1 return code or an MQTT 5 reason code,
    /// depending on the protocol of the attempt. `flags` bit 0 is "session present".
    case connack(code: Int32, flags: Int32)
    /// The connection ended; `code` is a `MOSQ_ERR_*` value (0 after our own DISCONNECT) and
    /// `systemCode` the errno captured when the callback began.
    case disconnected(code: Int32, systemCode: Int32)
    case message(topic: String, payload: [UInt8], retained: Bool)
    /// PUBACK for `mid`; `reasonCode` ≥ 0x80 means the broker refused the message (MQTT 5).
    case published(mid: Int32, reasonCode: Int32)
    /// SUBACK; a granted QoS ≥ 0x80 means the subscription was refused.
    case subscribed(mid: Int32, grantedQoS: [Int32])
    /// A libmosquitto log line at MOSQ_LOG_ERR or MOSQ_LOG_WARNING: where OpenSSL's detail
    /// ("certificate verify failed") appears, and nowhere else.
    case libraryLog(level: Int32, text: String)
}
