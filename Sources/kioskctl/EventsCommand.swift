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
        var since: Duration = .seconds(7 * 86_400)
        var limit = 50
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard let value = rest.popFirst() else { throw .usage("\(argument) needs a value") }
            switch argument {
            case "--since":
                do throws(InvalidValue) {
                    since = try ConfigValue.duration(value)
                } catch {
                    throw .usage("--since: \(error)")
                }
            case "--limit":
                guard let n = Int(value), n > 0 else { throw .usage("--limit needs a positive number") }
                limit = n
            default:
                throw .usage("unknown argument \(argument)")
            }
        }
        let sinceMs = KernelClock.wallMilliseconds() - since.inMilliseconds
        let args: [String: JSONValue] = ["type": .string("event"), "since_ms": .number(Double(sinceMs)), "limit": .number(Double(limit))]
        let entries: [HistoryEntry]
        do throws(CommandFailure) {
            entries = try context.call("history", args: args, as: [HistoryEntry].self)
        } catch {
            guard case .unreachable = error else { throw error }
            let store = try context.openStoreReadOnly()
            do throws(StoreError) {
                entries = try store.records(HistoryEntry.query(from: args)).map { HistoryEntry($0) }
            } catch {
                throw .failed("cannot read the record store: \(error)")
            }
        }
        if context.json {
            Output.json(entries)
        } else if entries.isEmpty {
            Output.line("no events in the last \(ConfigValue.format(since))")
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
