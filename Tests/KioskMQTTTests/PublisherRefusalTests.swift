import Foundation
import KioskCore
@testable import KioskMQTT
import Testing
import TestSupport

/// A record that will never be accepted is set aside and counted; the records after it go on.
@Suite struct PublisherRefusalTests {
    /// mosquitto 2.0 answers a QoS 1 publish its ACL denies, under MQTT 5, with PUBACK reason
    /// 0x87 "not authorized" (under 3.1.1 it acknowledges and drops it: nothing to notice).
    @Test func recordDeniedByTheBrokerIsSetAsideAndTheQueueGoesOn() throws {
        let settings = ClientHarness.settings(port: FreePort.next())
        let base = String(settings.statusTopic.dropLast("status".count))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("acl-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let aclFile = folder.appendingPathComponent("acl").path
        try "topic readwrite #\ntopic deny \(base)denied\n".write(toFile: aclFile, atomically: true, encoding: .utf8)
        let broker = try MosquittoBroker(port: settings.port, options: MosquittoBroker.Options(extraConfig: ["acl_file \(aclFile)"]))

        let feed = FakeRecordFeed(topicBase: base, window: settings.publishWindow)
        feed.append(9)
        feed.append(1, type: "denied")  // seq 10
        feed.append(20)
        let harness = ClientHarness(settings: settings, feed: feed)
        let watch = try harness.subscribeToEverything()
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(3)) }

        try expectEventually("all 30 settled") { feed.acknowledgedSeq == 30 }
        #expect(feed.rejections == [FakeRecordFeed.Rejection(seq: 10, reasonCode: 0x87, reason: "not authorized")])
        let status = harness.client.status
        #expect(status.rejected == 1)
        #expect(status.published == 29)
        #expect(status.lastRejection == "seq 10 on \(base)denied: not authorized")

        try expectEventually("the subscriber saw the 29 accepted records") {
            harness.kioskMessages(watch).compactMap(\.seq).count >= 29
        }
        let seen = harness.kioskMessages(watch).filter { $0.topic != settings.statusTopic }.compactMap(\.seq)
        #expect(seen == Array(1...9) + Array(11...30))
        #expect(feed.violations == [])
        _ = broker
    }

    /// A record larger than the Maximum Packet Size the broker announces is refused by
    /// libmosquitto before it is sent (it would be refused on every connection): set aside with
    /// the broker's reason for it, 0x95 "packet too large", and the queue goes on.
    @Test func recordTooLargeForTheBrokerIsSetAsideUnsent() throws {
        let broker = try MosquittoBroker(options: MosquittoBroker.Options(extraConfig: ["max_packet_size 2000"]))
        let settings = ClientHarness.settings(port: broker.port)
        let base = String(settings.statusTopic.dropLast("status".count))
        let feed = FakeRecordFeed(topicBase: base, window: settings.publishWindow)
        feed.append(4)
        feed.append(1, padding: 5000)  // seq 5
        feed.append(5)
        let harness = ClientHarness(settings: settings, feed: feed)
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(3)) }

        try expectEventually("all 10 settled") { feed.acknowledgedSeq == 10 }
        #expect(feed.rejections.map(\.seq) == [5])
        #expect(feed.rejections.first?.reasonCode == 0x95)
        #expect(feed.rejections.first?.reason.hasPrefix("packet too large") == true, "\(feed.rejections)")
        let status = harness.client.status
        #expect(status.rejected == 1)
        #expect(status.published == 9)
        #expect(status.state == .connected, "the broker never saw the record, so never dropped the connection")
        #expect(status.failedAttempts == 0)
    }
}
