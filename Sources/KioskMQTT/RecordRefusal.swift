import CMosquitto

/// Why one record will never be accepted, as an MQTT 5 reason code and words for the technician.
///
/// Two sources, one shape: the broker's PUBACK with a reason code ≥ 0x80 (MQTT 5 only: under
/// 3.1.1 a broker that drops a message still acknowledges it), and libmosquitto refusing the
/// publish call itself for a reason that would fail on every connection. libmosquitto 2.0
/// checks a record against the Maximum Packet Size the broker announced in CONNACK and never
/// sends it; without this the record would be retried forever and block the queue behind it.
struct RecordRefusal: Equatable, Sendable {
    let reasonCode: Int32
    let reason: String

    /// A PUBACK's reason code, or nil when it is a success (below 0x80).
    init?(pubackReasonCode code: Int32) {
        guard code >= 0x80 else { return nil }
        reasonCode = code
        reason = BrokerReason(rawValue: code).description
    }

    /// A `mosquitto_publish` error that concerns the record rather than the connection, or nil
    /// for one that concerns the connection (not connected, out of memory, a socket error):
    /// then the record stays queued and is sent again later.
    init?(publishError error: MosquittoError) {
        let code: mqtt5_return_codes
        if error.is(MOSQ_ERR_OVERSIZE_PACKET) || error.is(MOSQ_ERR_PAYLOAD_SIZE) {
            code = MQTT_RC_PACKET_TOO_LARGE
        } else if error.is(MOSQ_ERR_INVAL) || error.is(MOSQ_ERR_MALFORMED_UTF8) {
            // With QoS 1 and no properties, libmosquitto only returns these for the topic.
            code = MQTT_RC_TOPIC_NAME_INVALID
        } else {
            return nil
        }
        reasonCode = Int32(code.rawValue)
        reason = BrokerReason(rawValue: reasonCode).description + " (not sent: \(error.summary))"
    }
}
