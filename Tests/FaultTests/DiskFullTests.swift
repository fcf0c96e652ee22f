import Foundation
import KioskCore
import Testing
import TestSupport

/// A real full disk: kioskd's store on a small tmpfs with a filler file taking part of it,
/// while the broker is down so records pile up. kioskd must keep running and answering, keep
/// the store within `max_size`, count every drop exactly (the queue's loss counters equal the
/// gaps a real consumer sees, and each gap is announced by a `records-dropped` event), and
/// deliver everything durable once space returns (the filler deleted) and the broker is back.
/// Needs root (mount).
@Suite(.serialized) struct DiskFullTests {
    /// The disk (4 MiB) is smaller than `max_size` (8 MiB): the disk fills, never the cap.
    @Test func aDiskSmallerThanMaxSizeFillsAndNothingDurableIsLost() throws {
        try fill(disk: 4, maxSize: 8, filler: 2, recordsAfterwards: 500)
    }

    /// The filler leaves less room (3 MiB) than `max_size` (4 MiB): the disk fills first; once
    /// the filler goes, the store reaches its cap and drops its oldest records, each counted
    /// and announced.
    @Test func aFullDiskThenTheCapDropsExactlyWhatItCountsAndAnnounces() throws {
        try fill(disk: 6, maxSize: 4, filler: 3, recordsAfterwards: 12_000)
    }

    /// Sizes in MiB.
    func fill(disk diskMiB: Int, maxSize maxMiB: UInt64, filler fillerMiB: Int, recordsAfterwards: Int) throws {
        let maxSize = maxMiB * 1024 * 1024
        let disk = try #require(SmallDisk(size: "\(diskMiB)m"), "cannot mount a \(diskMiB) MiB tmpfs: this test needs root (mount -t tmpfs)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("diskfull-broker-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let broker = try MosquittoBroker(options: .persistent(in: folder))
        // paho acknowledges a message only after handing it over, so stopping it loses nothing
        // (mosquitto_sub acknowledges first: one killed mid-drain can lose the message it had).
        let consumer = try PahoConsumer(broker: broker, topic: "kiosk/v1/xa-full/kiosk-full/#")
        let store = disk.path + "/state"
        let kioskd = try KioskdProcess(config: """
            [device]
            id = kiosk-full
            site = xa-full
            [storage]
            dir = \(store)
            max_size = \(maxMiB)MiB

            """, brokerPort: broker.port)
        try kioskd.start()
        #expect(waitUntil(timeout: 15) { (try? kioskd.status().broker.state) == .connected })
        try broker.stop()
        #expect(waitUntil(timeout: 15) { (try? kioskd.status().broker.state) != .connected })

        // Another file takes half the disk; records fill the rest.
        let filler = disk.path + "/filler"
        #expect(FileManager.default.createFile(atPath: filler, contents: Data(count: fillerMiB * 1024 * 1024)))
        var stored = 0
        var refusedCalls = 0
        let batches = FaultProfile.count(quick: 200, full: 2_000)
        for _ in 0..<batches {
            switch try append(kioskd, count: 100) {
            case .success(let n): stored += n
            case .failure(let n):
                stored += n
                refusedCalls += 1
            }
            if refusedCalls >= 20 { break }  // full, and asked twenty times more
        }
        #expect(refusedCalls > 0, "the disk never filled: \(stored) records stored")
        // Full, and still answering.
        #expect(kioskd.isRunning, "kioskd died on a full disk; log:\n\(kioskd.log.suffix(3000))")
        let full = try kioskd.queue()
        let usedWhenFull = try diskUse(of: store)
        #expect(usedWhenFull <= maxSize && full.diskBytes <= maxSize, "store uses \(usedWhenFull) bytes (queue says \(full.diskBytes)) of \(maxSize)")

        // Space returns: the filler goes, more records are stored, the broker comes back.
        try FileManager.default.removeItem(atPath: filler)
        var storedAfter = 0
        for _ in 0..<(recordsAfterwards / 100) {
            if case .success(let n) = try append(kioskd, count: 100) { storedAfter += n }
        }
        #expect(storedAfter == recordsAfterwards, "only \(storedAfter) of \(recordsAfterwards) records stored once space returned; log:\n\(kioskd.log.suffix(3000))")
        let usedAtEnd = try diskUse(of: store)
        #expect(usedAtEnd <= maxSize, "store uses \(usedAtEnd) bytes of \(maxSize)")
        #expect(waitUntil(timeout: 10) { (try? kioskd.queue()).map { $0.durableSeq == $0.lastSeq } ?? false })
        let durable = try kioskd.queue().durableSeq
        try broker.start()
        _ = waitUntil(timeout: 120) { (ReceivedRecord.records(in: consumer.messages).map(\.seq).max() ?? 0) >= durable }
        consumer.waitUntilCaughtUp()
        let messages = consumer.messages
        let end = try kioskd.queue()

        let records = ReceivedRecord.records(in: messages)
        let seen = Set(records.map(\.seq))
        let missing = (1...durable).filter { !seen.contains($0) }
        let announced = messages.compactMap { $0.jsonObject }.compactMap { object -> ClosedRange<UInt64>? in
            guard object["type"] as? String == "event", let data = object["data"] as? [String: Any],
                data["kind"] as? String == "records-dropped",
                let first = (data["first_seq"] as? NSNumber)?.uint64Value, let last = (data["last_seq"] as? NSNumber)?.uint64Value
            else { return nil }
            return first...last
        }
        let unannounced = missing.filter { seq in !announced.contains { $0.contains(seq) } }
        #expect(UInt64(missing.count) == end.lostRecords, "the consumer misses \(missing.count) seqs (first \(missing.prefix(10))); the queue counts \(end.lostRecords) lost")
        #expect(unannounced.isEmpty, "gaps no event announces: \(unannounced.prefix(10))")
        #expect(end.diskBytes <= maxSize)
        #expect(kioskd.isRunning)
        FaultReport.record(
            part: "disk full",
            tried: "\(diskMiB) MiB tmpfs, max_size \(maxMiB) MiB, \(fillerMiB) MiB filler, broker down: \(stored.formatted()) records stored until full, \(refusedCalls) appends refused, \(recordsAfterwards.formatted()) more once the filler went",
            found: "kioskd ran and answered throughout; store \(usedWhenFull.formatted()) bytes when full, \(usedAtEnd.formatted()) at the end (≤ \(maxMiB) MiB); \((Int(durable) - missing.count).formatted()) of \(durable.formatted()) durable seqs delivered, \(missing.count) missing = \(end.lostRecords) counted lost, \(unannounced.count) unannounced")
        // kioskd stops before its disk goes away.
        #expect(try kioskd.stop() == 0)
        withExtendedLifetime(disk) {}
    }

    enum Appended {
        case success(Int)
        /// The store refused after this many.
        case failure(Int)
    }

    func append(_ kioskd: KioskdProcess, count: Int) throws -> Appended {
        let reply = try kioskd.connect().call("debug-append", args: ["count": .number(Double(count)), "size": .number(200)], as: JSONValue.self)
        switch reply {
        case .success: return .success(count)
        case .failure(let error):
            // "append failed after N record(s)"
            let words = error.message.split(separator: " ")
            guard error.message.hasPrefix("append failed after"), words.count > 3, let n = Int(words[3]) else {
                throw TestFailure("debug-append: \(error)")
            }
            return .failure(n)
        }
    }

    /// Bytes of every file under `path`, as the file system counts them (allocated blocks).
    func diskUse(of path: String) throws -> UInt64 {
        var total: UInt64 = 0
        guard let walk = FileManager.default.enumerator(atPath: path) else { return 0 }
        for case let name as String in walk {
            var info = stat()
            if lstat(path + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { total += UInt64(info.st_blocks) * 512 }
        }
        return total
    }
}

/// A small tmpfs of the test's own, unmounted (lazily) and removed when the test ends.
final class SmallDisk {
    let path: String

    init?(size: String) {
        guard getuid() == 0 else { return nil }
        path = FileManager.default.temporaryDirectory.path + "/kioskd-disk-" + UUID().uuidString.prefix(8)
        guard mkdir(path, 0o700) == 0 else { return nil }
        guard mount("tmpfs", path, "tmpfs", 0, "size=\(size)") == 0 else {
            rmdir(path)
            return nil
        }
    }

    deinit {
        umount2(path, Int32(MNT_DETACH))
        rmdir(path)
    }
}
