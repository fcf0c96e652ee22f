import Foundation
import Testing
import TestSupport
@testable import KioskCore

/// Damage and read errors together, at random, over a store of many segments: byte flips
/// anywhere in the segment files (headers, records, `A` frames, seals) and unreadable 4 KiB
/// pages (EIO through `StoreFaultInjection`), found at start-up or while the publisher reads.
///
/// Each trial checks what SPEC promises: the store opens; no record whose bytes the damage did
/// not touch is lost; no damaged record is delivered (every one delivered is byte for byte
/// what was appended); every record lost lies in an announced `corrupt` drop whose count the
/// counters carry; no seq is given out again.
@Suite struct StoreDamageFaultTests {
    /// 512 KiB cap: 16 KiB segments.
    static let limits = StoreLimits(maxSize: 512 * 1024)
    static let page = 4096

    struct Frame {
        var offset: Int
        var length: Int
        var seq: UInt64
        var type: String
        var data: [UInt8]
    }

    /// What the template store holds, segment file by segment file.
    struct Truth {
        var files: [(name: String, size: Int, records: [Frame])] = []
        var lastSeq: UInt64 = 0
    }

    /// A store of 1,500 records of varied sizes over many segments, acknowledged in part (so
    /// seals and `A` frames carry positions), closed cleanly.
    static func template(_ directory: String) throws -> Truth {
        let store = try openStore(directory: directory, limits: limits)
        var rng = SplitMix(seed: 7)
        for batch in 0..<15 {
            let records = (0..<100).map { i in
                let n = batch * 100 + i + 1
                let pad = String(repeating: "p", count: Int(rng.next() % 240))
                return NewRecord(
                    type: n % 7 == 0 ? "health" : "event", data: Array(#"{"n":\#(n),"pad":"\#(pad)"}"#.utf8),
                    periodic: n % 7 == 0, boot: "0f4b2c1e-9a7d-4c3b-8e2f-1a2b3c4d5e6f", wallMs: 1_795_436_677_000 + Int64(n),
                    monoMs: Int64(n), clock: .synced)
            }
            try store.append(contentsOf: records)
            if batch < 10 { store.acknowledge(through: UInt64(batch * 100 + 50)) }
            try store.sync()
        }
        try store.close()
        var truth = Truth()
        let folder = directory + "/segments"
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
            var records: [Frame] = []
            var offset = Segment.headerSize
            while offset + RecordFrame.headerSize <= bytes.count {
                let header = try #require(
                    bytes.withUnsafeBytes { RecordFrame.header(UnsafeRawBufferPointer(rebasing: $0[offset...])) })
                if header.kind == .record {
                    var codec = RecordBody()
                    let body = bytes.withUnsafeBytes {
                        codec.decode(
                            seq: header.seq,
                            body: UnsafeRawBufferPointer(rebasing: $0[(offset + RecordFrame.headerSize)..<(offset + header.totalLength)]))
                    }
                    let record = try #require(body)
                    records.append(Frame(offset: offset, length: header.totalLength, seq: header.seq, type: record.type, data: record.data))
                    truth.lastSeq = max(truth.lastSeq, header.seq)
                }
                offset += header.totalLength
            }
            truth.files.append((name, bytes.count, records))
        }
        return truth
    }

    @Test func randomFlipsAndUnreadablePagesLoseOnlyWhatTheyCover() throws {
        let trials = FaultProfile.count(quick: 300, full: 3_000)
        let root = FileManager.default.temporaryDirectory.path + "/kioskd-damage-fault-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let templateDirectory = root + "/template"
        let truth = try Self.template(templateDirectory)
        #expect(truth.files.count >= 15)
        #expect(truth.lastSeq == 1_500)

        var failures: [String] = []
        var flips = 0, pages = 0, touched = 0, lost = 0, announced: UInt64 = 0, delivered = 0, headersHit = 0
        var intactLost = 0, unannounced = 0, damagedDelivered = 0, reused = 0, endsHit = 0
        for trial in 0..<trials {
            var rng = SplitMix(seed: UInt64(trial) &* 0x9E37_79B9 &+ 1)
            let directory = root + "/trial-\(trial)"
            try FileManager.default.copyItem(atPath: templateDirectory, toPath: directory)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let paths = truth.files.map { directory + "/segments/" + $0.name }

            // Damage: 1–4 flipped bytes, 0–2 unreadable pages. A flip lands anywhere, or (one
            // in four each) in a header or in the last 100 bytes (seals, the tail's last frame).
            var flipped: [(file: Int, offset: Int)] = []
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let file = Int(rng.next() % UInt64(paths.count))
                let size = truth.files[file].size
                let offset: Int
                switch rng.next() % 4 {
                case 0: offset = Int(rng.next() % UInt64(Segment.headerSize))
                case 1: offset = size - 1 - Int(rng.next() % 100)
                default: offset = Int(rng.next() % UInt64(size))
                }
                try Self.flip(paths[file], at: offset, with: UInt8(1 + rng.next() % 255))
                flipped.append((file, offset))
                if offset < Segment.headerSize { headersHit += 1 }
                if offset >= size - 100 { endsHit += 1 }
            }
            var unreadable: [(file: Int, range: Range<Int>)] = []
            for _ in 0..<Int(rng.next() % 3) {
                let file = Int(rng.next() % UInt64(paths.count))
                let pageCount = (truth.files[file].size + Self.page - 1) / Self.page
                let start = Int(rng.next() % UInt64(pageCount)) * Self.page
                unreadable.append((file, start..<(start + Self.page)))
            }
            flips += flipped.count
            pages += unreadable.count
            let atOpen = rng.next() % 2 == 0
            func injectReadErrors() {
                for fault in unreadable { StoreFaultInjection.add(.init(path: paths[fault.file], range: fault.range)) }
            }
            defer { for path in paths { StoreFaultInjection.clear(path: path) } }
            if atOpen { injectReadErrors() }

            let what = "trial \(trial): flips \(flipped.map { "\(truth.files[$0.file].name)@\($0.offset)" }), "
                + "EIO \(unreadable.map { "\(truth.files[$0.file].name)@\($0.range)" }) \(atOpen ? "at open" : "while reading")"
            let store: RecordStore
            do { store = try openStore(directory: directory, limits: Self.limits) } catch {
                failures.append("\(what): open failed: \(error)")
                continue
            }
            if !atOpen { injectReadErrors() }
            var out: [StoredRecord] = []
            var after: UInt64 = 0
            do {
                while true {
                    let batch = try store.pending(after: after, limit: 1 + Int(rng.next() % 150))
                    guard let last = batch.last else { break }
                    out += batch
                    after = last.seq
                }
            } catch {
                failures.append("\(what): reading failed: \(error)")
                continue
            }
            let reports = store.takeDropReports()
            let stats = try store.stats()

            // Which records the damage touched.
            var all: [UInt64: Frame] = [:]
            var hit: Set<UInt64> = []
            for (index, file) in truth.files.enumerated() {
                for frame in file.records {
                    all[frame.seq] = frame
                    let bytes = frame.offset..<(frame.offset + frame.length)
                    if flipped.contains(where: { $0.file == index && bytes.contains($0.offset) })
                        || unreadable.contains(where: { $0.file == index && $0.range.overlaps(bytes) })
                    {
                        hit.insert(frame.seq)
                    }
                }
            }
            touched += hit.count
            delivered += out.count
            let seqs = out.map(\.seq)
            if seqs != seqs.sorted() || Set(seqs).count != seqs.count { failures.append("\(what): out of order or repeated") }
            for record in out {
                guard let frame = all[record.seq], frame.data == record.data, frame.type == record.type else {
                    damagedDelivered += 1
                    failures.append("\(what): seq \(record.seq) delivered damaged")
                    continue
                }
            }
            let missing = Set(all.keys).subtracting(seqs)
            lost += missing.count
            announced += reports.reduce(0) { $0 + $1.count }
            let lostIntact = missing.filter { !hit.contains($0) }.sorted()
            intactLost += lostIntact.count
            if let seq = lostIntact.first { failures.append("\(what): \(lostIntact.count) intact lost, first \(seq)") }
            let silent = missing.filter { seq in
                !reports.contains { $0.reason == .corrupt && ($0.firstSeq...$0.lastSeq).contains(seq) }
            }.sorted()
            unannounced += silent.count
            if let seq = silent.first { failures.append("\(what): \(silent.count) lost not announced, first \(seq) (reports \(reports))") }
            if stats.corrupt.records != reports.reduce(0, { $0 + $1.count }) {
                failures.append("\(what): corrupt.records \(stats.corrupt.records) ≠ announced \(reports.map(\.count))")
            }
            if reports.contains(where: { $0.lastSeq < $0.firstSeq || $0.count != $0.lastSeq - $0.firstSeq + 1 }) {
                failures.append("\(what): a report's count is not its range: \(reports)")
            }
            // The store goes on, and never gives a seq out again.
            do {
                let seq = try store.append(
                    NewRecord(type: "event", data: Array(#"{"after":"damage"}"#.utf8), periodic: false, clock: .synced))
                if seq <= truth.lastSeq {
                    reused += 1
                    failures.append("\(what): seq \(seq) given out again")
                }
                try store.sync()
                try store.close()
            } catch {
                failures.append("\(what): append after damage failed: \(error)")
            }
        }
        for failure in failures.prefix(10) { Issue.record("\(failure)") }
        #expect(failures.isEmpty)
        FaultReport.record(
            part: "damage + EIO (store)",
            tried: "\(trials) stores of \(truth.files.count) segments: \(flips) flipped bytes (\(headersHit) in headers, \(endsHit) in the last 100), "
                + "\(pages) unreadable pages",
            found: "\(touched) records touched, \(lost) lost (\(announced) announced and counted); intact lost \(intactLost), "
                + "lost unannounced \(unannounced), damaged delivered \(damagedDelivered), seqs reused \(reused); "
                + "\(failures.count) failures")
    }

    static func flip(_ path: String, at offset: Int, with mask: UInt8) throws {
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[offset] ^= mask
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
