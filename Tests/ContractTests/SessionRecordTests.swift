import Foundation
import Testing
import TestSupport

/// Whether the kioskd and kioskctl under test record visitor sessions (`kioskctl session
/// start|end`, the daily summary). Until they do the test below waits (reported as not run,
/// with this reason); from the first build that has them it runs, with nothing to change here.
enum SessionCommands {
    static let available: Bool = {
        guard let kioskctl = try? Binaries.path("kioskctl"),
            let result = try? runCommand(kioskctl, ["help", "session"], timeout: 10)
        else { return false }
        return result.status == 0
    }()
}

@Suite struct SessionRecordTests {
    /// Sessions driven the way the kiosk UI drives them, and the daily summary made at a local
    /// midnight a few seconds away (a fixed UTC offset chosen for it), published by the real
    /// kioskd: they match session.schema.json and summary.schema.json strictly, and the
    /// Telegraf paths resolve in them.
    @Test(.enabled(if: SessionCommands.available, "waits for kioskd's sessions and daily summary (`kioskctl session`)"))
    func realSessionAndSummaryRecordsMatchTheirSchemasAndTheTelegrafPaths() throws {
        let now = Int64(Date().timeIntervalSince1970)
        let midnightIn: Int64 = 6
        var offset = (86_400 - (now + midnightIn) % 86_400) % 86_400
        if offset > 12 * 3600 { offset -= 86_400 }
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let magnitude = abs(offset)
        let zone = "\(offset < 0 ? "-" : "+")\(two(magnitude / 3600)):\(two(magnitude / 60 % 60)):\(two(magnitude % 60))"
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("synced-\(UUID().uuidString.prefix(6))").path
        #expect(FileManager.default.createFile(atPath: marker, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: marker) }

        let broker = try MosquittoBroker()
        let subscription = try MQTTSubscription(on: "kiosk/v1/#", from: SubscriberConnection(broker))
        let kioskd = try KioskdProcess(config: """
            [device]
            id = kiosk-session
            site = hn-01
            timezone = \(zone)
            [sessions]
            labels = email-basics, job-search

            """, brokerPort: broker.port)
        try kioskd.start(environment: ["KIOSKD_TIMESYNC_MARKER": marker])
        for arguments in [["session", "start", "--label", "email-basics"], ["session", "activity"], ["session", "end"]] {
            let result = try kioskd.kioskctl(arguments)
            #expect(result.status == 0, "kioskctl \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        let session = try subscription.waitForMessage(timeout: 15) { $0.topic == "kiosk/v1/hn-01/kiosk-session/session" }
        #expect(session.text.contains(#""end_reason":"user""#), "\(session)")
        #expect(session.text.contains(#""label":"email-basics""#), "\(session)")
        try subscription.waitForMessage(timeout: Double(midnightIn) + 15) { $0.topic == "kiosk/v1/hn-01/kiosk-session/summary" }
        try kioskd.stop()
        try subscription.waitForMessage(timeout: 10) { $0.text.contains(#""reason":"shutdown""#) }

        let messages = subscription.messages
        let check = try RecordSchemaCheck.run(messages, require: ["status", "session", "summary", "event"])
        #expect(check.status == 0, "\(check.stdout)")
        let paths = try TelegrafPathCheck.run(
            configuration: try Repository.path("config/provincial/telegraf.conf"),
            messages.filter { $0.topic.hasSuffix("/session") || $0.topic.hasSuffix("/summary") }
                + (try TelegrafPathCheck.examples(ofTypes: ["status", "health", "outage", "event"])))
        #expect(paths.status == 0, "\(paths.stdout)")
    }
}
