import KioskCore
import KioskFleet
import KioskMQTT

/// The human table of `kioskctl fleet`: a header with the totals, one line per kiosk (sorted
/// by site, then device), and the kiosks whose records have gaps.
enum FleetTable {
    static func render(_ snapshot: FleetSnapshot, state: BrokerSubscriber.State) -> String {
        let totals = snapshot.totals
        var lines: [String] = []
        let connection: String
        switch state {
        case .subscribed: connection = "subscribed"
        case .connecting: connection = "connecting"
        case .disconnected(let reason): connection = "DISCONNECTED (\(reason)); retrying"
        case .stopped: connection = "stopped"
        }
        lines.append("fleet  \(snapshot.broker)  \(snapshot.filters.joined(separator: " "))  \(connection)")
        lines.append(
            "\(totals.kiosks) kiosks: \(totals.online) online, \(totals.offline) offline;  "
                + "\(totals.records) records, \(totals.duplicates) duplicates, \(totals.missing) missing;  "
                + "today \(snapshot.day), watching \(Output.span(milliseconds: snapshot.windowMs))")
        lines.append("")
        let header = ["DEVICE", "SITE", "STATUS", "LAST SEEN", "NETWORK", "BACKLOG", "SESSIONS", "OUTAGES", "RECORDS", "DUP", "MISSING"]
        var rows: [[String]] = [header]
        let nowMs = KernelClock.wallMilliseconds()
        for kiosk in snapshot.kiosks {
            var status = kiosk.presence
            if let reason = kiosk.presenceReason, kiosk.presence == "offline" { status += " (\(reason))" }
            let seen = kiosk.lastSeen.flatMap(fleetMilliseconds).map { Output.span(milliseconds: nowMs - $0) + " ago" } ?? "-"
            var network = kiosk.connectivity ?? "-"
            if let cause = kiosk.connectivityCause, kiosk.connectivity != "online" { network += " (\(cause))" }
            rows.append([
                kiosk.device, kiosk.site, status, seen, network, kiosk.backlog.map(String.init) ?? "-",
                String(kiosk.sessionsToday), String(kiosk.outagesToday), String(kiosk.records), String(kiosk.duplicates),
                String(kiosk.missing),
            ])
        }
        var widths = Array(repeating: 0, count: header.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        for row in rows {
            lines.append(row.enumerated().map { $0.offset == row.count - 1 ? $0.element : $0.element.padding(to: widths[$0.offset] + 1) }.joined())
        }
        if snapshot.kiosks.isEmpty { lines.append("(no kiosk heard from yet)") }
        let gaps = snapshot.kiosks.filter { $0.missing > 0 }
        if !gaps.isEmpty {
            lines.append("")
            for kiosk in gaps {
                let seqs = kiosk.missingSeqs.map(String.init).joined(separator: " ")
                lines.append("gap: \(kiosk.device) misses \(kiosk.missing) record(s): seq \(seqs)\(kiosk.missing > kiosk.missingSeqs.count ? " …" : "")")
            }
        }
        return lines.joined(separator: "\n")
    }
}
