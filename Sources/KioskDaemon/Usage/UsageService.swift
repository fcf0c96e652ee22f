#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import KioskCore

/// Sessions and the daily summary, on the main loop: the `session` commands, activity from
/// input devices, idle timeouts, the `session` records, and the `summary` at local midnight.
///
/// Requests only change memory and answer; the durable work (the session journal, appending
/// and syncing records) runs in `tick`, which the main loop calls right after handling
/// requests — so a `session activity` costs no disk write and `session start` no fsync
/// before its answer.
final class UsageService {
    private let tracker: SessionTracker
    private let recorder: Recorder
    private var config: Config
    private var zone: LocalTimeZone
    private var input: InputActivity?
    private var summary: SummarySchedule
    private let log = Logger("usage")
    /// Sessions appended this run whose sync has not yet succeeded: never appended twice.
    private var appended: Set<String> = []
    private var reportedProblem: String?
    private let reports = SummaryReports()

    init(config: Config, recorder: Recorder) {
        self.config = config
        self.recorder = recorder
        let directory = config.storage.dir + "/usage"
        tracker = SessionTracker(directory: directory, idleTimeout: config.sessions.idleTimeout, labels: config.sessions.labels)
        zone = Self.zone(for: config, log: log)
        summary = SummarySchedule(directory: directory)
        input = config.sessions.input.isEmpty ? nil : InputActivity(selection: config.sessions.input)
    }

    private static func zone(for config: Config, log: Logger) -> LocalTimeZone {
        do throws(InvalidValue) {
            return try LocalTimeZone.load(config.device.timezone)
        } catch {
            log.error("no time zone for the daily summary; using UTC", ["error": error.message])
            return .utc
        }
    }

    /// Stores what the previous run left (sessions interrupted or not yet stored).
    func start() {
        for record in tracker.ended where record.endReason == .interrupted {
            log.warning("a session was interrupted by a crash or power cut", ["id": record.id, "ended": record.end])
        }
        if let problem = summary.problem { log.warning(problem) }
        tick()
    }

    func update(config: Config) {
        let inputChanged = config.sessions.input != self.config.sessions.input
        self.config = config
        tracker.idleTimeout = config.sessions.idleTimeout
        tracker.labels = config.sessions.labels
        zone = Self.zone(for: config, log: log)
        if inputChanged {
            input = config.sessions.input.isEmpty ? nil : InputActivity(selection: config.sessions.input)
        }
    }

    /// A visitor session is going on (the `session` LED).
    var isActive: Bool { tracker.open != nil }

    var current: SessionStatus? {
        tracker.open.map { SessionStatus($0, now: .now(), idleTimeout: config.sessions.idleTimeout) }
    }

    // MARK: main loop

    var nextDeadline: Int64 {
        var next = KernelClock.monotonicMilliseconds() + 60_000
        if let deadline = tracker.nextDeadline { next = min(next, deadline) }
        if let input { next = min(next, input.nextDeadline) }
        if let report = reports.nextDeadline(now: KernelClock.monotonicMilliseconds()) { next = min(next, report) }
        return next
    }

    func pollDescriptors() -> [pollfd] { input?.pollDescriptors() ?? [] }

    /// Input events; updates memory only (the journal waits for `tick`).
    func handle(_ fds: [pollfd]) {
        guard let input, input.handle(fds) else { return }
        tracker.activity(source: .input, at: .now())
    }

    /// Idle timeouts, the journal, storing ended sessions, device rescans and the summary.
    func tick() {
        let now = ClockReading.now()
        if let input {
            for path in input.rescan(now: now.monoMs) { log.info("reading activity from an input device", ["device": path]) }
        }
        if let ended = tracker.tick(at: now) {
            log.info("session ended", ["id": ended.id, "reason": ended.endReason.rawValue, "duration_ms": "\(ended.durationMs)"])
        }
        storeEnded()
        tracker.flush()
        if let problem = tracker.lastProblem, problem != reportedProblem {
            reportedProblem = problem
            log.error(problem)
        }
        rollUp(now: now)
        serveReports(now: now.monoMs)
    }

    /// At a clean stop: the session going on ends `shutdown` and is stored.
    func stop() {
        tracker.end(reason: .shutdown, at: .now())
        storeEnded()
        tracker.flush()
    }

    private func storeEnded() {
        for record in tracker.ended {
            if tracker.recovered.contains(record.id) && recorder.holdsRecent(type: "session", where: { stored in
                (try? JSON.decoder().decode(SessionRecord.self, from: Data(stored.data)))?.id == record.id
            }) {
                tracker.confirm(record.id)
                continue
            }
            if !appended.contains(record.id) {
                guard recorder.append(type: "session", record) != nil else { return }
                appended.insert(record.id)
            }
            guard recorder.sync() else { return }
            appended.remove(record.id)
            tracker.confirm(record.id)
        }
    }

    // MARK: daily summary

    /// Appends the summary of every finished day not yet summed up (the clock must be synced
    /// to know when a day ends, and a session still open from that day is waited for).
    private func rollUp(now: ClockReading) {
        guard now.clock == .synced, let store = recorder.store else { return }
        for day in summary.daysDue(today: zone.day(atUTC: now.wallMs)) {
            if let open = tracker.open, WallSpan(from: open.start, to: now).startWallMs < zone.start(of: day.next) { return }
            do throws(StoreError) {
                let data = try DailySummary.compute(day: day, zone: zone, store: store, anchor: ClockAnchor.current())
                guard recorder.append(type: "summary", data) != nil, recorder.sync() else { return }
                summary.done(day)
                log.info("daily summary", ["day": "\(day)", "sessions": "\(data.sessions.count)"])
                if let problem = summary.problem { log.error(problem) }
            } catch {
                log.error("cannot compute the daily summary", ["day": "\(day)", "error": "\(error)"])
                return
            }
        }
    }

    /// Asks for a summary of today so far (the broker's `cmd/report`); see `SummaryReports`.
    func requestReport() { reports.request() }

    /// Appends a report that finished, and starts the next one when it is due.
    private func serveReports(now: Int64) {
        guard recorder.store != nil else { return }  // requests wait for the store to open
        let directory = config.storage.dir, limits = StoreLimits(config.storage), zone = zone
        let finished = reports.tick(now: now) {
            let today = zone.day(atUTC: KernelClock.wallMilliseconds())
            return Result { () throws(StoreError) in
                let view = try RecordStore.openReadOnly(directory: directory, limits: limits)
                defer { try? view.close() }
                return try DailySummary.compute(day: today, zone: zone, store: view, anchor: ClockAnchor.current(), partial: true)
            }
        }
        switch finished {
        case .success(let data)?:
            recorder.append(type: "summary", data)
            log.info("today's summary reported", ["day": "\(data.day)", "sessions": "\(data.sessions.count)"])
        case .failure(let error)?:
            log.error("cannot compute today's summary", ["error": "\(error)"])
        case nil:
            break
        }
    }

    // MARK: control commands

    func commands() -> [ControlCommand] {
        [
            ControlCommand("session-start", changesState: true) { [unowned self] args, _ throws(ControlError) in
                let now = ClockReading.now()
                let before = self.tracker.ended.count
                do throws(InvalidValue) {
                    try self.tracker.start(label: args["label"]?.string, source: .ui, at: now)
                } catch {
                    throw ControlError(.badArguments, error.message)
                }
                return self.reply(now: now, ended: self.tracker.ended.count > before ? self.tracker.ended.last : nil)
            },
            ControlCommand("session-activity", changesState: true) { [unowned self] _, _ in
                let now = ClockReading.now()
                self.tracker.activity(source: .ui, at: now)
                return self.reply(now: now, ended: nil)
            },
            ControlCommand("session-end", changesState: true) { [unowned self] _, _ in
                let now = ClockReading.now()
                let ended = self.tracker.end(reason: .user, at: now)
                return self.reply(now: now, ended: ended)
            },
            ControlCommand("report") { [unowned self] args, _ throws(ControlError) in
                try self.report(args)
            },
        ]
    }

    private func report(_ args: [String: JSONValue]) throws(ControlError) -> DailySummary {
        guard let store = recorder.store else {
            throw ControlError(.failed, "the record store is not open: \(recorder.fault ?? "unknown")")
        }
        let today = zone.day(atUTC: KernelClock.wallMilliseconds())
        var day = today
        if let text = args["day"]?.string {
            guard let asked = LocalDay(text) else { throw ControlError(.badArguments, "day must be YYYY-MM-DD") }
            day = asked
        }
        do throws(StoreError) {
            return try DailySummary.compute(day: day, zone: zone, store: store, anchor: ClockAnchor.current(), partial: day >= today)
        } catch {
            throw ControlError(.failed, "cannot read the record store: \(error)")
        }
    }

    private func reply(now: ClockReading, ended: SessionRecord?) -> SessionReply {
        SessionReply(session: tracker.open.map { SessionStatus($0, now: now, idleTimeout: config.sessions.idleTimeout) }, ended: ended)
    }
}
