import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real mosquitto running the shipped provincial configuration (`config/provincial/mosquitto.conf`
/// and its `acl`), with only paths and ports replaced: kiosks on a mutual-TLS listener (the
/// certificate's CN is the user name and the client id), consumers on a TLS listener with
/// passwords. Certificates are made per test; `kiosk(_:)` makes one per device.
public final class ProvincialBroker: Sendable {
    public let certificates: TestCertificates
    public let broker: MosquittoBroker
    /// The consumers' listener (the kiosks' is `broker.port`).
    public let consumerPort: UInt16
    /// Consumer user name → password, written with `mosquitto_passwd`.
    public let consumers: [String: String] = [
        "province.dashboard": "dashboard-secret", "province.ops": "ops-secret", "province.telegraf": "telegraf-secret",
    ]

    public init() throws {
        let certificates = try TestCertificates()
        self.certificates = certificates
        let folder = certificates.directory.path
        let passwords = folder + "/passwords"
        _ = FileManager.default.createFile(atPath: passwords, contents: nil, attributes: [.posixPermissions: 0o600])
        let passwd = try MosquittoBroker.executable("mosquitto_passwd", package: "mosquitto")
        for (user, password) in consumers.sorted(by: { $0.key < $1.key }) {
            let result = try runCommand(passwd, ["-b", passwords, user, password], timeout: 10)
            guard result.status == 0 else { throw TestFailure("mosquitto_passwd -b \(user) failed: \(result.stderr)") }
        }
        try FileManager.default.copyItem(atPath: try Repository.path("config/provincial/acl"), toPath: folder + "/acl")
        for (from, to) in [("ca.crt", certificates.caFile), ("server.crt", certificates.serverCertFile), ("server.key", certificates.serverKeyFile)]
        where to != folder + "/" + from {
            try FileManager.default.copyItem(atPath: to, toPath: folder + "/" + from)
        }
        try FileManager.default.createDirectory(atPath: folder + "/persistence", withIntermediateDirectories: true)

        let consumerPort = FreePort.next()
        self.consumerPort = consumerPort
        let shipped = try String(contentsOfFile: try Repository.path("config/provincial/mosquitto.conf"), encoding: .utf8)
        var lines: [String] = []
        var sawKioskListener = false
        for line in shipped.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("#") || line.isEmpty { continue }
            if line == "listener 8883" {
                // The broker's generated first listener (127.0.0.1, a free port) takes its place.
                sawKioskListener = true
                continue
            }
            if line == "listener 8884" {
                lines.append("listener \(consumerPort) 127.0.0.1")
                continue
            }
            lines.append(
                line.replacingOccurrences(of: "/etc/mosquitto/kiosk", with: folder)
                    .replacingOccurrences(of: "/var/lib/mosquitto/", with: folder + "/persistence/"))
        }
        guard sawKioskListener, lines.contains("listener \(consumerPort) 127.0.0.1") else {
            throw TestFailure("config/provincial/mosquitto.conf no longer has `listener 8883` and `listener 8884`")
        }
        // The generated lines come first and say `allow_anonymous`, `persistence false`: the
        // shipped lines after them win.
        broker = try MosquittoBroker(options: .init(allowAnonymous: false, extraConfig: lines))
        let up = waitUntil(timeout: 10) { FreePort.isAccepting(consumerPort) }
        guard up else { throw TestFailure("the consumers' listener on \(consumerPort) did not open:\n\(broker.log)") }
    }

    /// A kiosk's connection: its own certificate (CN = device id) on the kiosks' listener.
    public func kiosk(_ device: String, clientID: String? = nil) throws -> SubscriberConnection {
        let (cert, key) = try certificates.makeClientCertificate(commonName: device)
        return SubscriberConnection(
            port: broker.port, caFile: certificates.caFile, certFile: cert, keyFile: key, clientID: clientID)
    }

    /// A consumer's connection on the consumers' listener (user name and password).
    public func consumer(_ user: String = "province.dashboard", clientID: String? = nil) -> SubscriberConnection {
        SubscriberConnection(
            port: consumerPort, caFile: certificates.caFile, username: user, password: consumers[user], clientID: clientID)
    }
}

/// A real `mosquitto_pub`: one message, QoS 1 by default, waiting for the broker's answer.
public enum MQTTPublisher {
    @discardableResult
    public static func publish(
        _ payload: String, to topic: String, via connection: SubscriberConnection, qos: Int = 1, retain: Bool = false
    ) throws -> CommandResult {
        let tool = try MosquittoBroker.executable("mosquitto_pub", package: "mosquitto-clients")
        var arguments = connection.arguments + ["-q", String(qos), "-t", topic, "-m", payload]
        if retain { arguments.append("-r") }
        return try runCommand(tool, arguments, timeout: 20)
    }
}
