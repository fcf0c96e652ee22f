import Foundation
import KioskCore
import Testing
import TestSupport

/// The kiosk.v1 contract as files: records a real kioskd published, as a real `mosquitto_sub`
/// received them, validated against `config/schema/kiosk.v1` by Debian's python3-jsonschema.
///
/// Strict mode: a key kioskd publishes that no schema declares fails the test, so the schema
/// files stay the complete description a consumer can start from.
@Suite struct RecordSchemaTests {
    @Test func everyRecordKioskdPublishesMatchesItsSchema() throws {
        let messages = try RealRecords.collected.get()
        let result = try RecordSchemaCheck.run(messages, require: ["status", "health", "outage", "event"])
        #expect(result.status == 0, "check-records:\n\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("0 invalid [strict]"), "\(result.stdout)")
        // Every message was checked, none skipped.
        #expect(result.stdout.contains("check-records: \(messages.count) record(s)"), "\(result.stdout)")
    }

    /// The same check fails on a record that breaks the contract: proof the test above can fail.
    @Test func aRecordThatBreaksTheContractIsRefusedWithItsPath() throws {
        let good = ReceivedMessage(
            topic: "kiosk/v1/hn-01/kiosk-a/event",
            payload: Array(#"{"boot":"b","clock":"synced","data":{"kind":"boot","message":"kioskd started","version":"0.1.0"},"device":"kiosk-a","mono_ms":5,"schema":"kiosk.v1","seq":1,"site":"hn-01","ts":"2026-11-25T12:00:00.000Z","type":"event"}"#.utf8),
            retained: false)
        #expect(try RecordSchemaCheck.run([good]).status == 0)

        func broken(_ from: String, _ to: String, topic: String? = nil) -> ReceivedMessage {
            ReceivedMessage(topic: topic ?? good.topic, payload: Array(good.text.replacingOccurrences(of: from, with: to).utf8), retained: false)
        }
        let cases: [(ReceivedMessage, String)] = [
            (broken(#""clock":"synced""#, #""clock":"maybe""#), "clock: 'maybe' is not one of"),
            (broken(#""seq":1,"#, ""), "'seq' is a required property"),
            (broken(#".000Z"#, "+07:00"), "ts: '2026-11-25T12:00:00+07:00' does not match"),
            (broken(#""version":"0.1.0""#, #""version":"0.1.0","mood":"good""#), "Unevaluated properties are not allowed ('mood'"),
            (broken(#""kind":"boot","#, #""kind":"records-dropped","#), "data: 'reason' is a required property"),
            (broken("", "", topic: "kiosk/v1/hn-01/kiosk-b/event"), "does not end in /hn-01/kiosk-a/event"),
        ]
        for (message, expected) in cases {
            let result = try RecordSchemaCheck.run([message])
            #expect(result.status == 1, "\(message)\n\(result.stdout)")
            #expect(result.stdout.contains(expected), "expected \(expected) in:\n\(result.stdout)")
        }
    }

    /// The example records shipped beside the schemas (one per type, session and summary
    /// included) are valid: a consumer can start from those files alone.
    @Test func theShippedExamplesMatchTheSchemas() throws {
        let folder = try Repository.path("config/schema/kiosk.v1/examples")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
        let messages = try files.map { name in
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            let compact = try JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: Data(text.utf8)), options: [.sortedKeys, .withoutEscapingSlashes])
            let object = try #require(try JSONSerialization.jsonObject(with: compact) as? [String: Any])
            let topic = "kiosk/v1/\(object["site"] ?? "")/\(object["device"] ?? "")/\(object["type"] ?? "")"
            return ReceivedMessage(topic: topic, payload: Array(compact), retained: false)
        }
        let result = try RecordSchemaCheck.run(messages, require: ["status", "health", "outage", "session", "summary", "event"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }
}

/// Records a real kioskd published, as a real `mosquitto_sub` received them: presence (online,
/// the Last Will, shutdown), health samples offline and online, an outage, and events (boot,
/// config-reloaded, shutdown). Collected once and shared by the contract tests.
enum RealRecords {
    static let collected: Result<[ReceivedMessage], any Error> = Result { try collect() }

    private static func collect() throws -> [ReceivedMessage] {
        let broker = try MosquittoBroker()
        let subscription = try MQTTSubscription(on: "kiosk/v1/#", from: SubscriberConnection(broker))
        // A TCP probe to a port nobody listens on yet: an outage from the start, ended by opening
        // the port (a second broker), so an `outage` record is published too.
        let probePort = FreePort.next()
        let kioskd = try KioskdProcess(config: """
            [device]
            id = kiosk-contract
            site = hn-ba-dinh
            [mqtt]
            host = 127.0.0.1
            port = \(broker.port)
            reconnect_min = 100ms
            reconnect_max = 500ms
            will_delay = 1s
            [health]
            interval = 500ms
            publish_interval = 1s
            [probe.uplink]
            type = tcp
            target = 127.0.0.1:\(probePort)
            timeout = 300ms
            [probe.names]
            type = dns
            target = localhost
            timeout = 300ms

            """)
        try kioskd.start()
        try subscription.waitForMessage(timeout: 10) { $0.topic.hasSuffix("/health") && $0.text.contains(#""state":"offline""#) }
        let listener = try MosquittoBroker(port: probePort)
        try subscription.waitForMessage(timeout: 10) { $0.topic.hasSuffix("/outage") }
        kioskd.signal(SIGHUP)
        try subscription.waitForMessage(timeout: 10) { $0.text.contains(#""kind":"config-reloaded""#) }
        try subscription.waitForMessage(timeout: 10) { $0.topic.hasSuffix("/health") && $0.text.contains(#""state":"online""#) }
        // A crash: the broker publishes the Last Will (offline/connection-lost) after the will delay.
        try kioskd.stop(signal: SIGKILL)
        try subscription.waitForMessage(timeout: 10) { $0.text.contains(#""reason":"connection-lost""#) }
        // A restart and a clean stop: online again, then the shutdown event and offline/shutdown.
        try kioskd.start()
        try kioskd.stop()
        try subscription.waitForMessage(timeout: 10) { $0.text.contains(#""reason":"shutdown""#) }
        withExtendedLifetime(listener) {}
        return subscription.messages
    }
}
