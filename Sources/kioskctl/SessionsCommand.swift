import KioskCore

/// `kioskctl sessions [--since DUR]`: the visitor sessions kioskd recorded.
enum SessionsCommand: KioskctlCommand {
    static let name = "sessions"

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        let words = context.words
        let entries = try History.read(type: "session", arguments: arguments, defaultSince: .seconds(7 * 86_400), context)
        let open = (try? context.call("status", as: StatusReport.self))?.session
        if context.json {
            Output.json(entries)
            return
        }
        var rows: [[String]] = []
        if let open {
            rows.append([words.time(open.start), words.span(milliseconds: open.elapsedMs), words("sessions.goingOn"), "", "", open.label ?? ""])
        }
        for entry in entries {
            guard let session = entry.decode(SessionRecord.self) else { continue }
            rows.append([
                words.time(session.start), words.span(milliseconds: session.durationMs),
                words("sessions.active", ["span": words.span(milliseconds: session.activeMs)]),
                SessionCommand.reason(session.endReason, words), session.source.rawValue, session.label ?? "",
            ])
        }
        Output.line(rows.isEmpty ? words("sessions.none") : Output.table(rows, gap: 2).joined(separator: "\n"))
    }
}
