import KioskCore
import KioskFleet
import KioskMQTT

/// The human table of `kioskctl fleet`: a header with the totals, one line per kiosk (sorted
/// by site, then device), and the kiosks whose records have gaps.
enum FleetTable {
    static func render(_ snapshot: FleetSnapshot, state: BrokerSubscriber.State, _ words: Words) -> String {
        let totals = snapshot.totals
        var lines: [String] = []
        let connection: String
        switch state {
        case .subscribed: connection = words("fleet.subscribed")
        case .connecting: connection = words("fleet.connecting")
        case .disconnected(let reason): connection = words("fleet.disconnected", ["reason": reason])
        case .stopped: connection = words("fleet.stopped")
        }
        lines.append(words("fleet.header", [
            "broker": snapshot.broker, "filters": snapshot.filters.joined(separator: " "), "connection": connection,
        ]))
        lines.append(words("fleet.totals", [
            "kiosks": "\(totals.kiosks)", "online": "\(totals.online)", "offline": "\(totals.offline)",
            "day": snapshot.day, "span": words.span(milliseconds: snapshot.windowMs),
        ]))
        lines.append(words("fleet.records", [
            "records": "\(totals.records)", "duplicates": "\(totals.duplicates)", "missing": "\(totals.missing)",
        ]))
        lines.append("")
        let header = [
            "device", "site", "status", "lastSeen", "network", "backlog", "sessions", "outages", "records", "duplicates", "missing",
        ].map { words("fleet.column." + $0) }
        var rows: [[String]] = [header]
        let nowMs = KernelClock.wallMilliseconds()
        for kiosk in snapshot.kiosks {
            var status = presence(kiosk.presence, words)
            if let reason = kiosk.presenceReason, kiosk.presence == "offline" { status += " (\(reason))" }
            let seen = kiosk.lastSeen.flatMap(KernelClock.milliseconds(rfc3339:)).map { words("fleet.ago", ["span": words.span(milliseconds: nowMs - $0)]) } ?? "-"
            var network = kiosk.connectivity.map { connectivity($0, words) } ?? "-"
            if let cause = kiosk.connectivityCause, kiosk.connectivity != "online" { network += " (\(cause))" }
            rows.append([
                kiosk.device, kiosk.site, status, seen, network, kiosk.backlog.map(String.init) ?? "-",
                String(kiosk.sessionsToday), String(kiosk.outagesToday), String(kiosk.records), String(kiosk.duplicates),
                String(kiosk.missing),
            ])
        }
        lines.append(contentsOf: Output.table(rows))
        if snapshot.kiosks.isEmpty { lines.append(words("fleet.noKiosk")) }
        let gaps = snapshot.kiosks.filter { $0.missing > 0 }
        if !gaps.isEmpty {
            lines.append("")
            for kiosk in gaps {
                let seqs = kiosk.missingSeqs.map(String.init).joined(separator: " ") + (kiosk.missing > kiosk.missingSeqs.count ? " …" : "")
                lines.append(words("fleet.gap", ["device": kiosk.device, "count": "\(kiosk.missing)", "seqs": seqs]))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `online` or `offline` in words; another value (a newer kiosk's) as it came.
    private static func presence(_ code: String, _ words: Words) -> String {
        code == "online" || code == "offline" ? words("fleet.presence." + code) : code
    }

    /// A kiosk's connectivity state in words, as `health` shows it.
    private static func connectivity(_ code: String, _ words: Words) -> String {
        ConnectivityState(rawValue: code).map { HealthCommand.state($0, words) } ?? code
    }
}
