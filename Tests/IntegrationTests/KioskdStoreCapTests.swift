import Foundation
import KioskCore
import Testing
import TestSupport

/// The size cap reached during a long outage: the disk stays under `max_size`, every drop is
/// counted, and a consumer that sees the gap finds a `records-dropped` event naming it.
@Suite struct KioskdStoreCapTests {
    @Test func aFullStoreDropsCountsAndAnnouncesTheGap() throws {
        let port = FreePort.next()
        let kioskd = try KioskdProcess(config: StoreAndForwardTests.device + "[storage]\ndir = $FOLDER/state\nmax_size = 1MiB\n", brokerPort: port)
        try kioskd.start()
        let helper = StoreAndForwardTests()
        var last: UInt64 = 0
        for _ in 0..<10 {
            last = try kioskd.debugAppend(count: 1000)
            let stats = try kioskd.queue()
            #expect(stats.diskBytes <= 1024 * 1024, "disk \(stats.diskBytes) over the cap")
        }
        let stats = try kioskd.queue()
        let dropped = stats.drops.filter { $0.reason.isLoss }.reduce(UInt64(0)) { $0 + $1.count }
        #expect(dropped > 0, "10,000 records of ~250 bytes fit in 1 MiB?")
        #expect(stats.pendingRecords + dropped == stats.lastSeq, "pending \(stats.pendingRecords) + dropped \(dropped) != \(stats.lastSeq)")

        let folder = try helper.brokerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (broker, consumer) = try helper.brokerWithConsumerFirst(kioskdPort: port, folder: folder)
        #expect(waitUntil(timeout: 30) { (try? kioskd.queue().pendingRecords) == 0 }, "log:\n\(kioskd.log)")
        let final = try kioskd.queue()
        let messages = try consumer.drain(until: { messages in
            ReceivedRecord.records(in: messages).contains { $0.seq == final.lastSeq }
        })
        let seen = Set(ReceivedRecord.records(in: messages).map(\.seq))
        // Every missing seq lies in a range some records-dropped event announced.
        var announced: [ClosedRange<UInt64>] = []
        for message in messages {
            guard let record = try? JSONDecoder().decode(JSONValue.self, from: Data(message.payload)),
                  record["type"] == .string("event"), record["data"]?["kind"] == .string("records-dropped"),
                  let first = record["data"]?["first_seq"]?.number, let lastSeq = record["data"]?["last_seq"]?.number
            else { continue }
            announced.append(UInt64(first)...UInt64(lastSeq))
        }
        #expect(!announced.isEmpty, "no records-dropped event reached the consumer")
        let unexplained = (1...final.lastSeq).filter { seq in !seen.contains(seq) && !announced.contains { $0.contains(seq) } }
        let firstUnexplained = Array(unexplained.prefix(5))
        #expect(unexplained.count == 0, "seqs missing without an announcement, first \(firstUnexplained)")
        #expect(seen.contains(last), "the newest record did not arrive")
        withExtendedLifetime(broker) {}
    }
}
