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

    /// RabbitMQ 3.10 closes the connection on an MQTT 5 CONNECT without any CONNACK.
    @Test func autoFallsBackWhenTheBrokerClosesTheConnectionOnMQTT5() throws {
        let legacy = try FakeBroker(.closesOnMQTT5)
        let harness = ClientHarness(port: legacy.port)
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(2)) }
        let status = try harness.waitUntilConnected()
        #expect(status.protocol == "3.1.1")
        #expect(legacy.observed.protocolLevels.prefix(2) == [5, 4])
    }

    @Test func autoFallsBackWhenTheCONNACKCannotBeParsed() throws {
        let legacy = try FakeBroker(.garbageConnackOnMQTT5)
        let harness = ClientHarness(port: legacy.port)
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(2)) }
        let status = try harness.waitUntilConnected()
        #expect(status.protocol == "3.1.1")
        #expect(legacy.observed.protocolLevels.prefix(2) == [5, 4])
    }

    /// Once a broker took 3.1.1, a reconnect to it goes straight to 3.1.1.
    @Test func theVersionIsRememberedForTheBroker() throws {
        let legacy = try FakeBroker(.closesOnMQTT5)
        let harness = ClientHarness(port: legacy.port)
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(2)) }
        _ = try harness.waitUntilConnected()
        legacy.dropClients()
        try expectEventually("reconnected") { legacy.observed.protocolLevels.count >= 3 && harness.client.status.state == .connected }
        #expect(legacy.observed.protocolLevels == [5, 4, 4])
        #expect(harness.client.status.protocol == "3.1.1")
    }

    /// A reload (even with the same settings) tries MQTT 5 again on the next connection.
    @Test func aReloadTriesMQTT5Again() throws {
        let legacy = try FakeBroker(.closesOnMQTT5)
        let harness = ClientHarness(port: legacy.port)
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(2)) }
        _ = try harness.waitUntilConnected()
        harness.client.update(settings: harness.settings)
        usleep(300_000)  // the network thread takes the request
        legacy.dropClients()
        try expectEventually("reconnected") { legacy.observed.protocolLevels.count >= 4 && harness.client.status.state == .connected }
        #expect(legacy.observed.protocolLevels == [5, 4, 5, 4])
    }

    /// A broker that closes every connection (overloaded, a proxy in the way) is not taken for a
    /// 3.1.1 broker: 3.1.1 closed too, so the next attempt is MQTT 5 again, and the status says
    /// what happened.
    @Test func aBrokerThatClosesEveryConnectionIsNotPinnedTo311() throws {
        let broken = try FakeBroker(.closesEverything)
        let harness = ClientHarness(port: broken.port)
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(2)) }
        try expectEventually("four attempts") { broken.observed.protocolLevels.count >= 4 }
        #expect(Array(broken.observed.protocolLevels.prefix(4)) == [5, 4, 5, 4])
        let status = try harness.waitForStatus("an error shown") { $0.lastError != nil }
        #expect(status.lastError?.contains("closed") == true, "\(String(describing: status.lastError))")
    }

    /// The memory's rules without a network: per broker, confirmed for a day, a reload forgets.
    @Test func protocolMemoryRules() {
        var memory = ProtocolMemory()
        let a = ProtocolMemory.key(host: "a", port: 1883), b = ProtocolMemory.key(host: "b", port: 1883)
        #expect(memory.version(for: a, nowMs: 0) == .v5)
        memory.mqtt5Refused(by: a)
        #expect(memory.version(for: a, nowMs: 0) == .v311)
        #expect(memory.version(for: b, nowMs: 0) == .v5, "per broker")
        memory.mqtt311Failed(at: a)
        #expect(memory.version(for: a, nowMs: 0) == .v5, "3.1.1 failed alike: not the version")
        memory.mqtt5Refused(by: a)
        memory.connected(to: a, with: .v311, nowMs: 1_000)
        memory.mqtt311Failed(at: a)
        #expect(memory.version(for: a, nowMs: 1_000 + ProtocolMemory.mqtt5RetryMs - 1) == .v311, "confirmed")
        #expect(memory.version(for: a, nowMs: 1_000 + ProtocolMemory.mqtt5RetryMs) == .v5, "a day later")
        memory.forget()
        #expect(memory.version(for: a, nowMs: 2_000) == .v5, "a reload")
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
