import Foundation
import KioskCore
import KioskMQTT
import Testing
import TestSupport

/// How fast a backlog drains to a real mosquitto on loopback: a measurement, not a timed test
/// (the machine is shared and noisy). Runs only when asked:
///
///     KIOSK_MEASURE_DRAIN=200000 swift test -c release -Xswiftc -enable-testing \
///         --scratch-path .build-pub --filter PublisherDrainMeasurement
///
/// Goal (issue 3): ≥ 50,000 records/s.
@Suite struct PublisherDrainMeasurement {
    static let records = Int(ProcessInfo.processInfo.environment["KIOSK_MEASURE_DRAIN"] ?? "") ?? 0

    @Test(.enabled(if: records > 0, "set KIOSK_MEASURE_DRAIN=<records> to measure"))
    func drainRateOfABacklog() throws {
        let broker = try MosquittoBroker()
        var settings = ClientHarness.settings(port: broker.port)
        if let window = Int(ProcessInfo.processInfo.environment["KIOSK_MEASURE_WINDOW"] ?? "") {
            settings.publishWindow = window
        }
        let base = String(settings.statusTopic.dropLast("status".count))
        // About 200 bytes of payload, like a health sample's envelope.
        let feed = FakeRecordFeed(topicBase: base, window: settings.effectiveWindowForTests, padding: 175)
        feed.append(Self.records)
        let harness = ClientHarness(settings: settings, feed: feed)
        let began = Date()
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(3)) }
        try harness.waitUntilConnected()
        let connected = Date()
        try expectEventually(timeout: 600, "the backlog drained") { feed.acknowledgedSeq == UInt64(Self.records) }
        let drained = Date()
        let seconds = drained.timeIntervalSince(connected)
        let rate = Double(Self.records) / seconds
        print("""
            drain: \(Self.records) records of \(feed.topic(of: 1).utf8.count)-byte topic and ~200-byte payload, \
            window \(settings.publishWindow): \(String(format: "%.2f", seconds)) s after CONNACK \
            (\(String(format: "%.0f", drained.timeIntervalSince(began) * 1000)) ms from start()) → \
            \(String(format: "%.0f", rate)) records/s; violations: \(feed.violations.count)
            """)
        #expect(feed.violations == [])
    }
}

extension BrokerSettings {
    /// The window the client will use, for the fake feed's checks.
    var effectiveWindowForTests: Int { min(max(publishWindow, 1), 60_000) }
}
