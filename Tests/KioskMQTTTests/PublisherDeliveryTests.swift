import Foundation
import KioskCore
@testable import KioskMQTT
import KioskOutbox
import Testing
import TestSupport

/// Records reach a real subscriber through a real mosquitto: after the status, in seq order,
/// and across a broker that goes away while records keep coming.
@Suite struct PublisherDeliveryTests {
    @Test func recordsFollowTheStatusInSeqOrderExactlyOnce() throws {
        let broker = try MosquittoBroker()
        let settings = ClientHarness.settings(port: broker.port)
        let base = String(settings.statusTopic.dropLast("status".count))
        let feed = FakeRecordFeed(topicBase: base, window: settings.publishWindow)
        feed.append(500)
        let harness = ClientHarness(settings: settings, feed: feed)
        let watch = try harness.subscribeToEverything()
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(3)) }

        try expectEventually("500 records acknowledged") { feed.acknowledgedSeq == 500 }
        // Records that become available later go out at once: recordsAvailable() wakes the
        // network thread, which otherwise sleeps up to a second in poll(2).
        feed.append(10)
        let appended = Date()
        harness.client.recordsAvailable()
        try expectEventually("510 records acknowledged") { feed.acknowledgedSeq == 510 }
        let took = Date().timeIntervalSince(appended)
        #expect(took < 0.5, "records appended later waited \(took) s")

        try expectEventually("the subscriber saw the status and 510 records") {
            harness.kioskMessages(watch).count >= 511
        }
        let messages = harness.kioskMessages(watch)
        #expect(messages.first?.topic == settings.statusTopic)
        #expect(messages.first?.state == "online")
        let records = messages.dropFirst()
        #expect(records.compactMap(\.seq) == Array(1...510), "in seq order, each exactly once")
        #expect(records.allSatisfy { $0.topic == base + "health" && !$0.retained })

        let status = harness.client.status
        #expect(status.publishWindow == 100)
        #expect(status.published == 510)
        #expect(status.inFlight == 0)
        #expect(status.resent == 0)
        #expect(status.rejected == 0)
        #expect(status.lastAckAt != nil)
        #expect(feed.violations == [])
    }

    /// The kiosk's real store as the feed; the broker is stopped with records in flight, more
    /// records are appended (and made durable) while it is down, and it comes back: a consumer
    /// with a persistent session gets every record, in seq order, without a gap.
    @Test func brokerStoppedWhileRecordsAreAppendedThenEverythingArrives() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("publisher-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let persistence = folder.appendingPathComponent("broker")
        try FileManager.default.createDirectory(at: persistence, withIntermediateDirectories: true)

        let broker = try MosquittoBroker(options: .persistent(in: persistence))
        var settings = ClientHarness.settings(port: broker.port)
        settings.publishWindow = 20
        settings.keepalive = .seconds(30)  // the broker is paused for a moment below
        let store = try openStore(directory: folder.appendingPathComponent("store").path, limits: StoreLimits(maxSize: 16 * 1024 * 1024))
        let device = settings.clientID
        // kioskd's own feed over the real store (KioskOutbox), named as the consumer expects.
        var config = Config.defaults(for: HostEnvironment.current)
        config.device.id = device
        config.device.site = "test-site"
        let feed = StoreFeed(config: config)
        feed.attach(store)
        let consumer = try DurableSubscriber(on: "kiosk/v1/test-site/\(device)/#", from: SubscriberConnection(port: broker.port))
        let harness = ClientHarness(settings: settings, feed: feed)
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(3)) }
        try harness.waitUntilConnected()

        func appendDurably(_ count: Int) throws {
            for n in 0..<count {
                try store.append(NewRecord(type: n % 3 == 0 ? "event" : "health", data: Array(#"{"n":\#(n)}"#.utf8)))
            }
            try store.sync()
            harness.client.recordsAvailable()
        }

        try appendDurably(100)
        try expectEventually("the first 100 acknowledged") { store.acknowledgedSeq == 100 }

        // Hang the broker so the window fills and stays unacknowledged, then stop it: the
        // records in flight are lost to this connection, whether or not the broker got them.
        broker.pause()
        try appendDurably(100)
        try harness.waitForStatus("a full window in flight") { $0.inFlight == 20 }
        let acknowledgedWhilePaused = store.acknowledgedSeq
        broker.resume()
        try broker.stop()
        try harness.waitForStatus("disconnected") { $0.state != .connected }
        #expect(acknowledgedWhilePaused == 100, "nothing acknowledged while the broker was hung")

        for _ in 0..<4 {  // the kiosk goes on recording while the broker is away
            try appendDurably(50)
            usleep(50_000)
        }
        #expect(harness.client.status.inFlight == 0, "nothing is in flight without a connection")

        try broker.start()
        try appendDurably(40)
        let last = store.lastSeq
        #expect(last == 440)
        try expectEventually(timeout: 20, "all 440 acknowledged") { store.acknowledgedSeq == last }

        let received = try consumer.drain(until: { Set($0.compactMap(\.seq)).count >= Int(last) }, timeout: 30)
        let seen = received.filter { !$0.topic.hasSuffix("/status") }.compactMap(\.seq)
        #expect(firstOccurrences(seen) == Array(1...last), "in seq order, no gap")
        #expect(try store.stats().pendingRecords == 0)
        // Each record's PUBACK was seen once; only what was in flight when the broker stopped
        // (at most the window) went again. (The consumer may see more duplicates: the broker
        // redelivers its own unacknowledged QoS 1 deliveries after the restart.)
        let status = harness.client.status
        #expect(status.published == 440)
        #expect(status.resent <= 20, "resent \(status.resent)")
        #expect(try store.stats().drops.allSatisfy { $0.reason != .rejected || $0.count == 0 }, "nothing set aside")
    }

    @Test func mqtt311BrokerConnectionPublishesToo() throws {
        let broker = try MosquittoBroker()
        var settings = ClientHarness.settings(port: broker.port)
        settings.protocolVersion = .v311
        let base = String(settings.statusTopic.dropLast("status".count))
        let feed = FakeRecordFeed(topicBase: base, window: settings.publishWindow)
        feed.append(300)
        let harness = ClientHarness(settings: settings, feed: feed)
        let watch = try harness.subscribeToEverything()
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(3)) }
        try expectEventually("300 records acknowledged") { feed.acknowledgedSeq == 300 }
        #expect(harness.client.status.protocol == "3.1.1")
        let records = { harness.kioskMessages(watch).filter { $0.topic == base + "health" } }
        try expectEventually("the subscriber saw 300 records") { records().count >= 300 }
        #expect(records().compactMap(\.seq) == Array(1...300))
        #expect(feed.violations == [])
    }
}
