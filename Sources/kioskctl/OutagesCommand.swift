import KioskCore

/// `kioskctl outages [--since DUR]`: when the kiosk was cut off, for how long, and why.
enum OutagesCommand: KioskctlCommand {
    static let name = "outages"

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        let entries = try History.read(type: "outage", arguments: arguments, defaultSince: .seconds(7 * 86_400), context)
        var open: ConnectivityStatus?
        if let status = try? context.call("status", as: StatusReport.self), status.connectivity?.outageSince != nil {
            open = status.connectivity
        }
        if context.json {
            Output.json(entries)
            return
        }
        var lines: [String] = []
        if let open, let since = open.outageSince {
            lines.append("\(since)  (going on)".padding(to: 52) + "cause \(open.cause?.rawValue ?? "?")" + (open.detail.map { ": \($0)" } ?? ""))
        }
        for entry in entries {
            let start = entry.data["start"]?.string ?? "?"
            let end = entry.data["end"]?.string ?? "?"
            let duration = entry.data["duration_ms"]?.number.map { Output.span(milliseconds: Int64($0)) } ?? "?"
            let cause = entry.data["cause"]?.string ?? "?"
            let reboots = entry.data["reboots"]?.number.map { $0 > 0 ? ", \(Int($0)) reboot(s)" : "" } ?? ""
            lines.append("\(start) → \(end)".padding(to: 52) + "\(duration.padding(to: 9))cause \(cause)\(reboots)")
        }
        Output.line(lines.isEmpty ? "no outages recorded" : lines.joined(separator: "\n"))
    }
}

/// Reading records of one type for a history command: from kioskd, or from the store itself
/// while kioskd is down.
enum History {
    static func read(type: String, arguments: [String], defaultSince: Duration, _ context: Context) throws(CommandFailure) -> [HistoryEntry] {
        let words = context.words
        var since = defaultSince
        var limit = 50
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard let value = rest.popFirst() else { throw .usage(words("args.needsValue", ["option": argument])) }
            switch argument {
            case "--since":
                since = try Arguments.duration(argument, value, words)
            case "--limit":
                guard let n = Int(value), n > 0 else { throw .usage(words("args.positiveNumber", ["option": argument])) }
                limit = n
            default:
                throw .usage(words("args.unknown", ["argument": argument]))
            }
        }
        let sinceMs = KernelClock.wallMilliseconds() - since.inMilliseconds
        let args: [String: JSONValue] = ["type": .string(type), "since_ms": .number(Double(sinceMs)), "limit": .number(Double(limit))]
        do throws(CommandFailure) {
            return try context.call("history", args: args, as: [HistoryEntry].self)
        } catch {
            guard case .unreachable = error else { throw error }
            let store = try context.openStoreReadOnly()
            do throws(StoreError) {
                let anchor = ClockAnchor.current()
                return try store.records(HistoryEntry.query(from: args)).map { HistoryEntry($0, anchor: anchor) }
            } catch {
                throw .failed(words("records.unreadable", ["reason": "\(error)"]))
            }
        }
    }
}
