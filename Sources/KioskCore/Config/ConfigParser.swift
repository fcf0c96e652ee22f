#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A configuration and the file it came from; `file` is nil when the built-in defaults apply
/// because there is no file at the default path.
public struct LoadedConfig: Equatable, Sendable {
    public var config: Config
    public var file: String?

    public init(config: Config, file: String?) {
        self.config = config
        self.file = file
    }
}

/// Reads kioskd.conf: INI overlaid on `Config.defaults(for:)`, then `Config.validate`.
///
/// The format, as `config/kioskd.conf` documents it:
/// - `[section]`, `[probe.NAME]`, `[led.NAME]`; `key = value`; blank lines.
/// - Lines starting with `#` or `;` are comments. A `#` after a value is part of the value,
///   as in systemd units: passwords and URLs may hold `#`.
/// - Surrounding white space is dropped; `"…"` keeps it. An empty value unsets an optional key.
/// Every problem of the file is reported at once, each with file, line, section and key.
public enum ConfigLoader {
    /// The configuration `text` describes; `file` is only used to name it in messages.
    /// Checks files the configuration names (secrets, CA bundles) and the control group,
    /// never the network.
    public static func parse(_ text: String, file: String, host: HostEnvironment = .current) throws(ConfigError) -> Config {
        var reader = ConfigReader(file: file, defaults: .defaults(for: host))
        reader.read(text)
        var config = reader.config
        var diagnostics = reader.diagnostics
        diagnostics += config.resolveCredentialPaths(credentialsDirectory: host.credentialsDirectory, file: file, origins: reader.origins)
        let flagged = Set(diagnostics.map { "\($0.section ?? "") \($0.key ?? "")" })
        // A key whose text was refused keeps its default: checking that default would only
        // add a second, confusing message about a value the technician never wrote.
        diagnostics += config.problems(file: file, origins: reader.origins).filter {
            $0.key == nil || !flagged.contains("\($0.section ?? "") \($0.key ?? "")")
        }
        if diagnostics.isEmpty { return config }
        throw ConfigError(diagnostics: sortedByLine(diagnostics))
    }

    /// The configuration at `path`. With `path` nil: the file named by `$KIOSKD_CONFIG`, else
    /// `HostEnvironment.defaultConfigPath`, and the built-in defaults when that does not exist.
    /// A path that was asked for explicitly must exist.
    public static func load(path: String?, host: HostEnvironment = .current) throws(ConfigError) -> LoadedConfig {
        let fromEnvironment = ProcessInfo.processInfo.environment["KIOSKD_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        return try load(path: path ?? fromEnvironment, defaultPath: HostEnvironment.defaultConfigPath, host: host)
    }

    static func load(path: String?, defaultPath: String, host: HostEnvironment) throws(ConfigError) -> LoadedConfig {
        if path == nil && !LocalFile.exists(defaultPath) {
            let config = Config.defaults(for: host)
            try config.validate(file: "(defaults)")
            return LoadedConfig(config: config, file: nil)
        }
        let file = path ?? defaultPath
        let bytes: [UInt8]
        do throws(Errno) {
            bytes = try LocalFile(path: file).readAll()
        } catch {
            throw ConfigError(diagnostics: [ConfigDiagnostic(file: file, message: "cannot read: \(error)")])
        }
        let (text, encodingProblems) = decode(bytes, file: file)
        var diagnostics = encodingProblems
        do throws(ConfigError) {
            let config = try parse(text, file: file, host: host)
            if diagnostics.isEmpty { return LoadedConfig(config: config, file: file) }
        } catch {
            diagnostics += error.diagnostics
        }
        throw ConfigError(diagnostics: sortedByLine(diagnostics))
    }

    /// The text, with a diagnostic for each line that is not UTF-8 (an editor set to a legacy
    /// Vietnamese code page); such lines are read with replacement characters.
    static func decode(_ bytes: [UInt8], file: String) -> (String, [ConfigDiagnostic]) {
        if let text = String(validating: bytes, as: UTF8.self) { return (text, []) }
        var problems: [ConfigDiagnostic] = []
        for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        where String(validating: line, as: UTF8.self) == nil {
            problems.append(ConfigDiagnostic(file: file, line: index + 1, message: "is not UTF-8 text; save the file as UTF-8"))
        }
        return (String(decoding: bytes, as: UTF8.self), problems)
    }

    /// Stable: problems of one line keep the order they were found in; no line comes last.
    static func sortedByLine(_ diagnostics: [ConfigDiagnostic]) -> [ConfigDiagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let (lineA, lineB) = (a.element.line ?? Int.max, b.element.line ?? Int.max)
            return lineA != lineB ? lineA < lineB : a.offset < b.offset
        }.map(\.element)
    }
}

/// Where each setting was written, so checks made after parsing still name the line.
struct ConfigOrigins: Sendable {
    /// Section name (`mqtt`, `probe.gateway`) → line of its header.
    var sections: [String: Int] = [:]
    /// `"section key"` → line of the key.
    var keys: [String: Int] = [:]

    /// The key's line, else its section's header line (for a required key that is missing).
    func line(_ section: String, _ key: String) -> Int? {
        keys["\(section) \(key)"] ?? sections[section]
    }
}
