import Foundation
import KioskCore
@testable import KioskMQTT
import Testing
import TestSupport

/// MQTT 5 where the broker allows it, 3.1.1 where it does not.
@Suite struct ProtocolVersionTests {
    @Test func autoFallsBackTo311WhenTheBrokerRefusesMQTT5() throws {
        let legacy = try FakeBroker(.mqtt311Only)
        let harness = ClientHarness(port: legacy.port)
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(2)) }
        let status = try harness.waitUntilConnected()
        #expect(status.protocol == "3.1.1")
        #expect(legacy.observed.protocolLevels.prefix(2) == [5, 4])
        try expectEventually("online published") {
            legacy.observed.publishedTopics.contains(harness.settings.statusTopic)
        }
        #expect(legacy.observed.subscribed == [harness.settings.commandTopic])
    }

    @Test func forcedV5DoesNotFallBack() throws {
        let legacy = try FakeBroker(.mqtt311Only)
        let harness = ClientHarness(port: legacy.port) { $0.protocolVersion = .v5 }
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(1)) }
        let status = try harness.waitForStatus("refused") { $0.lastError != nil }
        #expect(status.lastError == "unsupported protocol version")
        #expect(!legacy.observed.protocolLevels.contains(4))
    }

    @Test func forced311AgainstMosquitto() throws {
        let broker = try MosquittoBroker()
        let harness = ClientHarness(port: broker.port) { $0.protocolVersion = .v311 }
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(3)) }
        let status = try harness.waitUntilConnected()
        #expect(status.protocol == "3.1.1")
        let messages = try MQTTSubscriber.collect(1, on: harness.settings.statusTopic, from: harness.subscriber)
        #expect(messages.first?.state == "online")
    }
}
