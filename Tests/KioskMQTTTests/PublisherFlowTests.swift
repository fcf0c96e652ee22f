import Foundation
import KioskCore
@testable import KioskMQTT
import Testing
import TestSupport

/// The window: never more than `publishWindow` records unacknowledged, the acknowledged
/// position moving only on PUBACK, and a clean stop that settles what is in flight.
@Suite struct PublisherFlowTests {
    /// A hung broker (SIGSTOP) sends no PUBACK: the publisher fills its window and stops there;
    /// nothing is acknowledged until the broker answers again, then everything drains.
    @Test func hungBrokerStopsThePublisherAtTheWindow() throws {
        let broker = try MosquittoBroker()
        var settings = ClientHarness.settings(port: broker.port)
        settings.publishWindow = 50
        settings.keepalive = .seconds(60)  // so the hang is not ended by a keepalive timeout
        let feed = FakeRecordFeed(topicBase: String(settings.statusTopic.dropLast("status".count)), window: 50)
        let harness = ClientHarness(settings: settings, feed: feed)
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(3)) }
        try harness.waitUntilConnected()
        try expectEventually("online acknowledged before the hang") { (try? statusAcknowledged(harness)) == true }

        broker.pause()
        defer { broker.resume() }
        feed.append(1000)
        harness.client.recordsAvailable()
        try harness.waitForStatus("a full window in flight") { $0.inFlight == 50 }
        Thread.sleep(forTimeInterval: 1.5)  // more than one turn of the loop's 1 s poll
        let hung = harness.client.status
        #expect(hung.inFlight == 50)
        #expect(hung.published == 0)
        #expect(feed.acknowledgedSeq == 0, "the position moved without a PUBACK")
        #expect(feed.highestHandedOut == 50, "records beyond the window were taken from the feed")

        broker.resume()
        try expectEventually("all 1,000 acknowledged after the broker came back") { feed.acknowledgedSeq == 1000 }
        #expect(feed.largestInFlight == 50, "the window was used to the full and never exceeded")
        #expect(feed.violations == [])
        let drained = harness.client.status
        #expect(drained.inFlight == 0)
        #expect(drained.published == 1000)
        #expect(drained.state == .connected, "a hang shorter than the keepalive costs no reconnection")
    }

    /// A clean stop in the middle of a backlog: no record after `offline`, and every PUBACK the
    /// broker sent reaches the feed before `stop` returns.
    @Test func cleanStopSettlesWhatIsInFlightAndEndsWithOffline() throws {
        let broker = try MosquittoBroker(options: MosquittoBroker.Options(extraConfig: ["max_queued_messages 0"]))
        let settings = ClientHarness.settings(port: broker.port)
        let feed = FakeRecordFeed(topicBase: String(settings.statusTopic.dropLast("status".count)), window: 100, padding: 0)
        feed.append(50_000)
        let harness = ClientHarness(settings: settings, feed: feed)
        let watch = try harness.subscribeToEverything()
        harness.client.start()
        try expectEventually("draining") { feed.acknowledgedSeq > 1000 }

        harness.client.stop(timeout: .seconds(3))
        let stopped = harness.client.status
        #expect(stopped.state == .stopped)
        #expect(stopped.inFlight == 0)
        #expect(feed.acknowledgedSeq < feed.lastSeq, "the stop came in the middle of the backlog")
        #expect(feed.acknowledgedSeq == feed.highestHandedOut, "handed out \(feed.highestHandedOut), acknowledged \(feed.acknowledgedSeq)")
        #expect(stopped.published == feed.acknowledgedSeq)
        #expect(feed.violations == [])

        try watch.waitForMessage(timeout: 20) { $0.state == "offline" }
        let messages = harness.kioskMessages(watch)
        #expect(messages.last?.reason == "shutdown", "the last message is the offline status")
        #expect(messages.last?.topic == settings.statusTopic)
        let records = messages.filter { $0.topic != settings.statusTopic }.compactMap(\.seq)
        #expect(records == Array(1...feed.acknowledgedSeq), "every acknowledged record, in order, before offline")
    }

    /// A reload that changes the window in the middle of a backlog: the connection is closed
    /// cleanly, the next one resumes after the acknowledged position with the new window, and
    /// every record arrives.
    @Test func reconfigurationInTheMiddleOfABacklogLosesNothing() throws {
        let broker = try MosquittoBroker()
        let settings = ClientHarness.settings(port: broker.port)
        let base = String(settings.statusTopic.dropLast("status".count))
        let feed = FakeRecordFeed(topicBase: base, window: 100, padding: 0)  // the larger window
        feed.append(100_000)
        let harness = ClientHarness(settings: settings, feed: feed)
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(3)) }
        try expectEventually("draining") { feed.acknowledgedSeq > 1000 }

        var smaller = settings
        smaller.publishWindow = 10
        harness.client.update(settings: smaller)
        #expect(feed.acknowledgedSeq < 90_000, "the reload came in the middle of the backlog")
        try harness.waitForStatus("the new window in use") { $0.publishWindow == 10 && $0.state == .connected }
        try expectEventually(timeout: 60, "all 100,000 acknowledged") { feed.acknowledgedSeq == 100_000 }
        #expect(feed.violations == [])
        let status = harness.client.status
        #expect(status.published == 100_000, "each record acknowledged once: the old connection's PUBACKs were awaited")
        #expect(status.resent == 0)
    }

    /// Whether the broker acknowledged the retained `online` (it is in the retained store).
    private func statusAcknowledged(_ harness: ClientHarness) throws -> Bool {
        try MQTTSubscriber.collect(1, on: harness.settings.statusTopic, from: harness.subscriber, timeout: 2)
            .first?.state == "online"
    }
}
