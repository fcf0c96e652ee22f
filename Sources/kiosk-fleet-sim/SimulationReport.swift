import KioskCore

/// What a simulation run found: the consumer check and the broker's cost. Printed as text, or
/// as one JSON document with `--json` (what the tests read).
struct SimulationReport: Encodable {
    var kiosks: Int
    var durationMs: Int64
    var drainMs: Int64
    /// Records the kiosks made (the sum of their stores' last seq).
    var recordsMade: UInt64
    /// Distinct (device, seq) records the consumer received.
    var recordsDelivered: Int
    var missing: Int
    /// Records that arrived after a higher seq of the same kiosk (first arrivals out of order).
    var outOfOrder: Int
    var duplicates: Int
    var statusMessages: Int
    var undecodable: Int
    /// Kiosks not holding every record 1…lastSeq at the end, with what they lack (at most 10).
    var incompleteKiosks: [String]
    var forcedDisconnects: Int
    var linkDowns: Int
    var crashes: Int
    var appendFailures: Int
    var brokerPublishReceivedPerSecond: Double?
    var brokerPublishSentPerSecond: Double?
    var brokerRssIdleKiB: Int?
    var brokerRssPeakKiB: Int?
    var brokerRssPerKioskKiB: Double?
    var simulatorRssKiB: Int?
    var zeroLoss: Bool

    var text: String {
        func n(_ value: some BinaryInteger) -> String {
            let digits = Array(String(value))
            var out = ""
            for (index, digit) in digits.enumerated() {
                if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
                out.append(digit)
            }
            return out
        }
        func f(_ value: Double, _ places: Int = 1) -> String {
            var scale = 1.0
            for _ in 0..<places { scale *= 10 }
            let rounded = (value * scale).rounded() / scale
            return "\(rounded)"
        }
        var lines = [
            "fleet simulation: \(kiosks) kiosks for \(durationMs / 1000) s, then \(f(Double(drainMs) / 1000)) s to drain every backlog",
            "  records made        \(n(recordsMade))",
            "  records delivered   \(n(recordsDelivered)) distinct (device, seq); missing \(n(missing)); out of order \(n(outOfOrder)); duplicates \(n(duplicates)) (at-least-once resends)",
            "  forced disconnects  \(n(forcedDisconnects)) (\(n(linkDowns)) uplink lost, \(n(crashes)) kioskd killed and restarted)",
            "  status messages     \(n(statusMessages)) (online, Last Will, shutdown, reconfigured)",
        ]
        if let received = brokerPublishReceivedPerSecond, let sent = brokerPublishSentPerSecond {
            lines.append("  broker              PUBLISH received \(f(received)) /s, sent \(f(sent)) /s (its own $SYS counters over the run)")
        }
        if let idle = brokerRssIdleKiB, let peak = brokerRssPeakKiB, let perKiosk = brokerRssPerKioskKiB {
            lines.append("  broker memory       RSS \(f(Double(idle) / 1024)) MiB idle, \(f(Double(peak) / 1024)) MiB at peak: \(f(perKiosk)) KiB per kiosk")
        }
        if let own = simulatorRssKiB {
            lines.append("  simulator memory    RSS \(f(Double(own) / 1024)) MiB (\(f(Double(own) / Double(max(1, kiosks)))) KiB per simulated kiosk, a network thread each)")
        }
        if !incompleteKiosks.isEmpty { lines.append("  incomplete: " + incompleteKiosks.joined(separator: "; ")) }
        if appendFailures > 0 { lines.append("  append failures     \(appendFailures)") }
        lines.append(zeroLoss ? "  verdict             ZERO LOSS: every record of every kiosk arrived, in order" : "  verdict             RECORDS LOST")
        return lines.joined(separator: "\n")
    }
}

/// Resident memory of a process from /proc (KiB), or nil.
func residentKiB(pid: Int32?) -> Int? {
    let path = pid.map { "/proc/\($0)/status" } ?? "/proc/self/status"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    }
    return nil
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
