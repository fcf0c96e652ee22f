import Foundation
import KioskCore
@testable import KioskMQTT
import Testing
import TestSupport

/// A record the broker refuses is kept and retried (a refusal is a configuration or quota
/// matter a technician fixes); only a record that can never be sent is set aside.
@Suite struct PublisherRefusalTests {
    /// mosquitto 2.0 answers a QoS 1 publish its ACL denies, under MQTT 5, with PUBACK reason
    /// 0x87 "not authorized" (under 3.1.1 it acknowledges and drops it: nothing to notice).
    /// The record and everything after it stay queued, the status says so, and once the ACL
    /// allows the topic (SIGHUP) every record arrives, in seq order, none missing.
    @Test func recordDeniedByTheBrokerIsKeptAndDeliveredOnceAllowed() throws {
        let settings = ClientHarness.settings(port: FreePort.next())
        let base = String(settings.statusTopic.dropLast("status".count))
        let broker = try MosquittoBroker(
            port: settings.port,
            options: MosquittoBroker.Options(acl: "topic readwrite #\ntopic deny \(base)denied\n"))

        let feed = FakeRecordFeed(topicBase: base, window: settings.publishWindow)
        feed.append(9)
        feed.append(1, type: "denied")  // seq 10
        feed.append(20)
        let harness = ClientHarness(settings: settings, feed: feed)
        let watch = try harness.subscribeToEverything()
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(3)) }

        let held = try harness.waitForStatus("the refusal shown") { ($0.refused?.count ?? 0) >= 3 }
        #expect(feed.rejections == [], "nothing set aside: \(feed.rejections)")
        #expect(feed.acknowledgedSeq == 9, "the queue waits at the refused record")
        #expect(held.refused?.reasonCode == 0x87)
        #expect(held.refused?.reason == "not authorized")
        #expect(held.refused?.seq == 10)
        #expect(held.refused?.topic == "\(base)denied")
        #expect(held.rejected == 0)
        #expect(held.state == .connected)

        try broker.setACL("topic readwrite #\n")
        try expectEventually(timeout: 20, "all 30 acknowledged once allowed") { feed.acknowledgedSeq == 30 }
        let after = harness.client.status
        #expect(after.refused == nil)
        #expect(after.rejected == 0)
        #expect(feed.rejections == [])
        try expectEventually("the subscriber saw all 30") {
            Set(harness.kioskMessages(watch).filter { $0.topic != settings.statusTopic }.compactMap(\.seq)).count == 30
        }
        // None missing. The records sent behind seq 10 in the same window were taken before the
        // broker's refusal of 10 arrived (its ACL denies one topic only); once allowed, 10 and
        // everything after it arrive again, in seq order (at least once, same seqs).
        let seen = harness.kioskMessages(watch).filter { $0.topic != settings.statusTopic }.compactMap(\.seq)
        #expect(Set(seen) == Set(1...30))
        #expect(Array(seen.prefix(9)) == Array(1...9))
        #expect(firstOccurrences(Array(seen.drop { $0 != 10 })) == Array(10...30), "\(seen)")
        #expect(feed.violations == [])
    }

    /// 0x97 "quota exceeded" (no mosquitto answers it; a fake MQTT 5 broker does): the records
    /// stay queued, only the refused one is offered again, one PUBACK per backoff, and once the
    /// quota allows, all arrive in seq order.
    @Test func quotaExceededKeepsTheRecordsAndOffersOneAtATime() throws {
        let broker = try FakeBroker(.mqtt5)
        broker.answerPublishes(with: 0x97)
        let settings = ClientHarness.settings(port: broker.port)
        let base = String(settings.statusTopic.dropLast("status".count))
        let feed = FakeRecordFeed(topicBase: base, window: settings.publishWindow)
        feed.append(50)
        let harness = ClientHarness(settings: settings, feed: feed)
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(2)) }

        let first = try harness.waitForStatus("the refusal shown") { ($0.refused?.count ?? 0) >= 50 }
        #expect(first.refused?.reason == "quota exceeded")
        #expect(first.refused?.reasonCode == 0x97)
        #expect(first.refused?.seq == 1)
        let before = broker.observed.publishedTopics.filter { $0 != settings.statusTopic }.count
        let later = try harness.waitForStatus("offered again three times") { ($0.refused?.count ?? 0) >= 53 }
        let offered = broker.observed.publishedTopics.filter { $0 != settings.statusTopic }.count - before
        #expect(offered <= Int((later.refused?.count ?? 0) - (first.refused?.count ?? 0)) + 1,
                "one record per offer while refused, not a window: \(offered) publishes")
        #expect(feed.acknowledgedSeq == 0)
        #expect(feed.rejections == [])
        #expect(later.rejected == 0)

        broker.answerPublishes(with: 0)
        try expectEventually("all 50 acknowledged") { feed.acknowledgedSeq == 50 }
        #expect(harness.client.status.refused == nil)
        #expect(feed.violations == [])
    }

    /// Only a record that can never be sent is set aside; every other refusal keeps it.
    @Test(arguments: [0x80, 0x83, 0x87, 0x91, 0x97, 0x99, 0x9F] as [Int32])
    func refusalsThatMayPassKeepTheRecord(code: Int32) throws {
        let refusal = try #require(RecordRefusal(pubackReasonCode: code))
        #expect(!refusal.canNeverBeSent, "0x\(String(code, radix: 16)) \(refusal.reason)")
    }

    @Test func packetTooLargeAndInvalidTopicCanNeverBeSent() throws {
        #expect(try #require(RecordRefusal(pubackReasonCode: 0x95)).canNeverBeSent)
        #expect(try #require(RecordRefusal(pubackReasonCode: 0x90)).canNeverBeSent)
        #expect(RecordRefusal(pubackReasonCode: 0x10) == nil, "no matching subscribers is a success")
        #expect(RecordRefusal(pubackReasonCode: 0x00) == nil)
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
