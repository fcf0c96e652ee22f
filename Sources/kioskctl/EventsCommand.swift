import KioskCore

/// `kioskctl events [--since DUR] [--limit N]`: what happened while nobody was watching.
enum EventsCommand: KioskctlCommand {
    static let name = "events"
    static let summary = "what happened: starts, stops, clock sync, reloads, dropped records"
    static let help = """
        usage: kioskctl events [--since DUR] [--limit N] [--json]

        Lists the kiosk's event records, newest first: kioskd started or stopped, the clock
        synced, the configuration reloaded, records dropped (and which). --since takes a
        duration such as 30m, 12h or 7d (default 7d); --limit caps the list (default 50).
        Works while kioskd is not running too: then it reads the store directly, read-only.
        """

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        let entries = try History.read(type: "event", arguments: arguments, defaultSince: .seconds(7 * 86_400), context)
        if context.json {
            Output.json(entries)
        } else if entries.isEmpty {
            Output.line("no events recorded")
        } else {
            Output.line(entries.map(render).joined(separator: "\n"))
        }
    }

    static func render(_ entry: HistoryEntry) -> String {
        let kind = entry.data["kind"]?.string ?? "?"
        let message = entry.data["message"]?.string ?? ""
        let mark = entry.clock == .unsynced ? " (clock unsynced)" : ""
        return "\(entry.ts)  \(kind.padding(to: 16))\(message)\(mark)"
    }
}
