import CMosquitto

/// Why the broker (or libmosquitto) did not take one record, as an MQTT 5 reason code and words
/// for the technician; `canNeverBeSent` tells a record to set aside from one to keep.
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

    /// Whether no connection and no broker-side fix can ever make this record acceptable: a
    /// packet over the broker's maximum size, a topic that is not a valid topic name. Only such
    /// a record is set aside (a loss, announced). Every other refusal (0x87 not authorized,
    /// 0x97 quota exceeded, 0x80 unspecified, 0x83 implementation specific, 0x91 packet id in
    /// use…) is an ACL, a quota or a broker's passing trouble that a technician or time fixes:
    /// SPEC allows only the size cap to lose records, so the record is kept and offered again.
    var canNeverBeSent: Bool {
        reasonCode == Int32(MQTT_RC_PACKET_TOO_LARGE.rawValue)
            || reasonCode == Int32(MQTT_RC_TOPIC_NAME_INVALID.rawValue)
    }
}
