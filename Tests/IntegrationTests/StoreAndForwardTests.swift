import Foundation
import KioskCore
import Testing
import TestSupport

/// Everything kioskd records reaches a real consumer: in seq order, without gaps, across broker
/// outages and kill -9. Records are made with the debug-only `debug-append` control command.
@Suite struct StoreAndForwardTests {
    static let device = "[device]\nid = kiosk-sf\nsite = xa-tan-lap\n"
    static let filter = "kiosk/v1/xa-tan-lap/kiosk-sf/#"

    /// Seqs in arrival order are non-decreasing apart from at-least-once repeats, and the distinct
    /// ones are exactly 1...last.
    func expectCompleteAndOrdered(_ records: [ReceivedRecord], through last: UInt64, sourceLocation: SourceLocation = #_sourceLocation) {
        var seen = Set<UInt64>()
        var highest: UInt64 = 0
        for record in records {
            if !seen.contains(record.seq) {
                #expect(record.seq > highest, "seq \(record.seq) arrived after \(highest)", sourceLocation: sourceLocation)
                highest = max(highest, record.seq)
            }
            seen.insert(record.seq)
        }
        let missing = (1...last).filter { !seen.contains($0) }
        let firstMissing = Array(missing.prefix(10))
        #expect(missing.count == 0, "first missing seqs: \(firstMissing)", sourceLocation: sourceLocation)
        #expect(seen.max() == last, sourceLocation: sourceLocation)
    }

    /// A reload that renames the kiosk (and here moves it to another broker) publishes the
    /// backlog under the new name from the new client's first message: the recorder and the
    /// publisher's feed know the name before the new client starts. The debug-build pause
    /// holds the reload for 1.5 s right after the new client starts, so a client started too
    /// early would publish the backlog under the old name in that time.
    @Test func aRenamedKioskPublishesItsBacklogUnderTheNewNameRightAfterTheReload() throws {
        let broker = try MosquittoBroker()
        let subscription = try MQTTSubscription(on: "kiosk/v1/#", from: SubscriberConnection(broker))
        // First on a port where no broker listens: the records wait in the store.
        let kioskd = try KioskdProcess(config: """
            [device]
            id = old-name
            site = xa-tan-lap
            [mqtt]
            host = 127.0.0.1
            port = 9
            reconnect_max = 1s

            """)
        try kioskd.start(environment: ["KIOSK_TEST_PAUSE_AFTER_BROKER_RESTART_MS": "1500"])
        let last = try kioskd.debugAppend(count: 20)
        #expect(waitUntil(timeout: 10) { (try? kioskd.queue().durableSeq) == last }, "log:\n\(kioskd.log)")

        let renamed = try String(contentsOfFile: kioskd.configPath, encoding: .utf8)
            .replacingOccurrences(of: "id = old-name", with: "id = new-name")
            .replacingOccurrences(of: "port = 9\n", with: "port = \(broker.port)\n")
        try renamed.write(toFile: kioskd.configPath, atomically: true, encoding: .utf8)
        kioskd.signal(SIGHUP)
        try subscription.waitForMessage(timeout: 15) { $0.text.contains(#""kind":"config-reloaded""#) }
        let records = subscription.messages.filter { !$0.retained }
        let received = ReceivedRecord.records(in: records)
        #expect(Set(received.map(\.seq)).isSuperset(of: 1...last), "got \(received.map(\.seq))")
        let misnamed = records.filter { !$0.topic.hasPrefix("kiosk/v1/xa-tan-lap/new-name/") }
        #expect(misnamed.isEmpty, "\(misnamed.count) of \(records.count) published under another name, first: \(misnamed.first.map { "\($0)" } ?? "")")
        #expect(received.allSatisfy { $0.device == "new-name" })
    }

    @Test func recordsMadeWhileTheBrokerIsDownArriveInOrderWithoutGaps() throws {
        let folder = try brokerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let broker = try MosquittoBroker(options: .persistent(in: folder))
        let consumer = try DurableSubscriber(on: Self.filter, from: SubscriberConnection(broker))
        let kioskd = try KioskdProcess(config: Self.device, brokerPort: broker.port)
        try kioskd.start()
        #expect(waitUntil(timeout: 15) { (try? kioskd.status().broker.state) == .connected })

        try broker.stop()
        #expect(waitUntil(timeout: 15) { (try? kioskd.status().broker.state) != .connected })
        try kioskd.debugAppend(count: 300)
        try kioskd.debugAppend(count: 200, type: "health", periodic: true)
        let last = try kioskd.debugAppend(count: 300)
        #expect(try kioskd.queue().pendingRecords >= 800)

        try broker.restart()
        #expect(waitUntil(timeout: 30) { (try? kioskd.queue().pendingRecords) == 0 }, "log:\n\(kioskd.log)")
        let records = ReceivedRecord.records(in: try consumer.drain(until: { messages in
            ReceivedRecord.records(in: messages).contains { $0.seq == last }
        }))
        expectCompleteAndOrdered(records, through: last)
        #expect(records.allSatisfy { $0.schema == "kiosk.v1" && $0.device == "kiosk-sf" && $0.boot == KernelClock.bootID })
        #expect(records.first?.type == "event")  // the boot event comes first
        let stats = try kioskd.queue()
        #expect(stats.ackedSeq >= last)
        #expect(stats.lostRecords == 0)
    }

    /// A broker for a kioskd that has been waiting for one on `kioskdPort`, with a consumer
    /// registered before kioskd can connect: the broker first listens only on a port of the
    /// consumer's, then restarts (keeping the session) with kioskd's port too.
    func brokerWithConsumerFirst(kioskdPort: UInt16, folder: URL) throws -> (MosquittoBroker, DurableSubscriber) {
        let consumerPort = FreePort.next()
        let first = try MosquittoBroker(port: consumerPort, options: .persistent(in: folder))
        let consumer = try DurableSubscriber(on: Self.filter, from: SubscriberConnection(first))
        try first.stop()
        var options = MosquittoBroker.Options.persistent(in: folder)
        options.extraConfig.append("listener \(kioskdPort) 127.0.0.1")
        let broker = try MosquittoBroker(port: consumerPort, options: options)
        return (broker, consumer)
    }

    /// A broker folder of the test's own, for brokers that keep sessions (`.persistent`).
    func brokerFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("broker-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func killDashNineFiftyTimesLosesNothing() throws {
        let folder = try brokerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The consumer is away while kioskd publishes: the broker queues for it, without limit.
        let broker = try MosquittoBroker(options: .persistent(in: folder))
        let consumer = try DurableSubscriber(on: Self.filter, from: SubscriberConnection(broker))
        let kioskd = try KioskdProcess(config: Self.device, brokerPort: broker.port)
        var generator = SystemRandomNumberGenerator()
        for round in 1...50 {
            try kioskd.start()
            // Ask for records and kill kioskd at a random moment while it appends and publishes.
            let client = try kioskd.connect()
            let count = Int.random(in: 20...400, using: &generator)
            let request = #"{"id":1,"cmd":"debug-append","args":{"count":\#(count),"size":100}}"# + "\n"
            try client.sendAll(Array(request.utf8))
            usleep(UInt32.random(in: 0...60_000, using: &generator))
            kioskd.signal(SIGKILL)
            #expect(waitUntil { !kioskd.isRunning }, "round \(round): kioskd survived SIGKILL")
        }
        try kioskd.start()
        let last = try kioskd.debugAppend(count: 1)
        #expect(waitUntil(timeout: 60) { (try? kioskd.queue().pendingRecords) == 0 }, "log:\n\(kioskd.log)")
        let stats = try kioskd.queue()
        #expect(stats.corrupt.records == 0)
        #expect(stats.corrupt.segments == 0)
        #expect(stats.lostRecords == 0)
        let records = ReceivedRecord.records(in: try consumer.drain(until: { messages in
            Set(ReceivedRecord.records(in: messages).map(\.seq)).count >= Int(last)
        }, timeout: 90))
        expectCompleteAndOrdered(records, through: last)
    }

    @Test func unsyncedRecordsAreReanchoredOnceTheClockSyncs() throws {
        let port = FreePort.next()
        let kioskd = try KioskdProcess(config: Self.device, brokerPort: port)
        let marker = kioskd.folder.appendingPathComponent("synchronized").path
        try kioskd.start(environment: ["KIOSKD_TIMESYNC_MARKER": marker])
        #expect(try kioskd.status().clock == .unsynced)
        let last = try kioskd.debugAppend(count: 5)

        // NTP syncs; then the broker comes back and the backlog goes out re-anchored.
        _ = FileManager.default.createFile(atPath: marker, contents: nil)
        #expect(waitUntil { (try? kioskd.status().clock) == .synced })
        let folder = try brokerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (broker, consumer) = try brokerWithConsumerFirst(kioskdPort: port, folder: folder)
        let records = ReceivedRecord.records(in: try consumer.drain(until: { messages in
            ReceivedRecord.records(in: messages).contains { $0.seq > last && $0.type == "event" }
        }))
        withExtendedLifetime(broker) {}
        let before = records.filter { $0.seq <= last }
        #expect(!before.isEmpty)
        #expect(before.allSatisfy { $0.clock == "corrected" }, "\(before.map(\.clock))")
        // Re-anchored: ts is the record's monotonic time on the synced clock.
        let offset = KernelClock.wallMilliseconds() - KernelClock.monotonicMilliseconds()
        for record in before {
            let expected = KernelClock.rfc3339(milliseconds: record.monoMs + offset)
            #expect(abs(millis(record.ts) - millis(expected)) < 2000, "\(record.ts) vs \(expected)")
        }
        let synced = records.filter { $0.type == "event" && $0.seq > last }
        #expect(!synced.isEmpty, "no clock-synced event")
        #expect(synced.allSatisfy { $0.clock == "synced" })
    }

    func millis(_ rfc3339: String) -> Int64 {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return Int64((formatter.date(from: rfc3339)?.timeIntervalSince1970 ?? 0) * 1000)
    }

    @Test func queueIsReadableWhileKioskdIsDown() throws {
        let kioskd = try KioskdProcess(config: Self.device + "[mqtt]\nport = 9\n")
        try kioskd.start()
        let last = try kioskd.debugAppend(count: 10)
        try kioskd.stop()
        let result = try runCommand(try Binaries.path("kioskctl"), ["--socket", kioskd.socketPath, "--config", kioskd.configPath, "--json", "queue"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("kioskd is not running; read the store"))
        let stats = try JSON.decoder().decode(QueueStats.self, from: Data(result.stdout.utf8))
        #expect(stats.readOnly)
        #expect(stats.lastSeq > last)  // the shutdown event came after
        #expect(stats.pendingRecords == stats.lastSeq)
    }
}
