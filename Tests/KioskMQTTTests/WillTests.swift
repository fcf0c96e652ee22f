import Foundation
import KioskCore
@_spi(Testing) @testable import KioskMQTT
import Testing
import TestSupport

/// The Last Will, produced by a real broker: `offline`/`connection-lost` after the will delay
/// when the kiosk vanishes, and nothing when it is back within the delay.
@Suite struct WillTests {
    @Test func vanishedClientGetsOfflineConnectionLostAfterTheDelay() throws {
        let broker = try MosquittoBroker()
        let harness = ClientHarness(port: broker.port)  // will delay 2 s
        harness.client.start()
        try harness.waitUntilConnected()
        let watch = try MQTTSubscription(on: harness.settings.statusTopic, from: harness.subscriber)
        try watch.waitForMessage { $0.state == "online" }

        let vanished = Date()
        harness.client.simulateCrash()
        let will = try watch.waitForMessage(timeout: 10) { $0.state == "offline" }
        let after = Date().timeIntervalSince(vanished)
        #expect(will.reason == "connection-lost")
        // mosquitto checks will delays once a second: expect 2 s, give or take that tick.
        #expect(after >= 1.5, "the Will came \(after) s after the crash, before its 2 s delay")
        #expect(after < 5, "the Will came \(after) s after the crash")

        let retained = try MQTTSubscriber.collect(1, on: harness.settings.statusTopic, from: harness.subscriber)
        #expect(retained.first?.retained == true)
        #expect(retained.first?.reason == "connection-lost")
    }

    @Test func reconnectWithinTheDelaySuppressesTheWill() throws {
        let broker = try MosquittoBroker()
        let settings = ClientHarness.settings(port: broker.port)
        let first = ClientHarness(settings: settings)
        first.client.start()
        try first.waitUntilConnected()
        let watch = try MQTTSubscription(on: settings.statusTopic, from: first.subscriber)
        try watch.waitForMessage { $0.state == "online" }

        // The kiosk drops off and the same kiosk (same client id) is back at once: a flap.
        first.client.simulateCrash()
        let second = ClientHarness(settings: settings)
        second.client.start()
        defer { second.client.stop(timeout: .seconds(3)) }
        try second.waitUntilConnected()

        Thread.sleep(forTimeInterval: 3.5)  // past the will delay and the broker's tick
        #expect(!watch.messages.contains { $0.state == "offline" }, "\(watch.messages)")
        #expect(watch.messages.filter { $0.state == "online" }.count >= 2)
    }
}
