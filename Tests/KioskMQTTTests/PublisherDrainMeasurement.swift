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
        let rssBefore = Self.memory("VmRSS")
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
            \(String(format: "%.0f", rate)) records/s; violations: \(feed.violations.count); \
            test process RSS \(rssBefore) kB before, \(Self.memory("VmRSS")) kB after, peak \(Self.memory("VmHWM")) kB
            """)
        #expect(feed.violations == [])
    }
}

extension PublisherDrainMeasurement {
    /// The same with the real `RecordStore` as the feed (envelopes built at send time), with
    /// `KIOSK_MEASURE_DRAIN_STORE=1` as well.
    @Test(.enabled(if: records > 0 && ProcessInfo.processInfo.environment["KIOSK_MEASURE_DRAIN_STORE"] != nil))
    func drainRateFromTheStore() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drain-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try RecordStore.open(directory: folder.path, limits: StoreLimits(maxSize: 1024 * 1024 * 1024))
        let data = Array(#"{"loss":0,"rtt_ms":{"max":41.2,"min":12.5,"p50":18.1,"p95":33.0},"state":"online"}"#.utf8)
        var batch: [NewRecord] = []
        for _ in 0..<Self.records {
            batch.append(NewRecord(type: "health", data: data, periodic: true))
            if batch.count == 10_000 {
                try store.append(contentsOf: batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try store.append(contentsOf: batch)
        try store.sync()
        let broker = try MosquittoBroker()
        let settings = ClientHarness.settings(port: broker.port)
        let feed = StoreRecordFeed(store: store, device: settings.clientID, site: "test-site")
        let sample = feed.records(after: 0, limit: 1).first?.payload.count ?? 0
        let harness = ClientHarness(settings: settings, feed: feed)
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(3)) }
        try harness.waitUntilConnected()
        let connected = Date()
        try expectEventually(timeout: 600, "the backlog drained") { store.acknowledgedSeq == UInt64(Self.records) }
        let seconds = Date().timeIntervalSince(connected)
        let rate = Double(Self.records) / seconds
        print("drain from the store: \(Self.records) records, \(sample)-byte envelopes, window \(settings.publishWindow): "
            + "\(String(format: "%.2f", seconds)) s after CONNACK → \(String(format: "%.0f", rate)) records/s")
    }

    /// A line of /proc/self/status in kB (`VmRSS`, `VmHWM`), or 0.
    static func memory(_ key: String) -> Int {
        let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.hasPrefix(key + ":") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}

extension BrokerSettings {
    /// The window the client will use, for the fake feed's checks.
    var effectiveWindowForTests: Int { min(max(publishWindow, 1), 60_000) }
}
