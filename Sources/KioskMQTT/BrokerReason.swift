import CMosquitto

/// The broker's own reason for refusing a connection (CONNACK) or ending one (an MQTT 5
/// DISCONNECT from the broker, such as "session taken over").
///
/// MQTT 3.1.1 CONNACK return codes 1–5 are mapped to their MQTT 5 reason codes so that one value
/// and one description serve both versions; the words are libmosquitto's own
/// (`mosquitto_reason_string`), in lower case: "not authorized", "bad user name or password".
struct BrokerReason: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// An MQTT 5 reason code; 0x80 and above are failures.
    let rawValue: Int32

    init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The code libmosquitto hands to the connect callback, read for the protocol of the attempt.
    init(connackCode code: Int32, protocolVersion: MQTTProtocolVersion) {
        guard protocolVersion == .v311 else {
            // An MQTT 5 CONNACK has no failure codes below 0x80; 1 is a 3.1.1 broker's
            // "unacceptable protocol version" read by an MQTT 5 parser.
            self.init(rawValue: code == 1 ? Int32(MQTT_RC_UNSUPPORTED_PROTOCOL_VERSION.rawValue) : code)
            return
        }
        let equivalent: mqtt5_return_codes? =
            switch code {
            case 1: MQTT_RC_UNSUPPORTED_PROTOCOL_VERSION
            case 2: MQTT_RC_CLIENTID_NOT_VALID
            case 3: MQTT_RC_SERVER_UNAVAILABLE
            case 4: MQTT_RC_BAD_USERNAME_OR_PASSWORD
            case 5: MQTT_RC_NOT_AUTHORIZED
            default: nil
            }
        self.init(rawValue: equivalent.map { Int32($0.rawValue) } ?? code)
    }

    /// 0x84: the broker speaks an older MQTT; with `protocol = auto` the client retries in 3.1.1.
    var refusesProtocolVersion: Bool {
        rawValue == Int32(MQTT_RC_UNSUPPORTED_PROTOCOL_VERSION.rawValue)
    }

    var description: String {
        String(cString: mosquitto_reason_string(rawValue)).lowercased()
    }
}
