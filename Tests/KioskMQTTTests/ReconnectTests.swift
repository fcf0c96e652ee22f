import Foundation
import KioskCore
@testable import KioskMQTT
import Testing
import TestSupport

/// A broker that is down, goes away or never answers: normal in a village, never fatal.
@Suite struct ReconnectTests {
    @Test func brokerDownAtStartThenStarted() throws {
        let port = FreePort.next()
        let harness = ClientHarness(port: port)
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(3)) }

        let down = try harness.waitForStatus("disconnected with an error") {
            $0.state == .disconnected && $0.lastError != nil
        }
        #expect(down.lastError == "connection refused")
        #expect(down.lastErrorAt != nil)
        #expect(down.failedAttempts >= 1)
        #expect(down.nextAttemptMs != nil)
        #expect((down.nextAttemptMs ?? .max) <= 400)

        let broker = try MosquittoBroker(port: port)
        let up = try harness.waitUntilConnected()
        #expect(up.failedAttempts == 0)
        #expect(up.nextAttemptMs == nil)
        let messages = try MQTTSubscriber.collect(1, on: harness.settings.statusTopic, from: harness.subscriber)
        #expect(messages.first?.state == "online")
        _ = broker
    }

    @Test func brokerRestartedThenClientReconnectsAndRepublishes() throws {
        let broker = try MosquittoBroker()
        let harness = ClientHarness(port: broker.port)
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(3)) }
        try harness.waitUntilConnected()

        try broker.stop()
        let lost = try harness.waitForStatus("no longer connected") { $0.state != .connected }
        #expect(lost.state == .disconnected || lost.state == .connecting)
        try harness.waitForStatus("a recorded error") { $0.lastError != nil }

        try broker.start()  // same port; persistence off, so the retained store starts empty
        try harness.waitUntilConnected()
        let messages = try MQTTSubscriber.collect(1, on: harness.settings.statusTopic, from: harness.subscriber)
        #expect(messages.first?.retained == true)
        #expect(messages.first?.state == "online")
    }

    @Test func hungBrokerIsNoticedThroughKeepaliveAndTheFlapShowsNoWill() throws {
        let broker = try MosquittoBroker()
        let harness = ClientHarness(port: broker.port)  // keepalive 5 s, will delay 2 s
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(3)) }
        try harness.waitUntilConnected()

        let hung = Date()
        broker.pause()
        let lost = try harness.waitForStatus(timeout: 20, "disconnected") { $0.state != .connected }
        let noticedAfter = Date().timeIntervalSince(hung)
        #expect(lost.lastError == "broker stopped answering (keepalive timeout)")
        // libmosquitto sends PINGREQ after one quiet keepalive and gives up one keepalive later,
        // checking once a second: 10 s measured for a 5 s keepalive.
        #expect(noticedAfter >= 4 && noticedAfter <= 14, "noticed after \(noticedAfter) s")

        broker.resume()
        try harness.waitUntilConnected()
        let watch = try MQTTSubscription(on: harness.settings.statusTopic, from: harness.subscriber)
        try watch.waitForMessage { $0.state == "online" }
        Thread.sleep(forTimeInterval: 3)  // past the will delay of the connection it replaced
        #expect(!watch.messages.contains { $0.state == "offline" }, "\(watch.messages)")
    }

    @Test func silentBrokerFailsWithConnackTimeout() throws {
        let silent = try FakeBroker(.silent)
        let harness = ClientHarness(port: silent.port) { $0.connectTimeout = .seconds(1) }
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(1)) }
        let status = try harness.waitForStatus("failed") { $0.lastError != nil }
        #expect(status.lastError == "timed out waiting for CONNACK")
        #expect(status.state == .disconnected)
    }

    @Test func unknownHostSaysHostNotFound() throws {
        let harness = ClientHarness(port: 1883) { $0.host = "no-such-broker.invalid" }
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(1)) }
        let status = try harness.waitForStatus(timeout: 30, "failed") { $0.lastError != nil }
        #expect(status.lastError?.hasPrefix("host not found") == true, "\(status)")
    }

    @Test func stopIsPromptWhileWaitingToReconnect() throws {
        let harness = ClientHarness(port: FreePort.next()) {
            $0.reconnectMin = .seconds(30)
            $0.reconnectMax = .seconds(60)
        }
        harness.client.start()
        try harness.waitForStatus("waiting") { $0.state == .disconnected && $0.nextAttemptMs != nil }
        let began = Date()
        harness.client.stop(timeout: .seconds(3))
        #expect(Date().timeIntervalSince(began) < 0.5)
        #expect(harness.client.status.state == .stopped)
    }
}
