import Foundation
import KioskCore
import Testing
import TestSupport

/// A bad SD sector under records not yet published, in a real kioskd publishing to a real
/// mosquitto: the records on it are lost, counted and announced; every other one arrives.
/// The read error is injected with the debug-only `debug-read-fault` control command.
@Suite struct UnreadableStoreTests {
    @Test func aBadSectorUnderTheBacklogCostsOnlyItsRecords() throws {
        let port = FreePort.next()
        let kioskd = try KioskdProcess(config: StoreAndForwardTests.device, brokerPort: port)
        try kioskd.start()
        let helper = StoreAndForwardTests()
        let last = try kioskd.debugAppend(count: 2_000)
        #expect(waitUntil(timeout: 15) { (try? kioskd.queue().durableSeq) ?? 0 >= last })
        let segments = try FileManager.default.contentsOfDirectory(atPath: kioskd.folder.path + "/state/segments")
            .filter { $0.hasSuffix(".seg") }.sorted()
        let segment = try #require(segments.last)
        let client = try kioskd.connect()
        let args: [String: JSONValue] = ["segment": .string(segment), "offset": .number(65_536), "length": .number(4_096)]
        guard case .success = try client.call("debug-read-fault", args: args, as: JSONValue.self) else {
            throw TestFailure("debug-read-fault failed")
        }

        let folder = try helper.brokerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (broker, consumer) = try helper.brokerWithConsumerFirst(kioskdPort: port, folder: folder)
        #expect(waitUntil(timeout: 30) { (try? kioskd.queue().pendingRecords) == 0 }, "log:\n\(kioskd.log)")
        let final = try kioskd.queue()
        let messages = try consumer.drain(until: { messages in
            ReceivedRecord.records(in: messages).contains { $0.seq == final.lastSeq }
        })
        let seen = Set(ReceivedRecord.records(in: messages).map(\.seq))
        var announced: [ClosedRange<UInt64>] = []
        var announcedCount: UInt64 = 0
        for message in messages {
            guard let record = try? JSONDecoder().decode(JSONValue.self, from: Data(message.payload)),
                record["type"] == .string("event"), record["data"]?["kind"] == .string("records-dropped"),
                record["data"]?["reason"] == .string("corrupt"),
                let first = record["data"]?["first_seq"]?.number, let lastSeq = record["data"]?["last_seq"]?.number,
                let count = record["data"]?["count"]?.number
            else { continue }
            announced.append(UInt64(first)...UInt64(lastSeq))
            announcedCount += UInt64(count)
        }
        let missing = (1...final.lastSeq).filter { !seen.contains($0) }
        // A 4 KiB page of ~180-byte frames: a couple of dozen records, one range.
        #expect(missing.count > 5 && missing.count < 40, "missing \(missing.count)")
        #expect(announced.count == 1, "announced \(announced)")
        #expect(missing.allSatisfy { seq in announced.contains { $0.contains(seq) } }, "missing \(missing), announced \(announced)")
        #expect(announcedCount == UInt64(missing.count))
        #expect(final.corrupt.records == UInt64(missing.count))
        #expect(seen.contains(last), "the records after the bad sector did not arrive")
        // kioskd goes on recording.
        #expect(try kioskd.debugAppend(count: 1) > final.lastSeq)
        withExtendedLifetime(broker) {}
    }
}
