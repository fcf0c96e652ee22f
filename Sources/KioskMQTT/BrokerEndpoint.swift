import CMosquitto
import KioskCore
#if canImport(Glibc)
import Glibc
#endif

/// Where a broker is and how to reach it: what the kiosk's publisher (`BrokerSettings`) and a
/// consumer (`SubscriberSettings`) share, and the one place a libmosquitto handle is made and
/// given its credentials and TLS.
///
/// `password` is a secret: it never appears in `description`, `debugDescription` or a mirror
/// (`dump`), so printing an endpoint, or settings holding one, is always safe.
public struct BrokerEndpoint: Equatable, Sendable {
    public var host: String
    public var port: UInt16
    public var tls: Bool
    /// CA bundle that signs the broker's certificate; nil means the system's CAs (`/etc/ssl/certs`).
    public var caFile: String?
    /// Client certificate and key, for brokers that authenticate by certificate.
    public var certFile: String?
    public var keyFile: String?
    public var username: String?
    /// The password itself (kioskd reads it from `password_file`). Never logged.
    public var password: String?
    public var clientID: String
    /// MQTT keepalive; libmosquitto accepts 5 s to 18 h, values outside are clamped. A broker
    /// that goes silent (a dead 4G link) is noticed after about two keepalives: PINGREQ after
    /// one quiet keepalive, given up when the next passes without PINGRESP.
    public var keepalive: Duration
    /// Full-jitter exponential backoff between connection attempts (see `ReconnectBackoff`).
    public var reconnectMin: Duration
    public var reconnectMax: Duration

    public init(
        host: String, port: UInt16, tls: Bool, caFile: String?, certFile: String?, keyFile: String?,
        username: String?, password: String?, clientID: String, keepalive: Duration, reconnectMin: Duration,
        reconnectMax: Duration
    ) {
        self.host = host
        self.port = port
        self.tls = tls
        self.caFile = caFile
        self.certFile = certFile
        self.keyFile = keyFile
        self.username = username
        self.password = password
        self.clientID = clientID
        self.keepalive = keepalive
        self.reconnectMin = reconnectMin
        self.reconnectMax = reconnectMax
    }

    /// A libmosquitto handle for one connection attempt, with the protocol version, the
    /// credentials and TLS set, and `events` receiving its callbacks. Nothing touches the
    /// network yet; the caller destroys the handle.
    func makeHandle(cleanStart: Bool, protocolVersion: Int32, events: MosquittoEventQueue) throws -> OpaquePointer {
        MosquittoLibrary.ensureInitialised()
        guard let handle = mosquitto_new(clientID, cleanStart, nil) else {
            throw MosquittoError(MOSQ_ERR_ERRNO, systemCode: errno)
        }
        do {
            events.install(on: handle)
            try MosquittoError.check(mosquitto_int_option(handle, MOSQ_OPT_PROTOCOL_VERSION, protocolVersion))
            if let username {
                try MosquittoError.check(mosquitto_username_pw_set(handle, username, password))
            }
            if tls { try MosquittoTLS.configure(handle, caFile: caFile, certFile: certFile, keyFile: keyFile) }
        } catch {
            mosquitto_destroy(handle)
            throw error
        }
        return handle
    }
}

extension BrokerEndpoint: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `host=… port=… tls=yes … password=(set)`: the password shows only whether there is one.
    public var description: String {
        var fields: [(String, String)] = [("host", host), ("port", String(port)), ("tls", tls ? "yes" : "no")]
        if let caFile { fields.append(("ca_file", caFile)) }
        if let certFile { fields.append(("cert_file", certFile)) }
        if let keyFile { fields.append(("key_file", keyFile)) }
        if let username { fields.append(("username", username)) }
        fields.append(("password", password == nil ? "(none)" : "(set)"))
        fields += [
            ("client_id", clientID), ("keepalive", DurationUnits.of(keepalive)),
            ("reconnect", DurationUnits.of(reconnectMin) + "…" + DurationUnits.of(reconnectMax)),
        ]
        return fields.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
    }

    public var debugDescription: String { "BrokerEndpoint(\(description))" }

    /// `dump(endpoint)` shows the same fields as `description`, never the password.
    public var customMirror: Mirror { Mirror(self, children: ["description": description], displayStyle: .struct) }
}
