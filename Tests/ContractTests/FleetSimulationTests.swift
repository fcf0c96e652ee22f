import Foundation
import KioskCore
import Testing
import TestSupport

/// The short fleet run: 50 simulated kiosks (each with kioskd's RecordStore, StoreFeed and
/// BrokerClient) for 20 s against one real mosquitto, with forced disconnects every few
/// seconds; nothing may be lost, and an independent consumer (mosquitto_sub) agrees.
@Suite struct FleetSimulationTests {
    struct Report: Decodable {
        var kiosks: Int
        var recordsMade: UInt64
        var recordsDelivered: Int
        var missing: Int
        var outOfOrder: Int
        var duplicates: Int
        var forcedDisconnects: Int
        var linkDowns: Int
        var crashes: Int
        var incompleteKiosks: [String]
        var brokerPublishReceivedPerSecond: Double?
        var brokerRssPerKioskKiB: Double?
        var zeroLoss: Bool
    }

    @Test func fiftyKiosksWithForcedDisconnectsLoseNothing() throws {
        let broker = try MosquittoBroker(options: .init(extraConfig: ["sys_interval 1", "max_queued_messages 100000"]))
        let independent = try MQTTSubscription(on: "kiosk/v1/#", from: SubscriberConnection(broker))
        let pid = try #require(try runCommand("/usr/bin/pgrep", ["-f", broker.configFile]).stdout.split(separator: "\n").first)
        let result = try runCommand(try Binaries.path("kiosk-fleet-sim"), [
            "--broker", "127.0.0.1:\(broker.port)", "--kiosks", "50", "--duration", "20s", "--health-interval", "1s",
            "--session-interval", "3s", "--outage-interval", "6s", "--outage-length", "2s", "--will-delay", "1s",
            "--broker-pid", String(pid), "--json",
        ], timeout: 180)
        let report = try JSON.decoder().decode(Report.self, from: Data(result.stdout.utf8))
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(report.zeroLoss, "\(report)")
        #expect(report.kiosks == 50)
        #expect(report.recordsMade > 1000, "every kiosk records about one health sample a second: \(report)")
        #expect(UInt64(report.recordsDelivered) == report.recordsMade)
        #expect(report.missing == 0 && report.outOfOrder == 0, "\(report.incompleteKiosks)")
        #expect(report.linkDowns > 10 && report.crashes > 10, "forced disconnects of both kinds: \(report)")
        #expect((report.brokerPublishReceivedPerSecond ?? 0) > 0)
        #expect(report.brokerRssPerKioskKiB != nil)

        // mosquitto_sub, subscribed before the first kiosk started, saw the same records.
        let messages = independent.messages
        var distinct = Set<String>()
        var records: [ReceivedMessage] = []
        for message in messages where !message.topic.hasSuffix("/status") {
            guard let object = message.jsonObject, let device = object["device"] as? String, let seq = object["seq"] as? Int else {
                Issue.record("not a record: \(message)")
                continue
            }
            if distinct.insert("\(device)#\(seq)").inserted { records.append(message) }
        }
        #expect(UInt64(distinct.count) == report.recordsMade, "mosquitto_sub: \(distinct.count) distinct records")
        // And what the simulated kiosks sent is kiosk.v1, session records included.
        let check = try RecordSchemaCheck.run(
            records + messages.filter { $0.topic.hasSuffix("/status") }, require: ["status", "health", "session", "outage", "event"])
        #expect(check.status == 0, "\(check.stdout)")
    }

    /// The check can fail: a broker that keeps one message in flight and one queued per client
    /// drops what the consumer cannot take at once (QoS 1 accepted from the kiosks, then lost).
    @Test func theConsumerCheckSeesRecordsTheBrokerDropped() throws {
        let broker = try MosquittoBroker(options: .init(extraConfig: ["max_inflight_messages 1", "max_queued_messages 1"]))
        let result = try runCommand(try Binaries.path("kiosk-fleet-sim"), [
            "--broker", "127.0.0.1:\(broker.port)", "--kiosks", "20", "--duration", "5s", "--health-interval", "100ms",
            "--outage-interval", "0s", "--start-spread", "100ms", "--drain-timeout", "5s", "--json",
        ], timeout: 120)
        let report = try JSON.decoder().decode(Report.self, from: Data(result.stdout.utf8))
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(!report.zeroLoss)
        #expect(report.missing > 0)
        #expect(UInt64(report.recordsDelivered) + UInt64(report.missing) == report.recordsMade, "\(report)")
        #expect(!report.incompleteKiosks.isEmpty)
    }
}
