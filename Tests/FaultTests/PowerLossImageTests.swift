import Foundation
import Testing
import TestSupport
@testable import KioskCore

/// Power-loss images, SQLite / ALICE style: a real `RecordStore` runs a workload (appends,
/// syncs, a publisher that reads, publishes and acknowledges, drop announcements, seals and
/// rolls with 4 KiB segments, cap drops under a 64 KiB `max_size`, kills and reopens) while
/// `PageCacheModel` records every file operation. Each crash image keeps, at a random moment,
/// everything synced plus some of what was not (a subset, a prefix, torn 512-byte sectors);
/// the real store opens it and must show: no acknowledged or durable record lost, no
/// published seq reused, no corrupt record delivered, every gap announced.
///
/// Deterministic (seeded); `KIOSK_POWERLOSS_KEEP=<folder>` copies each image that breaks a
/// guarantee there, named after its crash point, for a closer look.
@Suite struct PowerLossImageTests {
    static let limits = StoreLimits(maxSize: 64 * 1024, retention: .seconds(3600))

    @Test func everyCrashImageKeepsTheStoresGuarantees() throws {
        let images = FaultProfile.count(quick: 1_200, full: 12_000)
        let perWorkload = 100
        var totals = Totals()
        var workloads = 0
        while totals.images < images {
            var random = SplitMix(seed: UInt64(workloads) &* 0x9E37_79B9 &+ 12)
            let run = try Workload.run(random: &random)
            defer {
                run.model.stop()
                try? FileManager.default.removeItem(atPath: run.folder)
            }
            workloads += 1
            totals.operations += run.model.count
            for _ in 0..<min(perWorkload, images - totals.images) {
                try totals.add(CrashImage.check(run, workload: workloads - 1, random: &random))
            }
        }
        let found =
            "\(totals.lost) lost, \(totals.reused) reused seqs, \(totals.corrupt) corrupt delivered, "
            + "\(totals.gaps) gaps announced, \(totals.unannounced) seqs missing unannounced, \(totals.failedOpens) failed opens"
        FaultReport.record(
            part: "power-loss images",
            tried: "\(totals.images) crash images of \(workloads) workloads (\(totals.operations) file operations; \(totals.torn) with torn sectors)",
            found: found)
        #expect(totals.problems.isEmpty, "\(found); first problems: \(totals.problems.prefix(5))")
    }

    struct Totals {
        var images = 0, operations = 0, torn = 0
        var lost = 0, reused = 0, corrupt = 0, gaps = 0, unannounced = 0, failedOpens = 0
        var problems: [String] = []

        mutating func add(_ result: CrashImage.Result) {
            images += 1
            if result.torn { torn += 1 }
            lost += result.lost
            reused += result.reused
            corrupt += result.corrupt
            gaps += result.gaps
            unannounced += result.unannounced
            failedOpens += result.failedOpen ? 1 : 0
            problems += result.problems
        }
    }
}

/// Where workloads and images live: tmpfs when there is one. The model, not the medium,
/// decides what a power cut keeps, so real fsyncs would only cost time.
let scratchFolder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : FileManager.default.temporaryDirectory.path

/// What the workload knew at one moment: what a crash then must not undo.
struct Truth {
    /// File operations done so far: a crash image at or after this point.
    var operations: Int
    var published: Set<UInt64>
    var publishedMax: UInt64
    var acknowledged: UInt64
    var durable: UInt64
    /// Drop ranges whose records-dropped event was published (the consumer has it).
    var announcedPublished: [ClosedRange<UInt64>]
}

/// One run of the store under a random workload, with every file operation recorded.
struct Workload {
    let folder: String
    let model: PageCacheModel
    /// Every record appended, by seq.
    var records: [UInt64: [UInt8]] = [:]
    var truths: [Truth] = []

    static func run(random: inout SplitMix) throws -> Workload {
        let folder = scratchFolder + "/kioskd-powerloss-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var run = Workload(folder: folder, model: PageCacheModel(folder: folder))
        var opened: RecordStore? = try openStore(directory: folder, limits: PowerLossImageTests.limits)
        var store: RecordStore { opened! }
        var published = Set<UInt64>(), publishedMax: UInt64 = 0, cursor: UInt64 = 0
        var announcements: [UInt64: ClosedRange<UInt64>] = [:]
        var n = 0
        func note() {
            let announced = announcements.filter { published.contains($0.key) }.map(\.value)
            run.truths.append(
                Truth(
                    operations: run.model.count, published: published, publishedMax: publishedMax,
                    acknowledged: store.acknowledgedSeq, durable: store.durableSeq, announcedPublished: announced))
        }
        note()
        for _ in 0..<400 {
            switch random.next(100) {
            case 0..<45:
                let batch = (0..<(1 + random.next(4))).map { _ -> NewRecord in
                    n += 1
                    let pad = String(repeating: "p", count: random.next(300))
                    return NewRecord(
                        type: "sample", data: Array(#"{"n":\#(n),"pad":"\#(pad)"}"#.utf8), periodic: random.next(3) == 0,
                        boot: "b", wallMs: 1_795_436_677_000 + Int64(n), monoMs: Int64(n), clock: .synced)
                }
                if let seqs = try? store.append(contentsOf: batch) {
                    for (seq, record) in zip(seqs, batch) {
                        precondition(run.records[seq] == nil, "seq \(seq) handed out twice while running")
                        run.records[seq] = record.data
                    }
                }
            case 45..<65:
                _ = try? store.sync()
            case 65..<80:
                // The publisher: durable records in seq order, after what the broker acknowledged.
                if cursor < store.acknowledgedSeq { cursor = store.acknowledgedSeq }
                for record in try store.pending(after: cursor, limit: 1 + random.next(20)) {
                    published.insert(record.seq)
                    publishedMax = max(publishedMax, record.seq)
                    cursor = record.seq
                }
            case 80..<90:
                // The broker acknowledges a prefix of what was published (never past it).
                if publishedMax > store.acknowledgedSeq {
                    store.acknowledge(through: store.acknowledgedSeq + 1 + UInt64(random.next(Int(publishedMax - store.acknowledgedSeq))))
                }
            case 90..<96:
                // The daemon's tick: each drop report becomes a records-dropped event.
                for report in store.takeDropReports() {
                    let data = Array(#"{"kind":"records-dropped","first_seq":\#(report.firstSeq),"last_seq":\#(report.lastSeq)}"#.utf8)
                    if let seq = try? store.append(NewRecord(type: "event", data: data, boot: "b", clock: .synced)) {
                        run.records[seq] = data
                        announcements[seq] = report.firstSeq...report.lastSeq
                        store.dropsAnnounced([report], inRecord: seq)
                    }
                }
            default:
                // kill -9 and a restart: the page cache keeps every write.
                opened = nil
                opened = try openStore(directory: folder, limits: PowerLossImageTests.limits)
                cursor = store.acknowledgedSeq
            }
            note()
        }
        return run
    }
}

/// One crash image of a workload, opened and checked.
enum CrashImage {
    struct Result {
        var torn = false
        var lost = 0, reused = 0, corrupt = 0, gaps = 0, unannounced = 0
        var failedOpen = false
        var problems: [String] = []
    }

    static func check(_ run: Workload, workload: Int, random: inout SplitMix) throws -> Result {
        var result = Result()
        let crash = random.next(run.model.count + 1)
        // Crashed while the first open ran: nothing was published yet.
        let truth =
            run.truths.last { $0.operations <= crash }
            ?? Truth(operations: 0, published: [], publishedMax: 0, acknowledged: 0, durable: 0, announcedPublished: [])
        let steps = run.model.steps
        let durable = run.model.durable(before: crash)
        // Names change in journal order: a prefix of the unsynced ones survives.
        let nameCut = random.next(crash + 1)
        let mode = random.next(5)
        let dataCut = random.next(crash + 1)
        var choices: [Int: PageCacheModel.Keep] = [:]
        for i in 0..<crash where !durable[i] {
            let step = steps[i]
            if step.isName {
                choices[i] = i < nameCut ? .whole : PageCacheModel.Keep.none
                continue
            }
            switch mode {
            case 0: choices[i] = PageCacheModel.Keep.none
            case 1: choices[i] = .whole
            case 2: choices[i] = random.next(2) == 0 ? .whole : PageCacheModel.Keep.none
            case 3: choices[i] = i < dataCut ? .whole : PageCacheModel.Keep.none
            default:
                let sectors = PageCacheModel.sectors(of: step)
                if sectors > 1 && random.next(3) == 0 {
                    result.torn = true
                    choices[i] = .sectors(Set((0..<sectors).filter { _ in random.next(2) == 0 }))
                } else {
                    choices[i] = random.next(2) == 0 ? .whole : PageCacheModel.Keep.none
                }
            }
        }
        let image = scratchFolder + "/kioskd-image-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: image) }
        try run.model.buildImage(at: crash, into: image) { i, _ in choices[i] ?? PageCacheModel.Keep.none }
        let where_ = "workload \(workload), image at operation \(crash) of \(run.model.count) (mode \(mode))"

        let store: RecordStore
        do {
            store = try openStore(directory: image, limits: PowerLossImageTests.limits)
        } catch {
            result.failedOpen = true
            result.problems.append("\(where_): open failed: \(error)")
            return result
        }
        let acknowledged = store.acknowledgedSeq
        if acknowledged > truth.acknowledged {
            result.problems.append("\(where_): acknowledged \(acknowledged) after the crash, only \(truth.acknowledged) was")
        }
        var announced = truth.announcedPublished
        var delivered: [StoredRecord] = []
        while true {
            let page = try store.pending(after: delivered.last?.seq ?? acknowledged, limit: 500)
            if page.isEmpty { break }
            delivered += page
        }
        var deliveredSeqs = Set<UInt64>()
        var previous = acknowledged
        for record in delivered {
            deliveredSeqs.insert(record.seq)
            if record.seq <= previous { result.problems.append("\(where_): seq \(record.seq) delivered after \(previous)") }
            previous = record.seq
            if record.data != run.records[record.seq] {
                result.corrupt += 1
                result.problems.append("\(where_): seq \(record.seq) delivered with other content")
            }
        }
        // Durable announcements in the image reach the consumer too.
        for event in try store.records(type: "event", limit: 100_000) {
            let text = String(decoding: event.data, as: UTF8.self)
            if let first = number(after: #""first_seq":"#, in: text), let last = number(after: #""last_seq":"#, in: text), first <= last {
                announced.append(first...last)
            }
        }
        // What the store hands the daemon to announce: from the state file, and damage that
        // opening and reading found.
        announced += store.takeDropReports().map { $0.firstSeq...$0.lastSeq }
        func isAnnounced(_ seq: UInt64) -> Bool { announced.contains { $0.contains(seq) } }
        // No durable record lost: what was durable and not acknowledged is delivered, or its drop announced.
        if truth.durable > truth.acknowledged {
            for seq in (truth.acknowledged + 1)...truth.durable where run.records[seq] != nil {
                if !deliveredSeqs.contains(seq) && !isAnnounced(seq) {
                    result.lost += 1
                    if result.lost <= 3 { result.problems.append("\(where_): durable seq \(seq) lost (acknowledged \(truth.acknowledged), durable \(truth.durable))") }
                }
            }
        }
        // No published seq reused: the next record's seq is above all that went out.
        let next: UInt64
        do {
            next = try store.append(NewRecord(type: "probe", data: Array(#"{"probe":true}"#.utf8), boot: "b", clock: .synced))
        } catch {
            result.problems.append("\(where_): append after the crash failed: \(error)")
            return result
        }
        if next <= max(truth.publishedMax, previous) {
            result.reused += 1
            result.problems.append("\(where_): next seq \(next), published up to \(truth.publishedMax)")
        }
        // Every gap announced: a consumer receives what was published and what is delivered now.
        var gapOpen = false
        for seq in 1..<max(next, 1) {
            if truth.published.contains(seq) || deliveredSeqs.contains(seq) {
                gapOpen = false
                continue
            }
            if isAnnounced(seq) {
                if !gapOpen { result.gaps += 1 }
                gapOpen = true
            } else {
                result.unannounced += 1
                if result.unannounced <= 3 {
                    result.problems.append("\(where_): seq \(seq) never reaches the consumer and no event announces it (next \(next), published ≤ \(truth.publishedMax), acknowledged \(acknowledged))")
                }
            }
        }
        try? store.close()
        if !result.problems.isEmpty, let keep = ProcessInfo.processInfo.environment["KIOSK_POWERLOSS_KEEP"] {
            try? FileManager.default.copyItem(atPath: image, toPath: keep + "/image-\(workload)-\(crash)")
        }
        return result
    }

    static func number(after key: String, in text: String) -> UInt64? {
        guard let start = text.range(of: key)?.upperBound else { return nil }
        return UInt64(text[start...].prefix(while: \.isNumber))
    }
}
