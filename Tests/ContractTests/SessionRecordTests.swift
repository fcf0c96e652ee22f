import Foundation
import Testing
import TestSupport

/// Whether the kioskctl under test can drive a session (`kioskctl session start|end`), which the
/// lead is landing now. Until then the test below waits (it is reported as not run, with this
/// reason); from the first build that has the command it runs, with nothing to change here.
enum SessionCommands {
    static let available: Bool = {
        guard let kioskctl = try? Binaries.path("kioskctl"),
            let result = try? runCommand(kioskctl, ["help", "session"], timeout: 10)
        else { return false }
        return result.status == 0
    }()
}

@Suite struct SessionRecordTests {
    /// A session driven the way the kiosk UI drives it, published by the real kioskd: its record
    /// matches session.schema.json (strictly) and the Telegraf paths resolve in it.
    @Test(.enabled(if: SessionCommands.available, "waits for `kioskctl session start|end` (the lead's sessions work)"))
    func aRealSessionRecordMatchesItsSchemaAndTheTelegrafPaths() throws {
        let broker = try MosquittoBroker()
        let subscription = try MQTTSubscription(on: "kiosk/v1/#", from: SubscriberConnection(broker))
        let kioskd = try KioskdProcess(config: """
            [device]
            id = kiosk-session
            site = hn-01

            """, brokerPort: broker.port)
        try kioskd.start()
        for arguments in [["session", "start", "--label", "email-basics"], ["session", "activity"], ["session", "end"]] {
            let result = try kioskd.kioskctl(arguments)
            #expect(result.status == 0, "kioskctl \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        let session = try subscription.waitForMessage(timeout: 15) { $0.topic == "kiosk/v1/hn-01/kiosk-session/session" }
        #expect(session.text.contains(#""end_reason":"user""#), "\(session)")
        #expect(session.text.contains(#""label":"email-basics""#), "\(session)")
        try kioskd.stop()
        try subscription.waitForMessage(timeout: 10) { $0.text.contains(#""reason":"shutdown""#) }
        let messages = subscription.messages
        let check = try RecordSchemaCheck.run(messages, require: ["status", "session", "event"])
        #expect(check.status == 0, "\(check.stdout)")
        let paths = try TelegrafPathCheck.run(
            configuration: try Repository.path("config/provincial/telegraf.conf"),
            messages.filter { $0.topic.hasSuffix("/session") }
                + (try TelegrafPathCheck.examples(ofTypes: ["status", "health", "outage", "summary", "event"])))
        #expect(paths.status == 0, "\(paths.stdout)")
    }
}
