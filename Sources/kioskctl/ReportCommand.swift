import KioskCore

/// `kioskctl report [--day YYYY-MM-DD]`: one day of the kiosk, as the daily `summary` has it.
enum ReportCommand: KioskctlCommand {
    static let name = "report"

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        let words = context.words
        var day: String?
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard argument == "--day", let value = rest.popFirst() else { throw .usage(words("args.unknown", ["argument": argument])) }
            guard LocalDay(value) != nil else { throw .usage(words("report.badDay", ["day": value])) }
            day = value
        }
        let report = try summary(day: day, context)
        if context.json {
            Output.json(report)
        } else {
            Output.line(render(report, words))
        }
    }

    /// The summary of `day` (nil: today so far), from kioskd or, while it is down, computed here.
    static func summary(day: String?, _ context: Context) throws(CommandFailure) -> DailySummary {
        do throws(CommandFailure) {
            return try context.call("report", args: day.map { ["day": .string($0)] } ?? [:], as: DailySummary.self)
        } catch {
            guard case .unreachable = error else { throw error }
            return try computeLocally(day: day, context)
        }
    }

    /// kioskd is down: the same computation, on the store opened read-only.
    static func computeLocally(day text: String?, _ context: Context) throws(CommandFailure) -> DailySummary {
        let words = context.words
        let config: Config
        let zone: LocalTimeZone
        do throws(ConfigError) {
            config = try ConfigLoader.load(path: context.options.configPath).config
        } catch {
            throw .failed(words("report.configErrors", ["errors": ConfigCommand.describe(error, words)]))
        }
        do throws(InvalidValue) {
            zone = try LocalTimeZone.load(config.device.timezone)
        } catch {
            throw .failed(words("report.badZone", ["reason": error.message]))
        }
        let today = zone.day(atUTC: KernelClock.wallMilliseconds())
        let day = text.flatMap(LocalDay.init) ?? today
        let store = try context.openStoreReadOnly()
        do throws(StoreError) {
            return try DailySummary.compute(day: day, zone: zone, store: store, anchor: ClockAnchor.current(), partial: day >= today)
        } catch {
            throw .failed(words("records.unreadable", ["reason": "\(error)"]))
        }
    }

    static func render(_ report: DailySummary, _ words: Words) -> String {
        let usage = report.sessions
        let net = report.connectivity
        var lines = [
            words("report.day", ["day": report.day.description, "zone": report.timezone])
                + (report.partial == true ? words("report.soFar") : ""),
            words("report.sessions", ["count": "\(usage.count)"]) + (usage.count > 0
                ? words("report.durations", [
                    "total": words.span(milliseconds: usage.totalMs), "median": words.span(milliseconds: usage.medianMs),
                    "longest": words.span(milliseconds: usage.longestMs),
                ])
                : ""),
        ]
        if usage.count > 0 {
            let reasons = SessionEndReason.allCases.compactMap { reason in
                usage.endReasons[reason.rawValue].flatMap { $0 > 0 ? "\($0) " + SessionCommand.reason(reason, words) : nil }
            }
            lines.append(words("report.ended", ["reasons": reasons.joined(separator: ", ")]))
            if !usage.labels.isEmpty {
                let labels = usage.labels.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                lines.append(words("report.labels", ["labels": labels.joined(separator: ", ")]))
            }
            lines.append(contentsOf: chart(usage.perHour))
        }
        if net.rounds > 0 {
            let share = Int((net.onlineShare * 100).rounded())
            lines.append(words("report.network", ["share": "\(share)", "rounds": "\(net.rounds)", "outages": "\(net.outages)"])
                + (net.outages > 0 ? words("report.longestOutage", ["span": words.span(milliseconds: net.longestOutageMs)]) : ""))
        } else {
            lines.append(words("report.notWatched"))
        }
        lines.append(words("report.queue", [
            "pending": "\(report.queue.pendingRecords)", "dropped": "\(report.queue.droppedRecords)",
            "lost": "\(report.queue.droppedTotal)",
        ]))
        return lines.joined(separator: "\n")
    }

    /// Sessions per local hour, from the first busy hour to the last, with a bar scaled to
    /// the busiest hour.
    static func chart(_ perHour: [Int]) -> [String] {
        guard let first = perHour.firstIndex(where: { $0 > 0 }), let last = perHour.lastIndex(where: { $0 > 0 }) else { return [] }
        let busiest = perHour.max() ?? 1
        let width = 40
        return (first...last).map { hour in
            let count = perHour[hour]
            let bar = String(repeating: "█", count: count == 0 ? 0 : max(1, count * width / busiest))
            return "  " + (hour < 10 ? "0\(hour)" : "\(hour)") + ":00 " + bar + (count > 0 ? " \(count)" : "")
        }
    }
}
