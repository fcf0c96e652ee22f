import KioskCore

/// `kioskctl events [--since DUR] [--limit N]`: what happened while nobody was watching.
enum EventsCommand: KioskctlCommand {
    static let name = "events"

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
