import Foundation
import KioskCore
import Testing
import TestSupport

/// Damage on the SD card, for real: bits flipped inside a segment and a torn tail, found at the
/// next start, counted, announced, and everything else still delivered.
@Suite struct StoreDamageTests {
    @Test func flippedBitsAndATornTailAreSetAsideAndTheRestIsDelivered() throws {
        let port = FreePort.next()
        let kioskd = try KioskdProcess(config: StoreAndForwardTests.device, brokerPort: port)
        try kioskd.start()
        let helper = StoreAndForwardTests()
        let before = try kioskd.debugAppend(count: 200)
        try kioskd.stop()

        let segments = kioskd.folder.appendingPathComponent("state/segments")
        let newest = try #require(try FileManager.default.contentsOfDirectory(atPath: segments.path).sorted().last)
        let path = segments.appendingPathComponent(newest).path
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let middle = bytes.count / 2
        for offset in middle..<(middle + 4) { bytes[offset] ^= 0xFF }
        bytes += [0xFF, 0x6B, 0x72, 0x52, 1, 2, 3]  // a frame that was never finished
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let folder = try helper.brokerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (broker, consumer) = try helper.brokerWithConsumerFirst(kioskdPort: port, folder: folder)
        try kioskd.start()
        let last = try kioskd.debugAppend(count: 50)
        #expect(last > before)
        #expect(waitUntil(timeout: 30) { (try? kioskd.queue().pendingRecords) == 0 }, "log:\n\(kioskd.log)")
        let stats = try kioskd.queue()
        #expect(stats.corrupt.records >= 1)
        #expect(stats.corrupt.records <= 3)

        let records = ReceivedRecord.records(in: try consumer.drain(until: { messages in
            ReceivedRecord.records(in: messages).contains { $0.seq == last }
        }))
        let seen = Set(records.map(\.seq))
        let missing = (1...last).filter { !seen.contains($0) }
        #expect(UInt64(missing.count) == stats.corrupt.records, "missing \(missing), corrupt \(stats.corrupt)")
        #expect(missing.allSatisfy { $0 <= before })
        // Everything after the damage arrived.
        #expect(((before + 1)...last).allSatisfy { seen.contains($0) })
        withExtendedLifetime(broker) {}
    }
}
