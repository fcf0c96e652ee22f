import KioskCore

/// `kioskctl outages [--since DUR]`: when the kiosk was cut off, for how long, and why.
enum OutagesCommand: KioskctlCommand {
    static let name = "outages"

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        let w = context.words
        let entries = try History.read(type: "outage", arguments: arguments, defaultSince: .seconds(7 * 86_400), context)
        let status = try? context.call("status", as: StatusReport.self)
        if context.json {
            Output.json(entries)
            return
        }
        var lines = Timeline.lines(try Timeline.day(outages: entries, status: status, context), w, context.paint)
        lines.append("")
        if let open = status?.connectivity, let since = open.outageSince {
            let cause = open.cause.map { w("layer." + $0.rawValue) } ?? "?"
            lines.append(Output.wrap(
                w("outages.open", ["start": w.time(since), "cause": cause]) + (open.detail.map { ": \($0)" } ?? ""), indent: 2))
        }
        for entry in entries {
            let start = entry.data["start"]?.string.map { w.time($0) } ?? "?"
            let end = entry.data["end"]?.string.map { w.time($0) } ?? "?"
            let duration = entry.data["duration_ms"]?.number.map { w.span(milliseconds: Int64($0)) } ?? "?"
            let cause = entry.data["cause"]?.string.map { w("layer." + $0) } ?? "?"
            var line = "\(start) → \(end)".padding(to: 36) + duration.padding(to: 16) + w("outages.cause", ["cause": cause])
            if let reboots = entry.data["reboots"]?.number, reboots > 0 {
                line += w("outages.reboots", ["count": "\(Int(reboots))"])
            }
            lines.append(Output.wrap(line, indent: 2))
        }
        if entries.isEmpty && status?.connectivity?.outageSince == nil { lines.append(w("outages.none")) }
        Output.line(lines.joined(separator: "\n"))
    }
}

/// The last 24 hours at a glance: one mark per 15 minutes, online / degraded / portal /
/// offline / not running, from the `health` records (each covers the `[health]
/// publish_interval` before it), the `outage` records and the outage going on.
enum Timeline {
    enum Mark: Int, Comparable {
        case notRunning, online, degraded, portal, offline

        static func < (a: Mark, b: Mark) -> Bool { a.rawValue < b.rawValue }

        init?(_ state: String) {
            switch state {
            case "online": self = .online
            case "degraded": self = .degraded
            case "portal": self = .portal
            case "offline": self = .offline
            default: return nil
            }
        }

        var symbol: Character {
            switch self {
            case .notRunning: "."
            case .online: "="
            case .degraded: "~"
            case .portal: "p"
            case .offline: "X"
            }
        }
    }

    static let slotMs: Int64 = 15 * 60_000
    static let slots = 96

    /// The 96 marks ending with the quarter hour going on now, oldest first.
    static func day(outages: [HistoryEntry], status: StatusReport?, _ context: Context) throws(CommandFailure) -> (marks: [Mark], endMs: Int64) {
        let now = KernelClock.wallMilliseconds()
        let end = (now / slotMs + 1) * slotMs
        let start = end - Int64(slots) * slotMs
        var marks = [Mark](repeating: .notRunning, count: slots)
        func mark(_ from: Int64, _ to: Int64, _ value: Mark) {
            guard to > start, from < end else { return }
            let first = Int((max(from, start) - start) / slotMs), last = Int((min(to, end) - 1 - start) / slotMs)
            guard first <= last else { return }
            for index in first...last { marks[index] = max(marks[index], value) }
        }
        let interval = context.config?.health.publishInterval.inMilliseconds ?? 300_000
        let health = try History.read(type: "health", since: .milliseconds(now - start), limit: 5000, context)
        for entry in health {
            guard let at = KernelClock.milliseconds(rfc3339: entry.ts), let state = entry.data["state"]?.string, let value = Mark(state)
            else { continue }
            mark(at - interval, at, value)
        }
        for entry in outages {
            guard let from = entry.data["start"]?.string.flatMap(KernelClock.milliseconds(rfc3339:)),
                let to = entry.data["end"]?.string.flatMap(KernelClock.milliseconds(rfc3339:))
            else { continue }
            mark(from, to, entry.data["cause"]?.string == "portal" ? .portal : .offline)
        }
        if let net = status?.connectivity {
            if let value = Mark(net.state.rawValue) { mark(now - 1, now, value) }
            if let since = net.outageSince.flatMap(KernelClock.milliseconds(rfc3339:)) {
                mark(since, now, net.state == .portal ? .portal : .offline)
            }
        }
        return (marks, end)
    }

    /// Two lines of 12 hours (80 columns) under a legend, each starting with its local time.
    static func lines(_ day: (marks: [Mark], endMs: Int64), _ w: Words, _ paint: Paint) -> [String] {
        var lines = [w("outages.timeline.title"), Output.wrap("  " + w("outages.timeline.legend"), indent: 2)]
        let half = slots / 2
        for part in 0..<2 {
            let fromMs = day.endMs - Int64(slots - part * half) * slotMs
            var line = "  " + w.clock(milliseconds: fromMs) + " "
            for mark in day.marks[(part * half)..<((part + 1) * half)] { line += symbol(mark, paint) }
            line += " " + (part == 0 ? w.clock(milliseconds: fromMs + Int64(half) * slotMs) : w("outages.timeline.now"))
            lines.append(line)
        }
        return lines
    }

    private static func symbol(_ mark: Mark, _ paint: Paint) -> String {
        let symbol = String(mark.symbol)
        switch mark {
        case .online: return paint.good(symbol)
        case .degraded, .portal: return paint.warn(symbol)
        case .offline: return paint.bad(symbol)
        case .notRunning: return paint.dim(symbol)
        }
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
        return try read(type: type, since: since, limit: limit, context)
    }

    /// The newest `limit` records of `type` of the last `since`.
    static func read(type: String, since: Duration, limit: Int, _ context: Context) throws(CommandFailure) -> [HistoryEntry] {
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
                throw .failed(context.words("records.unreadable", ["reason": "\(error)"]))
            }
        }
    }
}
