import KioskCore

/// `kioskctl health [--since DUR]`: the connectivity samples kioskd recorded.
enum HealthCommand: KioskctlCommand {
    static let name = "health"

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        let words = context.words
        let entries = try History.read(type: "health", arguments: arguments, defaultSince: .seconds(86_400), context)
        if context.json {
            Output.json(entries)
            return
        }
        guard !entries.isEmpty else {
            Output.line(words("health.none"))
            return
        }
        var lines: [String] = []
        let times = Output.aligned(entries.map { words.time($0.ts) })
        for (entry, time) in zip(entries, times) {
            let code = entry.data["state"]?.string ?? "?"
            let state = ConnectivityState(rawValue: code).map { Self.state($0, words) } ?? code
            let cause = entry.data["cause"]?.string.map { words("health.cause", ["layer": $0]) } ?? ""
            lines.append(time + state + cause)
            if case .array(let probes)? = entry.data["probes"] {
                for probe in probes {
                    let name = probe["name"]?.string ?? "?"
                    let loss = probe["loss"]?.number.map { words("health.loss", ["percent": "\(Int($0 * 100))"]) } ?? ""
                    let p50 = probe["rtt_p50_ms"]?.number.map { words("health.p50", ["rtt": DoctorCommand.milliseconds($0)]) } ?? ""
                    let p95 = probe["rtt_p95_ms"]?.number.map { words("health.p95", ["rtt": DoctorCommand.milliseconds($0)]) } ?? ""
                    lines.append("    " + name.padding(to: 20) + loss + p50 + p95)
                }
            }
        }
        Output.line(lines.joined(separator: "\n"))
    }

    /// A connectivity state in words: `online` stays `online` in English.
    static func state(_ state: ConnectivityState, _ words: Words) -> String {
        words("health.state." + state.rawValue)
    }
}
