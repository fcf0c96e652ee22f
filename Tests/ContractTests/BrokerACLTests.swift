import Foundation
import KioskCore
import Testing
import TestSupport

/// The shipped provincial broker configuration, running in a real mosquitto: each kiosk is
/// confined to its own topics by its certificate, consumers see everything.
@Suite struct BrokerACLTests {
    @Test func aKioskCannotPublishAsAnotherNorReadAnothersCommands() throws {
        let province = try ProvincialBroker()
        let kioskA = try province.kiosk("kiosk-a")
        let kioskB = try province.kiosk("kiosk-b")
        let ops = province.consumer("province.ops")
        let dashboard = try MQTTSubscription(on: "kiosk/v1/#", from: province.consumer())
        let bCommands = try MQTTSubscription(on: "kiosk/v1/hn-01/kiosk-b/cmd/+", from: kioskB)

        // Publishing. kiosk-a as itself: delivered.
        try MQTTPublisher.publish(#"{"from":"a-as-a"}"#, to: "kiosk/v1/hn-01/kiosk-a/health", via: kioskA)
        // kiosk-a as kiosk-b: records, a retained status, commands to b. None may arrive.
        try MQTTPublisher.publish(#"{"from":"a-as-b"}"#, to: "kiosk/v1/hn-01/kiosk-b/health", via: kioskA)
        try MQTTPublisher.publish(#"{"from":"a-as-b","state":"offline"}"#, to: "kiosk/v1/hn-01/kiosk-b/status", via: kioskA, retain: true)
        try MQTTPublisher.publish(#"{"from":"a-as-b"}"#, to: "kiosk/v1/hn-02/kiosk-b/event", via: kioskA)
        try MQTTPublisher.publish(#"{"from":"a-to-b"}"#, to: "kiosk/v1/hn-01/kiosk-b/cmd/identify", via: kioskA)
        // A kiosk may not send commands, not even to itself.
        try MQTTPublisher.publish(#"{"from":"a-to-a"}"#, to: "kiosk/v1/hn-01/kiosk-a/cmd/identify", via: kioskA)
        // The marker, after every forged message: the operators' console commands kiosk-b.
        try MQTTPublisher.publish(#"{"from":"ops-to-b"}"#, to: "kiosk/v1/hn-01/kiosk-b/cmd/identify", via: ops)
        do {
            try dashboard.waitForMessage { $0.text.contains("ops-to-b") }
            try bCommands.waitForMessage { $0.text.contains("ops-to-b") }
        } catch {
            throw TestFailure("\(error)\nbroker log:\n\(province.broker.log)")
        }
        let seen = dashboard.messages.map(\.text)
        #expect(seen.contains { $0.contains("a-as-a") }, "\(seen)")
        #expect(!seen.contains { $0.contains("a-as-b") || $0.contains("a-to-") }, "the dashboard got forged messages: \(seen)")
        #expect(bCommands.messages.map(\.text) == [#"{"from":"ops-to-b"}"#], "\(bCommands.messages)")
        // No forged status was retained for kiosk-b.
        let retained = try MQTTSubscription(on: "kiosk/v1/+/kiosk-b/status", from: province.consumer())
        usleep(300_000)
        #expect(retained.messages.isEmpty, "\(retained.messages)")

        // Reading. The broker allows one connection per kiosk (the client id is the certificate's
        // CN), so kiosk-a listens with one connection at a time: first on kiosk-b's commands
        // exactly, then on everything.
        for filter in ["kiosk/v1/hn-01/kiosk-b/cmd/+", "kiosk/v1/#"] {
            let spy = try MQTTSubscription(on: filter, from: kioskA)
            try MQTTPublisher.publish(#"{"from":"ops-to-b-again"}"#, to: "kiosk/v1/hn-01/kiosk-b/cmd/report", via: ops)
            try MQTTPublisher.publish(#"{"from":"b-record"}"#, to: "kiosk/v1/hn-01/kiosk-b/health", via: kioskB)
            try MQTTPublisher.publish(#"{"from":"ops-to-a"}"#, to: "kiosk/v1/hn-01/kiosk-a/cmd/report", via: ops)
            try bCommands.waitForMessage { $0.text.contains("ops-to-b-again") }
            try dashboard.waitForMessage { $0.text.contains("ops-to-a") }
            if filter == "kiosk/v1/#" {
                // kiosk-a's own command is the marker: it reads that, and nothing of kiosk-b's.
                try spy.waitForMessage { $0.text.contains("ops-to-a") }
                #expect(spy.messages.map(\.text) == [#"{"from":"ops-to-a"}"#], "\(spy.messages)")
            } else {
                usleep(300_000)
                #expect(spy.messages.isEmpty, "kiosk-a read kiosk-b's commands: \(spy.messages)")
            }
            spy.stop()
        }
    }

    @Test func aKioskCannotTakeOverAnothersSessionByItsClientID() throws {
        let province = try ProvincialBroker()
        // kiosk-b connects as kioskd does, with its device id as client id.
        let kioskB = try province.kiosk("kiosk-b", clientID: "kiosk-b")
        let bCommands = try MQTTSubscription(on: "kiosk/v1/hn-01/kiosk-b/cmd/+", from: kioskB)
        // kiosk-a connects claiming kiosk-b's client id; the broker uses its certificate's CN instead.
        let impostor = try province.kiosk("kiosk-a", clientID: "kiosk-b")
        let impostorListening = try MQTTSubscription(on: "kiosk/v1/hn-01/kiosk-a/cmd/+", from: impostor)
        try MQTTPublisher.publish("still-there", to: "kiosk/v1/hn-01/kiosk-b/cmd/identify", via: province.consumer("province.ops"))
        try bCommands.waitForMessage { $0.text == "still-there" }
        usleep(300_000)
        // mosquitto_sub reconnects when it is thrown out: one CONNECT means it never was.
        let connects = bCommands.rawOutput.components(separatedBy: "sending CONNECT").count - 1
        #expect(connects == 1, "kiosk-b was thrown out by the impostor:\n\(bCommands.rawOutput)")
        #expect(province.broker.log.contains("as kiosk-a (p5"), "the impostor's client id was not replaced:\n\(province.broker.log)")
        withExtendedLifetime(impostorListening) {}
    }

    @Test func clientsWithoutTheRightCredentialsAreRefused() throws {
        let province = try ProvincialBroker()
        // No client certificate on the kiosks' listener.
        var noCert = try province.kiosk("kiosk-a")
        noCert.certFile = nil
        noCert.keyFile = nil
        #expect(try MQTTPublisher.publish("x", to: "kiosk/v1/hn-01/kiosk-a/health", via: noCert).status != 0)
        // A certificate from another CA.
        let stranger = try TestCertificates(clientCertificate: true)
        var otherCA = try province.kiosk("kiosk-a")
        otherCA.certFile = stranger.clientCertFile
        otherCA.keyFile = stranger.clientKeyFile
        #expect(try MQTTPublisher.publish("x", to: "kiosk/v1/hn-01/kiosk-a/health", via: otherCA).status != 0)
        // A consumer with a wrong password, and a kiosk that tries the consumers' listener without one.
        var wrong = province.consumer()
        wrong.password = "guess"
        #expect(try MQTTPublisher.publish("x", to: "kiosk/v1/hn-01/kiosk-a/health", via: wrong).status != 0)
        var kioskOnConsumerPort = try province.kiosk("kiosk-a")
        kioskOnConsumerPort.port = province.consumerPort
        #expect(try MQTTPublisher.publish("x", to: "kiosk/v1/hn-01/kiosk-a/health", via: kioskOnConsumerPort).status != 0)
    }

    /// The real kioskd, configured as the README says, works through the confined broker:
    /// presence, the Last Will, records and its command subscription all pass the ACL.
    @Test func kioskdWithItsCertificatePublishesThroughTheACL() throws {
        let province = try ProvincialBroker()
        let kiosk = try province.kiosk("kiosk-a")
        let dashboard = try MQTTSubscription(on: "kiosk/v1/#", from: province.consumer())
        let kioskd = try KioskdProcess(config: """
            [device]
            id = kiosk-a
            site = hn-01
            [mqtt]
            host = 127.0.0.1
            port = \(province.broker.port)
            tls = yes
            ca_file = \(province.certificates.caFile)
            cert_file = \(kiosk.certFile ?? "")
            key_file = \(kiosk.keyFile ?? "")
            reconnect_min = 100ms
            reconnect_max = 500ms
            will_delay = 1s

            """)
        try kioskd.start()
        try dashboard.waitForMessage { $0.topic == "kiosk/v1/hn-01/kiosk-a/status" && $0.text.contains(#""state":"online""#) }
        try dashboard.waitForMessage { $0.topic == "kiosk/v1/hn-01/kiosk-a/event" && $0.text.contains(#""kind":"boot""#) }
        #expect(waitUntil(timeout: 10) { (try? kioskd.status())?.broker.state == .connected })
        // The operators' view through the consumers' listener: TLS and a password from a file.
        let passwordFile = province.certificates.directory.appendingPathComponent("dashboard.pass").path
        _ = FileManager.default.createFile(
            atPath: passwordFile, contents: Data("dashboard-secret\n".utf8), attributes: [.posixPermissions: 0o600])
        let fleet = try runCommand(try Binaries.path("kioskctl"), [
            "fleet", "--broker", "mqtts://127.0.0.1:\(province.consumerPort)", "--ca", province.certificates.caFile,
            "--username", "province.dashboard", "--password-file", passwordFile, "--json", "--window", "500ms",
        ], timeout: 30)
        #expect(fleet.status == 0, "\(fleet.stdout)\(fleet.stderr)")
        #expect(fleet.stdout.contains(#""device" : "kiosk-a""#) && fleet.stdout.contains(#""presence" : "online""#), "\(fleet.stdout)")
        // The command reaches kioskd (it logs commands it does not act on yet).
        try MQTTPublisher.publish("{}", to: "kiosk/v1/hn-01/kiosk-a/cmd/identify", via: province.consumer("province.ops"))
        #expect(waitUntil(timeout: 10) { kioskd.log.contains("identify") }, "log:\n\(kioskd.log)")
        // A crash: the Will (its own status topic) passes the ACL too.
        try kioskd.stop(signal: SIGKILL)
        try dashboard.waitForMessage { $0.text.contains(#""reason":"connection-lost""#) }
        let records = dashboard.messages.filter { !$0.topic.contains("/cmd/") }
        let check = try RecordSchemaCheck.run(records, require: ["status", "event"])
        #expect(check.status == 0, "\(check.stdout)")
    }
}
