import Foundation
import KioskCore
@_spi(Testing) @testable import KioskMQTT
import Synchronization
import TestSupport

/// A `BrokerClient` wired for one test: its own client id and topics, presence payloads as the
/// daemon makes them (`PresenceData` JSON), commands recorded, and waits with deadlines.
final class ClientHarness: Sendable {
    struct Command: Equatable, Sendable {
        var name: String
        var payload: String
    }

    /// The commands the client handed on, in order.
    final class CommandLog: Sendable {
        let items = Mutex<[Command]>([])
    }

    let settings: BrokerSettings
    let client: BrokerClient
    private let received = CommandLog()

    /// Fast settings for tests: quick reconnects, a short will delay and CONNACK deadline.
    static func settings(port: UInt16, device: String = "kiosk-\(UUID().uuidString.prefix(8).lowercased())") -> BrokerSettings {
        BrokerSettings(
            host: "127.0.0.1", port: port, keepalive: .seconds(5), clientID: device,
            willDelay: .seconds(2), reconnectMin: .milliseconds(100), reconnectMax: .milliseconds(400),
            statusTopic: "kiosk/v1/test-site/\(device)/status",
            commandTopic: "kiosk/v1/test-site/\(device)/cmd/+", connectTimeout: .seconds(3))
    }

    /// - Parameter feed: records to publish; nil for a client that only keeps presence.
    init(settings: BrokerSettings, feed: (any RecordFeed)? = nil) {
        self.settings = settings
        let received = self.received
        client = BrokerClient(
            settings: settings, presence: ClientHarness.presence,
            onCommand: { name, payload in
                let command = Command(name: name, payload: String(decoding: payload, as: UTF8.self))
                received.items.withLock { $0.append(command) }
            },
            log: Logger("mqtt-test"), feed: feed)
    }

    convenience init(
        port: UInt16, feed: (any RecordFeed)? = nil, _ configure: (inout BrokerSettings) -> Void = { _ in }
    ) {
        var settings = ClientHarness.settings(port: port)
        configure(&settings)
        self.init(settings: settings, feed: feed)
    }

    /// `{prefix}/{site}/{device}/`: where this kiosk's records and status go.
    var deviceTopicBase: String { String(settings.statusTopic.dropLast("status".count)) }

    /// The daemon's presence payload, without the envelope: enough to read state and reason.
    @Sendable static func presence(_ state: PresenceData.State, _ reason: String?) -> [UInt8] {
        let data = PresenceData(state: state, reason: reason, version: "test", boot: "boot", started: "start")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Array((try? encoder.encode(data)) ?? Data())
    }

    var commands: [Command] { received.items.withLock { $0 } }

    var subscriber: SubscriberConnection { SubscriberConnection(port: settings.port) }

    /// Polls `status` until `predicate` holds; throws with the last status after `timeout`.
    @discardableResult
    func waitForStatus(
        timeout: TimeInterval = 10, _ what: String, _ predicate: (BrokerStatus) -> Bool
    ) throws -> BrokerStatus {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let status = client.status
            if predicate(status) { return status }
            if Date() > deadline {
                throw TestFailure("status never became \(what) within \(timeout) s; last: \(status)")
            }
            usleep(10_000)
        }
    }

    @discardableResult
    func waitUntilConnected(timeout: TimeInterval = 10) throws -> BrokerStatus {
        try waitForStatus(timeout: timeout, "connected") { $0.state == .connected }
    }
}

extension ReceivedMessage {
    var state: String? { jsonObject?["state"] as? String }
    var reason: String? { jsonObject?["reason"] as? String }
    /// The `seq` of a record's payload (the envelope's, or the fake feed's).
    var seq: UInt64? { (jsonObject?["seq"] as? NSNumber)?.uint64Value }
}

extension ClientHarness {
    /// A real `mosquitto_sub` on everything under this kiosk's topics, in place before the
    /// client publishes anything. `MQTTSubscription` notices its SUBACK only when mosquitto_sub
    /// flushes its output, which it does on printing a message; so a retained marker is left
    /// under the filter first (`…/marker`, left out by `kioskMessages`).
    func subscribeToEverything() throws -> MQTTSubscription {
        try publish("marker", on: deviceTopicBase + "marker", port: settings.port, retain: true)
        return try MQTTSubscription(on: deviceTopicBase + "#", from: subscriber)
    }

    /// What the kiosk itself published, seen by `subscription`, in the order received.
    func kioskMessages(_ subscription: MQTTSubscription) -> [ReceivedMessage] {
        subscription.messages.filter { $0.topic != deviceTopicBase + "marker" }
    }
}

/// The seqs in the order first seen, duplicates (at-least-once resends) left out.
func firstOccurrences(_ seqs: [UInt64]) -> [UInt64] {
    var seen = Set<UInt64>()
    return seqs.filter { seen.insert($0).inserted }
}

/// Publishes with the real `mosquitto_pub`, as an operator at the provincial broker would.
func publish(_ message: String, on topic: String, port: UInt16, retain: Bool = false) throws {
    let tool = try MosquittoBroker.executable("mosquitto_pub", package: "mosquitto-clients")
    var arguments = ["-h", "127.0.0.1", "-p", String(port), "-V", "mqttv5", "-q", "1", "-t", topic, "-m", message]
    if retain { arguments.append("-r") }
    let result = try runCommand(tool, arguments, timeout: 10)
    guard result.status == 0 else { throw TestFailure("mosquitto_pub failed: \(result.stderr)") }
}

/// Waits, polling, until `condition` holds; throws naming `what` after `timeout`.
func expectEventually(timeout: TimeInterval = 10, _ what: String, _ condition: () -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while !condition() {
        if Date() > deadline { throw TestFailure("\(what) did not happen within \(timeout) s") }
        usleep(10_000)
    }
}
