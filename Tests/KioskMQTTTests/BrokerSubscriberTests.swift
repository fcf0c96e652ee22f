import Foundation
import KioskCore
import KioskMQTT
import Synchronization
import Testing
import TestSupport

/// The consumer's client against a real mosquitto: retained and live messages, resubscribing
/// after the broker comes back, refusals in words.
@Suite struct BrokerSubscriberTests {
    final class Inbox: Sendable {
        let messages = Mutex<[BrokerSubscriber.Message]>([])
        var texts: [String] { messages.withLock { $0.map { String(decoding: $0.payload, as: UTF8.self) } } }
    }

    static func subscriber(_ broker: MosquittoBroker, _ inbox: Inbox, username: String? = nil, password: String? = nil) throws -> BrokerSubscriber {
        let settings = SubscriberSettings(
            port: broker.port, username: username, password: password, clientID: "test-consumer-\(UUID().uuidString.prefix(6))",
            filters: ["kiosk/v1/#"], cleanStart: false, sessionExpiry: .seconds(300), reconnectMin: .milliseconds(100),
            reconnectMax: .milliseconds(300))
        return try BrokerSubscriber(settings: settings) { message in inbox.messages.withLock { $0.append(message) } }
    }

    @Test func retainedAndLiveMessagesArriveInOrderAndAgainAfterTheBrokerReturns() throws {
        let broker = try MosquittoBroker()
        let connection = SubscriberConnection(broker)
        try MQTTPublisher.publish("presence", to: "kiosk/v1/hn-01/kiosk-a/status", via: connection, retain: true)
        let inbox = Inbox()
        let subscriber = try Self.subscriber(broker, inbox)
        try subscriber.start()
        defer { subscriber.stop() }
        #expect(subscriber.waitUntilSubscribed(timeout: .seconds(10)))
        for n in 1...5 { try MQTTPublisher.publish("r\(n)", to: "kiosk/v1/hn-01/kiosk-a/event", via: connection) }
        #expect(waitUntil(timeout: 10) { inbox.texts.count == 6 }, "\(inbox.texts)")
        #expect(inbox.texts == ["presence", "r1", "r2", "r3", "r4", "r5"])
        #expect(inbox.messages.withLock { $0.first?.retained } == true)
        #expect(subscriber.delivered == 6)

        try broker.restart()
        #expect(waitUntil(timeout: 10) { subscriber.state != .subscribed }, "the subscriber noticed the broker left")
        #expect(subscriber.waitUntilSubscribed(timeout: .seconds(10)), "\(subscriber.state)")
        // Subscribed again (persistence is off in the test broker: the session is new).
        #expect(waitUntil(timeout: 10) {
            (try? MQTTPublisher.publish("after", to: "kiosk/v1/hn-01/kiosk-a/event", via: connection)) != nil
                && inbox.texts.last == "after"
        }, "\(inbox.texts)")
    }

    @Test func aRefusalIsSaidInWordsAndRetried() throws {
        let broker = try MosquittoBroker(options: .init(users: ["province.dashboard": "right"]))
        let inbox = Inbox()
        let subscriber = try Self.subscriber(broker, inbox, username: "province.dashboard", password: "wrong")
        try subscriber.start()
        defer { subscriber.stop() }
        #expect(!subscriber.waitUntilSubscribed(timeout: .seconds(2)))
        #expect(subscriber.state == .disconnected("not authorized"), "\(subscriber.state)")
    }

    @Test func stopEndsTheThreadPromptlyEvenWhileRetrying() throws {
        let closed = FreePort.next()
        let settings = SubscriberSettings(port: closed, clientID: "test-consumer-stop", filters: ["kiosk/v1/#"], reconnectMin: .seconds(30), reconnectMax: .seconds(60))
        let subscriber = try BrokerSubscriber(settings: settings) { _ in }
        try subscriber.start()
        #expect(waitUntil(timeout: 5) { subscriber.state == .disconnected("connection refused") }, "\(subscriber.state)")
        let began = Date()
        subscriber.stop()
        #expect(Date().timeIntervalSince(began) < 1.5)
        #expect(subscriber.state == .stopped)
    }
}
