import KioskCore

/// `kioskctl health [--since DUR]`: the connectivity samples kioskd recorded.
enum HealthCommand: KioskctlCommand {
    static let name = "health"

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        let entries = try History.read(type: "health", arguments: arguments, defaultSince: .seconds(86_400), context)
        if context.json {
            Output.json(entries)
            return
        }
        guard !entries.isEmpty else {
            Output.line("no health samples yet")
            return
        }
        var lines: [String] = []
        for entry in entries {
            let state = entry.data["state"]?.string ?? "?"
            let cause = entry.data["cause"]?.string.map { " (\($0))" } ?? ""
            lines.append("\(entry.ts)  \(state)\(cause)")
            if case .array(let probes)? = entry.data["probes"] {
                for probe in probes {
                    let name = probe["name"]?.string ?? "?"
                    let loss = probe["loss"]?.number.map { "loss \(Int($0 * 100))%" } ?? ""
                    let p50 = probe["rtt_p50_ms"]?.number.map { ", p50 \(DoctorCommand.milliseconds($0))" } ?? ""
                    let p95 = probe["rtt_p95_ms"]?.number.map { ", p95 \(DoctorCommand.milliseconds($0))" } ?? ""
                    lines.append("    " + name.padding(to: 20) + loss + p50 + p95)
                }
            }
        }
        Output.line(lines.joined(separator: "\n"))
    }
}
