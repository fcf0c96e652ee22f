import Foundation
import KioskCore
@testable import KioskMQTT
import Testing
import TestSupport

/// User name and password against a broker with a password file (`allow_anonymous false`).
@Suite struct AuthenticationTests {
    @Test func rightPasswordConnects() throws {
        let broker = try MosquittoBroker(options: .init(users: ["kiosk": "s3cret pass"]))
        let harness = ClientHarness(port: broker.port) {
            $0.username = "kiosk"
            $0.password = "s3cret pass"
        }
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(3)) }
        try harness.waitUntilConnected()
        let messages = try MQTTSubscriber.collect(
            1, on: harness.settings.statusTopic,
            from: SubscriberConnection(broker, username: "kiosk", password: "s3cret pass"))
        #expect(messages.first?.state == "online")
    }

    @Test(arguments: [Config.ProtocolVersion.v5, .v311])
    func wrongPasswordIsNotAuthorized(version: Config.ProtocolVersion) throws {
        let broker = try MosquittoBroker(options: .init(users: ["kiosk": "s3cret"]))
        let harness = ClientHarness(port: broker.port) {
            $0.username = "kiosk"
            $0.password = "wrong"
            $0.protocolVersion = version
        }
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(1)) }
        let status = try harness.waitForStatus("refused") { $0.lastError != nil }
        #expect(status.lastError == "not authorized")
        #expect(status.state != .connected)
    }
}
