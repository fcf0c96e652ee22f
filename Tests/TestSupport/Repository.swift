import Foundation

/// The repository the tests were built from: where the shipped configuration, schemas and
/// scripts live, so tests check the very files a user gets.
public enum Repository {
    /// The folder holding Package.swift (found from this file's own path at build time).
    public static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// `relative` inside the repository, or a failure naming what is missing.
    public static func path(_ relative: String) throws -> String {
        let url = root.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw TestFailure("\(relative) is missing from the repository (\(root.path))")
        }
        return url.path
    }
}

/// `scripts/check/records`: the kiosk.v1 JSON Schemas applied by Debian's python3-jsonschema,
/// a validator written by others, to records as a real subscriber received them.
public enum RecordSchemaCheck {
    /// Runs the checker on `messages` (as `topic payload` lines, so topics are checked too).
    public static func run(
        _ messages: [ReceivedMessage], strict: Bool = true, require: [String] = []
    ) throws -> CommandResult {
        let script = try Repository.path("scripts/check/records")
        let input = messages.map { "\($0.topic) \($0.text)" }.joined(separator: "\n") + "\n"
        var arguments = ["-"]
        if strict { arguments.append("--strict") }
        if !require.isEmpty { arguments += ["--require", require.joined(separator: ",")] }
        let result = try runCommand(script, arguments, input: input, timeout: 60)
        if result.status == 69 || result.stderr.contains("python3-jsonschema is missing") {
            throw TestFailure("scripts/check/records cannot run: \(result.stderr) (apt-get install python3-jsonschema)")
        }
        return result
    }
}

/// `scripts/check/telegraf-paths`: a Telegraf configuration's json_v2 paths evaluated against
/// records (a GJSON subset; Telegraf itself is not in Debian 12).
public enum TelegrafPathCheck {
    public static func run(configuration: String, _ messages: [ReceivedMessage]) throws -> CommandResult {
        let script = try Repository.path("scripts/check/telegraf-paths")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("telegraf-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = folder.appendingPathComponent("records.txt").path
        try (messages.map { "\($0.topic) \($0.text)" }.joined(separator: "\n") + "\n").write(toFile: records, atomically: true, encoding: .utf8)
        return try runCommand(script, [configuration, records], timeout: 60)
    }

    /// The shipped example records (config/schema/kiosk.v1/examples) of the given types, as
    /// messages on their topics.
    public static func examples(ofTypes types: Set<String>) throws -> [ReceivedMessage] {
        let folder = try Repository.path("config/schema/kiosk.v1/examples")
        return try FileManager.default.contentsOfDirectory(atPath: folder).sorted().compactMap { name in
            guard name.hasSuffix(".json") else { return nil }
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                let type = object["type"] as? String, types.contains(type),
                let site = object["site"] as? String, let device = object["device"] as? String
            else { return nil }
            let compact = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            return ReceivedMessage(topic: "kiosk/v1/\(site)/\(device)/\(type)", payload: Array(compact), retained: false)
        }
    }
}
