import Foundation
import KioskCore
import Testing
import TestSupport

/// kioskd's presence at a real mosquitto, checked by a real subscriber (mosquitto_sub).
@Suite struct KioskdBrokerTests {
    static let device = "[device]\nid = kiosk-test\nsite = xa-an-binh\n"

    func payload(_ message: ReceivedMessage) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(message.payload))
    }

    func isPresence(_ state: String, reason: String? = nil) -> (ReceivedMessage) -> Bool {
        { message in
            guard let data = (try? JSONDecoder().decode(JSONValue.self, from: Data(message.payload)))?["data"] else { return false }
            return data["state"] == .string(state) && (reason == nil || data["reason"] == .string(reason!))
        }
    }

    func connected(_ kioskd: KioskdProcess) -> Bool {
        waitUntil(timeout: 15) { (try? kioskd.status().broker.state) == .connected }
    }

    @Test func retainedOnlineStatusReachesARealSubscriber() throws {
        let broker = try MosquittoBroker()
        let kioskd = try KioskdProcess(config: Self.device, brokerPort: broker.port)
        try kioskd.start()
        #expect(connected(kioskd), "log:\n\(kioskd.log)")

        // A subscriber that arrives later still gets it: it is retained.
        let messages = try MQTTSubscriber.collect(1, on: "kiosk/v1/+/+/status", from: SubscriberConnection(broker))
        let message = try #require(messages.first)
        #expect(message.topic == "kiosk/v1/xa-an-binh/kiosk-test/status")
        #expect(message.retained)
        let record = try payload(message)
        #expect(record["schema"] == .string("kiosk.v1"))
        #expect(record["type"] == .string("status"))
        #expect(record["device"] == .string("kiosk-test"))
        #expect(record["site"] == .string("xa-an-binh"))
        #expect(record["boot"] == .string(KernelClock.bootID))
        #expect(record["data"]?["state"] == .string("online"))
        #expect(record["data"]?["version"] == .string(KioskAgent.version))
        #expect(record["data"]?["started"]?.string?.hasSuffix("Z") == true)
        #expect(record["ts"]?.string?.count == 24)
        #expect(try kioskd.status().broker.protocol == "5")
    }

    @Test func cleanStopPublishesOfflineShutdown() throws {
        let broker = try MosquittoBroker()
        let kioskd = try KioskdProcess(config: Self.device, brokerPort: broker.port)
        try kioskd.start()
        #expect(connected(kioskd))
        #expect(try kioskd.stop(signal: SIGTERM) == 0)
        let retained = try MQTTSubscriber.collect(1, on: "kiosk/v1/+/+/status", from: SubscriberConnection(broker))
        #expect(retained.first.map(isPresence("offline", reason: "shutdown")) == true, "\(retained)")
        #expect(retained.first?.retained == true)
    }

    @Test func killDashNineLeavesTheWillOfflineConnectionLost() throws {
        let broker = try MosquittoBroker()
        let kioskd = try KioskdProcess(config: Self.device, brokerPort: broker.port)
        try kioskd.start()
        #expect(connected(kioskd))
        let watch = try MQTTSubscription(on: "kiosk/v1/+/+/status", from: SubscriberConnection(broker))
        try watch.waitForMessage(where: isPresence("online"))
        kioskd.signal(SIGKILL)
        // will_delay = 1s in the test configuration.
        let will = try watch.waitForMessage(timeout: 15, where: isPresence("offline", reason: "connection-lost"))
        #expect(will.topic == "kiosk/v1/xa-an-binh/kiosk-test/status")
        let retained = try MQTTSubscriber.collect(1, on: "kiosk/v1/+/+/status", from: SubscriberConnection(broker))
        #expect(retained.first.map(isPresence("offline", reason: "connection-lost")) == true)
    }

    @Test func statusFollowsTheBrokerGoingAwayAndComingBack() throws {
        let broker = try MosquittoBroker()
        let kioskd = try KioskdProcess(config: Self.device, brokerPort: broker.port)
        try kioskd.start()
        #expect(connected(kioskd))

        try broker.stop()
        // First the loss, then the failed attempts to reconnect say why.
        #expect(waitUntil(timeout: 15) {
            guard let status = try? kioskd.status().broker else { return false }
            return status.state != .connected && status.lastError == "connection refused"
        }, "log:\n\(kioskd.log)")
        #expect(kioskd.log.contains("lost"), "log:\n\(kioskd.log)")

        try broker.restart()
        let watch = try MQTTSubscription(on: "kiosk/v1/+/+/status", from: SubscriberConnection(broker))
        #expect(connected(kioskd), "log:\n\(kioskd.log)")
        try watch.waitForMessage(where: isPresence("online"))
        #expect(kioskd.isRunning)
    }

    @Test func brokerDownAtStartIsNormal() throws {
        let port = FreePort.next()
        let kioskd = try KioskdProcess(config: Self.device, brokerPort: port)
        try kioskd.start()
        #expect(waitUntil { (try? kioskd.status().broker.failedAttempts) ?? 0 >= 1 })
        #expect(try kioskd.status().broker.state != .connected)
        let broker = try MosquittoBroker(port: port)
        #expect(connected(kioskd), "log:\n\(kioskd.log)\nbroker:\n\(broker.log)")
    }

    @Test func tlsWithTheRightCAConnectsAndAWrongCAIsRefused() throws {
        let certificates = try TestCertificates()
        let broker = try MosquittoBroker(options: .init(tls: .init(certificates)))
        func config(ca: String) -> String {
            Self.device + """
                [mqtt]
                host = localhost
                port = \(broker.port)
                tls = yes
                ca_file = \(ca)
                reconnect_max = 1s
                will_delay = 1s

                """
        }
        let good = try KioskdProcess(config: config(ca: certificates.caFile))
        try good.start()
        #expect(connected(good), "log:\n\(good.log)\nbroker:\n\(broker.log)")

        let bad = try KioskdProcess(config: config(ca: certificates.otherCAFile))
        try bad.start()
        #expect(waitUntil(timeout: 15) { (try? bad.status().broker.lastError) != nil })
        let status = try bad.status().broker
        #expect(status.state != .connected)
        #expect(status.lastError?.contains("certificate verify failed") == true, "\(status)")
    }

    @Test func passwordFromItsFileConnectsAndIsNeverLogged() throws {
        let secret = "s3cret-\(UUID().uuidString.prefix(6))"
        let broker = try MosquittoBroker(options: .init(users: ["kiosk": secret]))
        let kioskd = try KioskdProcess(config: "")
        let passwordFile = kioskd.folder.appendingPathComponent("mqtt.pass").path
        try (secret + "\n").write(toFile: passwordFile, atomically: true, encoding: .utf8)
        chmod(passwordFile, 0o640)
        try (Self.device + """
            [mqtt]
            host = 127.0.0.1
            port = \(broker.port)
            username = kiosk
            password_file = \(passwordFile)
            reconnect_max = 1s
            [log]
            level = debug
            [storage]
            dir = \(kioskd.folder.path)/state
            [control]
            socket = \(kioskd.socketPath)

            """).write(toFile: kioskd.configPath, atomically: true, encoding: .utf8)
        try kioskd.start()
        #expect(connected(kioskd), "log:\n\(kioskd.log)")
        let shown = try kioskd.kioskctl(["config", "show"])
        #expect(shown.stdout.contains("password_file = \(passwordFile)"))
        #expect(!shown.stdout.contains(secret))

        // A wrong password: refused by the broker, and said so.
        try "not-the-password\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        chmod(passwordFile, 0o640)
        try kioskd.stop()
        try kioskd.start()
        #expect(waitUntil(timeout: 15) { (try? kioskd.status().broker.lastError) != nil })
        let refused = try kioskd.status().broker
        #expect(refused.lastError == "not authorized", "\(refused)")
        try kioskd.stop()
        #expect(!kioskd.log.contains(secret))
        #expect(!kioskd.log.contains("not-the-password"))
    }

    @Test func aWorldReadablePasswordFileIsRefused() throws {
        let kioskd = try KioskdProcess(config: "")
        let passwordFile = kioskd.folder.appendingPathComponent("mqtt.pass").path
        try "hunter2\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        chmod(passwordFile, 0o644)
        try "[mqtt]\nusername = kiosk\npassword_file = \(passwordFile)\n".write(toFile: kioskd.configPath, atomically: true, encoding: .utf8)
        let result = try runCommand(try Binaries.path("kioskd"), ["--config", kioskd.configPath])
        #expect(result.status == 78)
        #expect(result.stderr.hasPrefix(
            "\(kioskd.configPath):3: [mqtt] password_file: \(passwordFile) is readable by every user (mode 0644); run: chmod 640 \(passwordFile)\n"))
        #expect(!result.stderr.contains("hunter2"))
    }
}
