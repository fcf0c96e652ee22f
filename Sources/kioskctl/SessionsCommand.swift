import KioskCore

/// `kioskctl sessions [--since DUR]`: the visitor sessions kioskd recorded.
enum SessionsCommand: KioskctlCommand {
    static let name = "sessions"

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        let entries = try History.read(type: "session", arguments: arguments, defaultSince: .seconds(7 * 86_400), context)
        let open = (try? context.call("status", as: StatusReport.self))?.session
        if context.json {
            Output.json(entries)
            return
        }
        var lines: [String] = []
        if let open {
            lines.append("\(open.start)  (going on)  \(Output.span(milliseconds: open.elapsedMs))" + (open.label.map { "  \($0)" } ?? ""))
        }
        for entry in entries {
            guard let session = entry.decode(SessionRecord.self) else { continue }
            let figures = Output.span(milliseconds: session.durationMs).padding(to: 9)
                + ("active " + Output.span(milliseconds: session.activeMs)).padding(to: 16)
                + session.endReason.rawValue.padding(to: 12) + session.source.rawValue.padding(to: 6)
            lines.append("\(session.start)  " + figures + (session.label ?? ""))
        }
        Output.line(lines.isEmpty ? "no sessions recorded" : lines.joined(separator: "\n"))
    }
}
