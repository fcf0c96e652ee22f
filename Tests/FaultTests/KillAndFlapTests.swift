import Foundation
import KioskCore
import Testing
import TestSupport

/// kill -9 at random moments while kioskd records and publishes, with the broker killed,
/// restarted and refusing every publish (ACL) for a while, all at random: a real consumer
/// written by others (paho-mqtt, persistent session) sees every durable record, no seq is
/// given to two different records, and repeats are only resends of the same record.
@Suite struct KillAndFlapTests {
    static let device = "[device]\nid = kiosk-flap\nsite = xa-tan-lap\n[storage]\ndir = $FOLDER/state\nsync_interval = 100ms\n"
    static let topic = "kiosk/v1/xa-tan-lap/kiosk-flap/#"
    /// kioskd connects anonymously; the consumer as `consumer`, who may always read.
    static let permit = "topic readwrite kiosk/#\nuser consumer\ntopic read kiosk/#\n"
    static let refuse = "topic read kiosk/nothing\nuser consumer\ntopic read kiosk/#\n"

    @Test func randomKillsWithAFlappingAndRefusingBrokerLoseNothing() throws {
        let rounds = FaultProfile.count(quick: 200, full: 2000)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flap-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var options = MosquittoBroker.Options.persistent(in: folder)
        options.acl = Self.permit
        // The consumer's session is saved every second, so it survives the broker's SIGKILL.
        options.extraConfig.append("autosave_interval 1")
        let broker = try MosquittoBroker(options: options)
        let consumer = try PahoConsumer(broker: broker, topic: Self.topic, username: "consumer")
        sleep(2)
        let kioskd = try KioskdProcess(config: Self.device, brokerPort: broker.port)

        var random = SystemRandomNumberGenerator()
        var brokerKills = 0, brokerStops = 0, refusalSpells = 0, refusingRounds = 0
        var refusingFor = 0
        for round in 1...rounds {
            if refusingFor == 0, Int.random(in: 0..<25, using: &random) == 0 {
                refusingFor = Int.random(in: 3...10, using: &random)
                refusalSpells += 1
                try broker.setACL(Self.refuse)
            }
            try kioskd.start()
            let client = try kioskd.connect()
            let count = Int.random(in: 1...300, using: &random)
            let request = #"{"id":1,"cmd":"debug-append","args":{"count":\#(count),"size":120}}"# + "\n"
            try client.sendAll(Array(request.utf8))
            usleep(UInt32.random(in: 0...250_000, using: &random))
            let stopBroker = Int.random(in: 0..<12, using: &random) == 0
            if stopBroker {
                // A clean stop while kioskd publishes: the broker saves what it holds.
                try broker.stop()
                brokerStops += 1
            }
            kioskd.signal(SIGKILL)
            #expect(waitUntil { !kioskd.isRunning }, "round \(round): kioskd survived SIGKILL")
            if !stopBroker, Int.random(in: 0..<12, using: &random) == 0 {
                // SIGKILL while kioskd is down, once the consumer is connected and has had
                // everything: a broker killed between its PUBACK and its forwarding, or
                // holding messages for a consumer that is away, loses them itself (mosquitto
                // saves sessions only every `autosave_interval`), which no client can prevent.
                #expect(consumer.waitUntilCaughtUp(), "round \(round): the consumer did not catch up: \(consumer.text.suffix(500))")
                broker.kill()
                brokerKills += 1
            }
            try broker.start()
            if refusingFor > 0 {
                refusingRounds += 1
                refusingFor -= 1
                if refusingFor == 0 {
                    try broker.setACL(Self.permit)
                }
            }
        }
        try broker.setACL(Self.permit)

        try kioskd.start()
        let last = try kioskd.debugAppend(count: 1)  // the newest record of all
        #expect(waitUntil(timeout: 120) { (try? kioskd.queue().pendingRecords) == 0 }, "log:\n\(kioskd.log.suffix(3000))")
        let stats = try kioskd.queue()
        _ = waitUntil(timeout: 60) { Set(ReceivedRecord.records(in: consumer.messages).map(\.seq)).count >= Int(last) }
        consumer.stop()

        let messages = consumer.messages.filter { !$0.topic.hasSuffix("/status") }
        var payloads: [UInt64: Set<[UInt8]>] = [:]
        var firstArrivals: [UInt64] = []
        for (message, record) in zip(messages, messages.map { try? JSONDecoder().decode(ReceivedRecord.self, from: Data($0.payload)) }) {
            guard let record else { continue }
            if payloads[record.seq] == nil { firstArrivals.append(record.seq) }
            payloads[record.seq, default: []].insert(message.payload)
        }
        let reused = payloads.filter { $0.value.count > 1 }.keys.sorted()
        let missing = (1...last).filter { payloads[$0] == nil }
        let outOfOrder = zip(firstArrivals, firstArrivals.dropFirst()).filter { $0 >= $1 }.count
        let resends = messages.count - payloads.count

        FaultReport.record(
            part: "kill -9, broker flapping and refusing (paho-mqtt consumer)",
            tried: "\(rounds) kills of kioskd, \(brokerKills) broker SIGKILLs, \(brokerStops) clean broker stops, \(refusalSpells) ACL refusals over \(refusingRounds) rounds",
            found: "\(last) seqs, \(payloads.count) delivered, \(missing.count) lost, \(reused.count) reused seqs, \(outOfOrder) out of order, \(resends) resends, store lost \(stats.lostRecords)")
        let refusals = kioskd.log.split(separator: "\n").filter { $0.contains("refus") || $0.contains("drop") }
        #expect(
            missing.isEmpty,
            "first missing seqs: \(missing.prefix(10)); consumer: \(consumer.disconnections) disconnections; kioskd said: \(refusals.prefix(20).joined(separator: "\n"))")
        #expect(reused.isEmpty, "seqs carrying two different records: \(reused.prefix(10))")
        #expect(outOfOrder == 0)
        #expect(stats.lostRecords == 0)
        #expect(stats.corrupt.records == 0)
    }


}
