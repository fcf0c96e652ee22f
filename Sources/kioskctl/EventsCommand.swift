import KioskCore

/// `kioskctl events [--since DUR] [--limit N]`: what happened while nobody was watching.
enum EventsCommand: KioskctlCommand {
    static let name = "events"

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        let words = context.words
        let entries = try History.read(type: "event", arguments: arguments, defaultSince: .seconds(7 * 86_400), context)
        if context.json {
            Output.json(entries)
        } else if entries.isEmpty {
            Output.line(words("events.none"))
        } else {
            let times = Output.aligned(entries.map { words.time($0.ts) })
            Output.line(zip(entries, times).map { render($0, time: $1, words) }.joined(separator: "\n"))
        }
    }

    /// The kind is the record's code and the message kioskd's own words (the record's, in
    /// English, as the broker got it); only the time and the unsynced mark are translated.
    static func render(_ entry: HistoryEntry, time: String, _ words: Words) -> String {
        let kind = entry.data["kind"]?.string ?? "?"
        let message = entry.data["message"]?.string ?? ""
        let mark = entry.clock == .unsynced ? words("events.unsynced") : ""
        return time + kind.padding(to: 16) + message + mark
    }
}
