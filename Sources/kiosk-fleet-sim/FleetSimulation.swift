#if canImport(Glibc)
import Glibc
#endif
import KioskCore
import KioskFleet

/// The whole run: the checker subscribes, the kiosks start (spread over `startSpread`), record
/// and suffer outages for `duration`, then stop recording; once every store is acknowledged and
/// the checker holds every record, the kiosks stop cleanly and the report is made.
enum FleetSimulation {
    static func main(_ arguments: [String]) -> Int32 {
        let options: SimulationOptions
        do throws(SimulationFailure) {
            options = try SimulationOptions.parse(arguments)
        } catch {
            let text = error.description.isEmpty ? SimulationOptions.usage : "kiosk-fleet-sim: \(error)\n\n\(SimulationOptions.usage)"
            printError(text)
            return error.description.isEmpty ? 0 : 64
        }
        Logger.level = .error  // a thousand clients' reconnections are the point, not news
        raiseFileLimit()
        do {
            let report = try run(options)
            if options.json {
                let encoder = JSON.encoder()
                encoder.outputFormatting.insert(.prettyPrinted)
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                print(report.text)
            }
            return report.zeroLoss ? 0 : 1
        } catch {
            printError("kiosk-fleet-sim: \(error)")
            return 1
        }
    }

    static func run(_ options: SimulationOptions) throws -> SimulationReport {
        var options = options
        if options.storeDirectory.isEmpty {
            let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
            options.storeDirectory = "\(base)/kiosk-fleet-sim-\(getpid())"
        }
        let ownsStoreDirectory = !FileManager.default.fileExists(atPath: options.storeDirectory)
        try FileManager.default.createDirectory(atPath: options.storeDirectory, withIntermediateDirectories: true)
        defer { if ownsStoreDirectory { try? FileManager.default.removeItem(atPath: options.storeDirectory) } }

        let brokerIdle = residentKiB(pid: options.brokerPID)
        let checker = try FleetChecker(options: options)
        defer { checker.stop() }
        let begin = KernelClock.monotonicMilliseconds()
        var kiosks: [SimulatedKiosk] = []
        for index in 0..<options.kiosks {
            kiosks.append(try SimulatedKiosk(index: index + 1, options: options, now: begin))
        }
        var brokerPeak = brokerIdle
        var nextSample: Int64 = 0
        func sample(_ now: Int64) {
            guard now >= nextSample else { return }
            nextSample = now + 1000
            if let rss = residentKiB(pid: options.brokerPID) { brokerPeak = max(brokerPeak ?? rss, rss) }
        }

        // Recording phase.
        let spread = max(1, options.startSpread.inMilliseconds)
        var started = 0
        let end = begin + options.duration.inMilliseconds
        while true {
            let now = KernelClock.monotonicMilliseconds()
            if now >= end { break }
            let due = min(kiosks.count, Int((now - begin) * Int64(kiosks.count) / spread) + 1)
            while started < due {
                kiosks[started].start()
                started += 1
            }
            for kiosk in kiosks.prefix(started) { kiosk.tick(now: now, recording: true) }
            sample(now)
            usleep(20_000)
        }
        while started < kiosks.count {
            kiosks[started].start()
            started += 1
        }

        // Drain: no new records, outages end, every backlog goes out.
        let drainStart = KernelClock.monotonicMilliseconds()
        let drainEnd = drainStart + options.drainTimeout.inMilliseconds
        var pending = kiosks
        while !pending.isEmpty && KernelClock.monotonicMilliseconds() < drainEnd {
            let now = KernelClock.monotonicMilliseconds()
            for kiosk in pending { kiosk.tick(now: now, recording: false) }
            pending = pending.filter { kiosk in
                !(kiosk.acknowledgedSeq >= kiosk.lastSeq && checker.hasEverything(of: kiosk.device, through: kiosk.lastSeq))
            }
            sample(now)
            usleep(50_000)
        }
        let drainMs = KernelClock.monotonicMilliseconds() - drainStart
        let simulatorRSS = residentKiB(pid: nil)
        // One more $SYS period so the broker's counters cover the whole run.
        usleep(1_100_000)
        let tally = checker.snapshot
        let made = kiosks.map { (device: $0.device, lastSeq: $0.lastSeq) }
        for kiosk in kiosks { kiosk.stop() }

        var report = SimulationReport(
            kiosks: kiosks.count, durationMs: options.duration.inMilliseconds, drainMs: drainMs,
            recordsMade: made.reduce(0) { $0 + $1.lastSeq }, recordsDelivered: tally.ledgers.values.reduce(0) { $0 + $1.received },
            missing: 0, outOfOrder: tally.ledgers.values.reduce(0) { $0 + $1.late },
            duplicates: tally.ledgers.values.reduce(0) { $0 + $1.duplicates }, statusMessages: tally.statusMessages,
            undecodable: tally.undecodable, incompleteKiosks: [],
            forcedDisconnects: kiosks.reduce(0) { $0 + $1.forcedDisconnects.values.reduce(0, +) },
            linkDowns: kiosks.reduce(0) { $0 + ($1.forcedDisconnects[.linkDown] ?? 0) },
            crashes: kiosks.reduce(0) { $0 + ($1.forcedDisconnects[.crash] ?? 0) },
            appendFailures: kiosks.reduce(0) { $0 + $1.appendFailures },
            brokerPublishReceivedPerSecond: rate(tally.brokerReceived), brokerPublishSentPerSecond: rate(tally.brokerSent),
            brokerRssIdleKiB: brokerIdle, brokerRssPeakKiB: brokerPeak,
            brokerRssPerKioskKiB: brokerIdle.flatMap { idle in brokerPeak.map { Double($0 - idle) / Double(kiosks.count) } },
            simulatorRssKiB: simulatorRSS, zeroLoss: false)
        for kiosk in made {
            let ledger = tally.ledgers[kiosk.device]
            let through = ledger?.contiguousThrough ?? 0
            // Every distinct seq received is within 1…lastSeq: what is not there is missing.
            let lacking = max(0, Int(kiosk.lastSeq) - (ledger?.received ?? 0))
            let startsAtOne = kiosk.lastSeq == 0 || ledger?.first == 1
            if lacking > 0 || !startsAtOne {
                report.missing += max(lacking, 1)
                if report.incompleteKiosks.count < 10 {
                    report.incompleteKiosks.append(
                        "\(kiosk.device): made 1…\(kiosk.lastSeq), received from \(ledger?.first.map(String.init) ?? "-") through \(through) contiguously, missing \(ledger?.missingSeqs(limit: 5) ?? [])")
                }
            }
        }
        report.zeroLoss = report.missing == 0 && report.outOfOrder == 0 && report.undecodable == 0
            && UInt64(report.recordsDelivered) == report.recordsMade && report.appendFailures == 0
        return report
    }

    private static func rate(_ counter: (first: (Int64, Double), last: (Int64, Double))?) -> Double? {
        guard let counter, counter.last.0 > counter.first.0 else { return nil }
        return (counter.last.1 - counter.first.1) / Double(counter.last.0 - counter.first.0) * 1000
    }

    /// A thousand kiosks need a few file descriptors each (socket, wake-up pipes, segment files).
    private static func raiseFileLimit() {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    }

    private static func printError(_ text: String) {
        var line = text + "\n"
        line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
