import Foundation
import KioskCore
import Testing
import TestSupport

/// Sessions driven through the real kioskctl against a running kioskd, published to a real
/// mosquitto and read back by a real subscriber.
@Suite struct SessionTests {
    static let config = """
        [device]
        id = kiosk-s
        site = xa-phu-my
        [sessions]
        idle_timeout = 1500ms
        labels = learning, other

        """

    func sessions(_ subscription: MQTTSubscription) -> [JSONValue] {
        subscription.messages.filter { $0.topic.hasSuffix("/session") }.compactMap {
            try? JSONDecoder().decode(JSONValue.self, from: Data($0.payload))
        }
    }

    @Test func startActivityEndAndIdleArePublished() throws {
        let broker = try MosquittoBroker()
        let subscription = try MQTTSubscription(on: "kiosk/v1/#", from: SubscriberConnection(broker))
        let kioskd = try KioskdProcess(config: Self.config, brokerPort: broker.port)
        try kioskd.start()

        var result = try kioskd.kioskctl(["session", "start", "--label", "learning"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try kioskd.status().session?.label == "learning")
        usleep(300_000)
        result = try kioskd.kioskctl(["session", "activity"])
        #expect(result.status == 0)
        usleep(300_000)
        result = try kioskd.kioskctl(["--json", "session", "end"])
        let reply = try JSONDecoder().decode(JSONValue.self, from: Data(result.stdout.utf8))
        #expect(reply["ended"]?["end_reason"] == .string("user"))
        #expect(try kioskd.status().session == nil)

        // A label outside the list is refused, with the list.
        result = try kioskd.kioskctl(["session", "start", "--label", "nguyen-van-a"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("label \"nguyen-van-a\" is not one of learning, other"))

        // Activity after idle starts a session; 1.5 s without activity ends it.
        _ = try kioskd.kioskctl(["session", "activity"])
        #expect(waitUntil(timeout: 10) { sessions(subscription).count == 2 }, "\(subscription.messages)")
        let published = sessions(subscription)
        let first = try #require(published.first?["data"])
        #expect(first["end_reason"] == .string("user"))
        #expect(first["label"] == .string("learning"))
        #expect(first["source"] == .string("ui"))
        let duration = try #require(first["duration_ms"]?.number)
        #expect(duration >= 550 && duration < 3000, "duration \(duration)")
        let idle = try #require(published.last?["data"])
        #expect(idle["end_reason"] == .string("idle"))
        #expect(idle["idle_ms"]?.number == 1500)
        #expect(idle["label"] == nil)

        // `sessions` lists both, newest first, read from the store.
        let listed = try kioskd.kioskctl(["--json", "sessions"])
        let entries = try JSON.decoder().decode([HistoryEntry].self, from: Data(listed.stdout.utf8))
        #expect(entries.map { $0.data["end_reason"] } == [.string("idle"), .string("user")])

        // `report` counts them in today's figures.
        let report = try kioskd.kioskctl(["--json", "report"])
        let summary = try JSON.decoder().decode(DailySummary.self, from: Data(report.stdout.utf8))
        #expect(summary.sessions.count == 2)
        #expect(summary.sessions.endReasons["idle"] == 1)
        #expect(summary.partial == true)

        try kioskd.stop()
        try expectNothingPersonal(in: subscription.messages)

        // While kioskd is down, both read the store directly.
        let kioskctl = try Binaries.path("kioskctl")
        let base = ["--socket", kioskd.socketPath, "--config", kioskd.configPath, "--json"]
        let downList = try runCommand(kioskctl, base + ["sessions"])
        #expect(downList.stderr.contains("kioskd is not running; read the store"), "\(downList.stderr)")
        #expect(try JSON.decoder().decode([HistoryEntry].self, from: Data(downList.stdout.utf8)).count == 2)
        let downReport = try runCommand(kioskctl, base + ["report"])
        #expect(downReport.status == 0, "\(downReport.stderr)")
        #expect(try JSON.decoder().decode(DailySummary.self, from: Data(downReport.stdout.utf8)).sessions.count == 2)
        let badDay = try runCommand(kioskctl, base + ["report", "--day", "2026-02-30"])
        #expect(badDay.status == 64)
        #expect(badDay.stderr.contains("--day needs a date as YYYY-MM-DD, not 2026-02-30"))
    }

    /// The privacy check: every record published carries only the envelope's and the record
    /// types' own fields, and nothing that could name a visitor or what they did.
    func expectNothingPersonal(in messages: [ReceivedMessage]) throws {
        #expect(!messages.isEmpty)
        let sessionKeys: Set = [
            "id", "start", "end", "duration_ms", "active_ms", "idle_ms", "end_reason", "label", "source", "start_boot",
            "end_boot", "clock",
        ]
        let user = ProcessInfo.processInfo.environment["USER"] ?? "root"
        for message in messages {
            let text = message.text
            #expect(!text.contains("/home/") && !text.contains("/dev/input") && !text.contains("http"), "\(message)")
            #expect(!text.contains("\"\(user)\""), "\(message)")
            guard message.topic.hasSuffix("/session"),
                  case .object(let data)? = try JSONDecoder().decode(JSONValue.self, from: Data(message.payload))["data"]
            else { continue }
            #expect(Set(data.keys).isSubset(of: sessionKeys), "\(data.keys)")
            if let label = data["label"]?.string { #expect(["learning", "other"].contains(label)) }
        }
    }

    /// kill -9 twelve seconds into a session: one `interrupted` session at the next start,
    /// ending at the last heartbeat (written at 10 s), not at the restart; and an event saying
    /// kioskd crashed.
    @Test func killDashNineDuringASessionIsOneInterruptedSession() throws {
        let kioskd = try KioskdProcess(config: Self.config.replacingOccurrences(of: "1500ms", with: "5m"), brokerPort: FreePort.next())
        try kioskd.start()
        let started = Date()
        #expect(try kioskd.kioskctl(["session", "start"]).status == 0)
        for _ in 0..<12 {
            usleep(1_000_000)
            _ = try kioskd.kioskctl(["session", "activity"])
        }
        kioskd.signal(SIGKILL)
        _ = try? kioskd.stop(timeout: 5)
        let killed = Date()
        usleep(1_500_000)

        try kioskd.start()
        let listed = try kioskd.kioskctl(["--json", "sessions"])
        let entries = try JSON.decoder().decode([HistoryEntry].self, from: Data(listed.stdout.utf8))
        #expect(entries.count == 1, "\(listed.stdout)")
        let session = try #require(entries.first?.decode(SessionRecord.self))
        #expect(session.endReason == .interrupted)
        #expect(session.durationMs >= 10_000 && session.durationMs <= Int64(killed.timeIntervalSince(started) * 1000))
        let end = try #require(KernelClock.milliseconds(rfc3339: session.end))
        #expect(end <= Int64(killed.timeIntervalSince1970 * 1000))

        let events = try kioskd.kioskctl(["--json", "events"])
        let unclean = try JSON.decoder().decode([HistoryEntry].self, from: Data(events.stdout.utf8))
            .filter { $0.data["kind"] == .string("unclean-shutdown") }
        #expect(unclean.count == 1)
        #expect(unclean.first?.data["cause"] == .string("crash"))

        // A clean stop and start: no new unclean event, no new session.
        try kioskd.stop()
        try kioskd.start()
        let again = try JSON.decoder().decode([HistoryEntry].self, from: Data(try kioskd.kioskctl(["--json", "events"]).stdout.utf8))
        #expect(again.filter { $0.data["kind"] == .string("unclean-shutdown") }.count == 1)
        #expect(try JSON.decoder().decode([HistoryEntry].self, from: Data(try kioskd.kioskctl(["--json", "sessions"]).stdout.utf8)).count == 1)
        try kioskd.stop()
    }

    /// The daily summary at local midnight: the zone is a UTC offset chosen so that midnight
    /// comes a few seconds into the test. A session before midnight belongs to the day that
    /// ends; one after it does not.
    @Test func theDailySummaryIsMadeAtLocalMidnight() throws {
        let now = Int64(Date().timeIntervalSince1970)
        let midnightIn: Int64 = 6
        // local = utc + offset; choose offset so that (now + midnightIn + offset) % 86400 == 0.
        var offset = (86_400 - (now + midnightIn) % 86_400) % 86_400
        if offset > 12 * 3600 { offset -= 86_400 }
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let zone = "\(sign)\(two(magnitude / 3600)):\(two(magnitude / 60 % 60)):\(two(magnitude % 60))"

        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("synced-\(UUID().uuidString.prefix(6))").path
        #expect(FileManager.default.createFile(atPath: marker, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: marker) }
        let broker = try MosquittoBroker()
        let subscription = try MQTTSubscription(on: "kiosk/v1/+/+/summary", from: SubscriberConnection(broker))
        let kioskd = try KioskdProcess(
            config: Self.config.replacingOccurrences(of: "site = xa-phu-my", with: "site = xa-phu-my\ntimezone = \(zone)"),
            brokerPort: broker.port)
        try kioskd.start(environment: ["KIOSKD_TIMESYNC_MARKER": marker])
        #expect(try kioskd.kioskctl(["session", "start"]).status == 0)
        usleep(500_000)
        #expect(try kioskd.kioskctl(["session", "end"]).status == 0)
        #expect(waitUntil(timeout: Double(midnightIn) + 1) { Int64(Date().timeIntervalSince1970) >= now + midnightIn })
        #expect(try kioskd.kioskctl(["session", "start"]).status == 0)
        #expect(try kioskd.kioskctl(["session", "end"]).status == 0)

        let message = try subscription.waitForMessage(timeout: 10) { _ in true }
        struct Published: Decodable {
            var seq: UInt64
            var data: DailySummary
        }
        let summary = try JSON.decoder().decode(Published.self, from: Data(message.payload)).data
        let localNow = LocalDay(daysSinceEpoch: (now + midnightIn + offset) / 86_400)
        #expect(summary.day == localNow.previous)
        #expect(summary.timezone == zone)
        #expect(summary.partial == nil)
        #expect(summary.sessions.count == 1)
        #expect(summary.sessions.perHour[23] == 1)
        #expect(summary.end == KernelClock.rfc3339(milliseconds: (now + midnightIn) * 1000))
        try kioskd.stop()
        // Once only, across the restart too.
        try kioskd.start(environment: ["KIOSKD_TIMESYNC_MARKER": marker])
        usleep(1_500_000)
        try kioskd.stop()
        // (An at-least-once duplicate after the restart has the same seq.)
        let seqs = Set(subscription.messages.compactMap { try? JSON.decoder().decode(Published.self, from: Data($0.payload)).seq })
        #expect(seqs.count == 1, "\(subscription.messages)")
    }
}
