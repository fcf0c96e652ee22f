import KioskCore

/// `kioskctl report [--day YYYY-MM-DD]`: one day of the kiosk, as the daily `summary` has it.
enum ReportCommand: KioskctlCommand {
    static let name = "report"

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        var day: String?
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard argument == "--day", let value = rest.popFirst() else { throw .usage("unknown argument \(argument)") }
            guard LocalDay(value) != nil else { throw .usage("--day needs a date as YYYY-MM-DD, not \(value)") }
            day = value
        }
        let report = try summary(day: day, context)
        if context.json {
            Output.json(report)
        } else {
            Output.line(render(report))
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
        let config: Config
        let zone: LocalTimeZone
        do throws(ConfigError) {
            config = try ConfigLoader.load(path: context.options.configPath).config
        } catch {
            throw .failed("configuration has errors: \(error)")
        }
        do throws(InvalidValue) {
            zone = try LocalTimeZone.load(config.device.timezone)
        } catch {
            throw .failed("[device] timezone: \(error.message)")
        }
        let today = zone.day(atUTC: KernelClock.wallMilliseconds())
        let day = text.flatMap(LocalDay.init) ?? today
        let store = try context.openStoreReadOnly()
        do throws(StoreError) {
            return try DailySummary.compute(day: day, zone: zone, store: store, anchor: ClockAnchor.current(), partial: day >= today)
        } catch {
            throw .failed("cannot read the record store: \(error)")
        }
    }

    static func render(_ report: DailySummary) -> String {
        let usage = report.sessions
        let net = report.connectivity
        var lines = [
            "day       \(report.day) (\(report.timezone))" + (report.partial == true ? ", so far" : ""),
            "sessions  \(usage.count)" + (usage.count > 0
                ? ", total \(Output.span(milliseconds: usage.totalMs)), median \(Output.span(milliseconds: usage.medianMs)), longest \(Output.span(milliseconds: usage.longestMs))"
                : ""),
        ]
        if usage.count > 0 {
            let reasons = SessionEndReason.allCases.compactMap { reason in
                usage.endReasons[reason.rawValue].flatMap { $0 > 0 ? "\($0) \(reason.rawValue)" : nil }
            }
            lines.append("          ended: " + reasons.joined(separator: ", "))
            if !usage.labels.isEmpty {
                lines.append("          labels: " + usage.labels.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            }
            lines.append(contentsOf: chart(usage.perHour))
        }
        if net.rounds > 0 {
            let share = Int((net.onlineShare * 100).rounded())
            lines.append("network   online \(share)% of \(net.rounds) probe rounds; \(net.outages) outage(s)"
                + (net.outages > 0 ? ", longest \(Output.span(milliseconds: net.longestOutageMs))" : ""))
        } else {
            lines.append("network   not watched that day")
        }
        lines.append("queue     \(report.queue.pendingRecords) waiting, \(report.queue.droppedRecords) dropped that day, \(report.queue.droppedTotal) lost in all")
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
