import Foundation
import Testing
import TestSupport

/// config/provincial/telegraf.conf: every GJSON path of its json_v2 descriptions resolves, with
/// the declared type, in records a real kioskd published (status, health, outage, session,
/// summary, events). The shipped examples are added for what this run does not produce: a
/// `records-dropped` event (whose optional fields would otherwise never be exercised) and a
/// labelled session. A path that is not
/// optional must resolve in every record, the real ones included.
@Suite struct TelegrafPathTests {
    @Test func everyPathOfTheShippedConfigurationResolvesInRealRecords() throws {
        let real = try RealRecords.collected.get()
        let records = real + (try TelegrafPathCheck.examples(ofTypes: ["session", "event"]))
        let result = try TelegrafPathCheck.run(configuration: try Repository.path("config/provincial/telegraf.conf"), records)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("0 problem(s)"), "\(result.stdout)")
    }

    @Test func aWrongPathOrTypeIsReported() throws {
        let real = try RealRecords.collected.get() + (try TelegrafPathCheck.examples(ofTypes: ["session", "summary"]))
        let shipped = try String(contentsOfFile: try Repository.path("config/provincial/telegraf.conf"), encoding: .utf8)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("telegraf-bad-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases: [(String, String, String)] = [
            (#"path = "data.online_share""#, #"path = "data.onlineshare""#, #"field 'data.onlineshare' not found"#),
            (#"path = "data.dns_ms""#, #"path = "data.dns_time_ms""#, #"optional field 'data.dns_time_ms' never found"#),
            ("      rename = \"rounds\"\n      type = \"int\"", "      rename = \"rounds\"\n      type = \"bool\"", "is not of type bool"),
            (#"path = "data.probes.#""#, #"path = "data.probes.#(layer==\"dns\")""#, "outside the GJSON subset"),
            (#"tags = ["name", "layer"]"#, #"tags = ["name", "tier"]"#, "never has key 'tier'"),
            (#"timestamp_format = "2006-01-02T15:04:05.000Z07:00""#, #"timestamp_format = "unix_mss""#, "outside the Go layout subset"),
        ]
        for (from, to, expected) in cases {
            #expect(shipped.contains(from), "the shipped file changed: \(from)")
            let file = folder.appendingPathComponent("telegraf.conf").path
            try shipped.replacingOccurrences(of: from, with: to).write(toFile: file, atomically: true, encoding: .utf8)
            let result = try TelegrafPathCheck.run(configuration: file, real)
            #expect(result.status == 1, "\(to): \(result.stdout)")
            #expect(result.stdout.contains(expected), "expected \(expected):\n\(result.stdout)")
        }
    }
}
