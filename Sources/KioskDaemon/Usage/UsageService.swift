#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import KioskCore
import KioskOutbox

/// Sessions and the daily summary, on the main loop: the `session` commands, activity from
/// input devices, idle timeouts, the `session` records, and the `summary` at local midnight.
///
/// Requests only change memory and answer; the durable work (the session journal, appending
/// and syncing records) runs in `tick`, which the main loop calls right after handling
/// requests — so a `session activity` costs no disk write and `session start` no fsync
/// before its answer.
final class UsageService: Service {
    let name = "usage"
    private let tracker: SessionTracker
    private let recorder: Recorder
    private var config: Config
    private var zone: LocalTimeZone
    private var input: InputActivity?
    private var summary: SummarySchedule
    private let log = Logger("usage")
    private var reportedProblem: String?
    private var reports = SummaryReports()
    private let summaries = SummaryWorker()
    /// `cmd/report` requests from the broker's network thread.
    let brokerReports = BrokerRequests()
    /// After a day's summary failed (reading, appending or syncing), no retry before this (monotonic ms).
    private var retryDayAt: Int64 = 0

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
        tick(now: KernelClock.monotonicMilliseconds())
    }

    func apply(_ reload: Reload) -> [String] {
        let sessions = reload.new.sessions != reload.old.sessions
        let zone = reload.new.device.timezone != reload.old.device.timezone
        update(config: reload.new)
        return (sessions ? ["sessions"] : []) + (zone ? ["time zone \(reload.new.device.timezone ?? "(the system's)")"] : [])
    }

    private func update(config: Config) {
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

    /// Idle timeouts, input rescans, a summary computing or asked for, the next local
    /// midnight (the day's summary); at least once a minute (a clock step moves midnight).
    var nextDeadline: Int64? {
        let now = KernelClock.monotonicMilliseconds()
        let wallNow = KernelClock.wallMilliseconds()
        let midnight = zone.start(of: zone.day(atUTC: wallNow).next)
        var next = now + min(60_000, max(0, midnight - wallNow))
        if let deadline = tracker.nextDeadline { next = min(next, deadline) }
        if let input { next = min(next, input.nextDeadline) }
        if summaries.isBusy { next = min(next, now + SummaryWorker.pollMs) }
        if let report = reports.nextDeadline(now: now) { next = min(next, report) }
        return next
    }

    func pollDescriptors() -> [pollfd] { input?.pollDescriptors() ?? [] }

    /// Input events; updates memory only (the journal waits for `tick`).
    func handle(_ fds: [pollfd], now: Int64) {
        guard let input, input.handle(fds) else { return }
        tracker.activity(source: .input, at: .now())
    }

    /// Idle timeouts, the journal, storing ended sessions, device rescans and the summary.
    func tick(now _: Int64) {
        let reports = brokerReports.takeReports()
        if reports > 0 {
            log.info("today's summary requested by the broker", ["requests": "\(reports)"])
            requestReport()
        }
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
        makeSummaries(now: now)
    }

    /// At a clean stop: the session going on ends `shutdown` and is stored.
    func stop(by deadline: Int64) {
        tracker.end(reason: .shutdown, at: .now())
        storeEnded()
        tracker.flush()
    }

    private func storeEnded() {
        for record in tracker.ended {
            let durable = recorder.handOver(id: "session:" + record.id, type: "session", record, recovered: tracker.recovered.contains(record.id)) { stored in
                (try? JSON.decoder().decode(SessionRecord.self, from: Data(stored.data)))?.id == record.id
            }
            guard durable else { return }
            tracker.confirm(record.id)
        }
    }

    // MARK: daily summary

    /// Appends a summary that finished computing, then starts the next one due: a finished
    /// day not yet summed up (the clock must be synced to know when a day ends, and a session
    /// still open from that day is waited for), else a report asked for. Computing happens on
    /// `SummaryWorker`'s thread; the main loop only appends.
    private func makeSummaries(now: ClockReading) {
        if let finished = summaries.takeFinished() { store(finished.job, finished.result) }
        guard !summaries.isBusy, recorder.store != nil else { return }  // requests wait for the store to open
        if let day = dueDay(now: now) {
            summaries.start(.day(day), day: day, partial: false, zone: zone, storage: config.storage)
        } else if reports.isDue(now: now.monoMs) {
            reports.started(now: now.monoMs)
            let today = zone.day(atUTC: now.wallMs)
            summaries.start(.today, day: today, partial: true, zone: zone, storage: config.storage)
        }
    }

    /// The oldest finished day still to sum up, if it can be now.
    private func dueDay(now: ClockReading) -> LocalDay? {
        guard now.clock == .synced, now.monoMs >= retryDayAt, let day = summary.daysDue(today: zone.day(atUTC: now.wallMs)).first else { return nil }
        if let open = tracker.open, WallSpan(from: open.start, to: now).startWallMs < zone.start(of: day.next) { return nil }
        return day
    }

    /// A day's summary is synced before the day is marked done (a failure leaves it due, to
    /// be computed again); a report only waits for the next group commit.
    private func store(_ job: SummaryWorker.Job, _ result: Result<DailySummary, StoreError>) {
        switch (job, result) {
        case (.day(let day), .success(let data)):
            guard recorder.append(type: "summary", data) != nil, recorder.sync() else {
                retryDayAt = KernelClock.monotonicMilliseconds() + 60_000
                return
            }
            summary.done(day)
            log.info("daily summary", ["day": "\(day)", "sessions": "\(data.sessions.count)"])
            if let problem = summary.problem { log.error(problem) }
        case (.today, .success(let data)):
            recorder.append(type: "summary", data)
            log.info("today's summary reported", ["day": "\(data.day)", "sessions": "\(data.sessions.count)"])
        case (.day(let day), .failure(let error)):
            log.error("cannot compute the daily summary; trying again in a minute", ["day": "\(day)", "error": "\(error)"])
            retryDayAt = KernelClock.monotonicMilliseconds() + 60_000
        case (.today, .failure(let error)):
            log.error("cannot compute today's summary", ["error": "\(error)"])
        }
    }

    /// Asks for a summary of today so far (the broker's `cmd/report`); see `SummaryReports`.
    private func requestReport() { reports.request() }

    // MARK: control commands

    func commands() -> [ControlCommand] {
        [
            ControlCommand("session-start", changesState: true) { [unowned self] args, _ throws(ControlError) in
                let now = ClockReading.now()
                let before = self.tracker.ended.count
                do throws(InvalidValue) {
                    try self.tracker.start(label: args["label"]?.string, source: .ui, at: now)
                } catch {
                    throw ControlError(.badArguments, error.message, reason: error.reason)
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
            throw ControlError(.failed, "the record store is not open: \(recorder.fault ?? "unknown")", reason: ConfigReason("store-closed"))
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
