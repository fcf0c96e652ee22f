import Foundation
import KioskCore
@testable import KioskMQTT
import Testing
import TestSupport

/// Presence on `{prefix}/{site}/{device}/status` as a dashboard sees it, through a real broker.
@Suite struct PresenceTests {
    @Test func connectedClientLeavesRetainedOnline() throws {
        let broker = try MosquittoBroker()
        let harness = ClientHarness(port: broker.port)
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(3)) }

        let status = try harness.waitUntilConnected()
        #expect(status.protocol == "5")
        #expect(status.failedAttempts == 0)
        #expect(status.lastError == nil)

        // A subscriber arriving later gets it from the retained store.
        let messages = try MQTTSubscriber.collect(1, on: harness.settings.statusTopic, from: harness.subscriber)
        #expect(messages.first?.retained == true)
        #expect(messages.first?.state == "online")
        #expect(messages.first?.reason == nil)
    }

    @Test func cleanStopLeavesRetainedOfflineShutdownAndNoWill() throws {
        let broker = try MosquittoBroker()
        let harness = ClientHarness(port: broker.port)
        harness.client.start()
        try harness.waitUntilConnected()
        let watch = try MQTTSubscription(on: harness.settings.statusTopic, from: harness.subscriber)
        try watch.waitForMessage { $0.state == "online" }

        let began = Date()
        harness.client.stop(timeout: .seconds(3))
        let stopTook = Date().timeIntervalSince(began)
        #expect(harness.client.status.state == .stopped)
        #expect(stopTook < 1, "stop took \(stopTook) s against a local broker")

        let offline = try watch.waitForMessage { $0.state == "offline" }
        #expect(offline.reason == "shutdown")
        let retained = try MQTTSubscriber.collect(1, on: harness.settings.statusTopic, from: harness.subscriber)
        #expect(retained.first?.retained == true)
        #expect(retained.first?.reason == "shutdown")

        // DISCONNECT was normal: the Will (connection-lost) must never follow, even after its delay.
        Thread.sleep(forTimeInterval: 3)  // will delay (2 s) plus the broker's 1 s tick
        #expect(!watch.messages.contains { $0.reason == "connection-lost" }, "\(watch.messages)")
    }

    @Test func stopBeforeStartAndTwiceIsHarmless() throws {
        let harness = ClientHarness(port: FreePort.next())
        harness.client.stop(timeout: .seconds(1))
        harness.client.stop(timeout: .seconds(1))
        #expect(harness.client.status.state == .stopped)
        harness.client.start()  // a stopped client stays stopped
        #expect(harness.client.status.state == .stopped)
    }

    @Test func commandsArriveByNameAndRetainedOnesAreIgnored() throws {
        let broker = try MosquittoBroker()
        let harness = ClientHarness(port: broker.port)
        let commandBase = String(harness.settings.commandTopic.dropLast())  // without "+"
        // Left on the broker before the kiosk connects: must not be replayed to it.
        try publish("stale", on: commandBase + "report", port: broker.port, retain: true)
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(3)) }
        try harness.waitUntilConnected()
        // The subscription is made right after CONNACK; wait for it before publishing.
        try expectEventually("command subscription") { (try? publishAndSee(harness, commandBase)) == true }
        try publish("{\"seconds\":5}", on: commandBase + "identify", port: broker.port)
        try expectEventually("identify command") { harness.commands.contains { $0.payload == "{\"seconds\":5}" } }
        #expect(harness.commands.allSatisfy { $0.name == "identify" }, "\(harness.commands)")
        #expect(!harness.commands.contains { $0.name == "report" })
    }

    /// Publishes a probe command and says whether it arrived (the subscription is in place).
    private func publishAndSee(_ harness: ClientHarness, _ base: String) throws -> Bool {
        try publish("probe", on: base + "identify", port: harness.settings.port)
        let deadline = Date().addingTimeInterval(0.5)
        while Date() < deadline {
            if harness.commands.contains(where: { $0.payload == "probe" }) { return true }
            usleep(10_000)
        }
        return false
    }

    @Test func updateWithNewTopicMovesPresence() throws {
        let broker = try MosquittoBroker()
        let harness = ClientHarness(port: broker.port)
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(3)) }
        try harness.waitUntilConnected()

        var moved = ClientHarness.settings(port: broker.port, device: "kiosk-moved-\(UUID().uuidString.prefix(6).lowercased())")
        moved.reconnectMin = harness.settings.reconnectMin
        harness.client.update(settings: moved)
        try expectEventually("online on the new topic") {
            (try? MQTTSubscriber.collect(1, on: moved.statusTopic, from: harness.subscriber, timeout: 1))?
                .first?.state == "online"
        }
        let old = try MQTTSubscriber.collect(1, on: harness.settings.statusTopic, from: harness.subscriber)
        #expect(old.first?.state == "offline")
        #expect(old.first?.reason == "reconfigured")
        #expect(harness.client.status.state == .connected)
    }
}
