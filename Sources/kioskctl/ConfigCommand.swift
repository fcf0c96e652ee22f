import KioskCore

/// `kioskctl config check [PATH]` and `kioskctl config show`.
enum ConfigCommand: KioskctlCommand {
    static let name = "config"

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        switch arguments.first {
        case "check":
            guard arguments.count <= 2 else { throw .usage("config check takes at most one path") }
            try check(path: arguments.count == 2 ? arguments[1] : context.options.configPath, context)
        case "show":
            guard arguments.count == 1 else { throw .usage("config show takes no arguments") }
            try show(context)
        case nil:
            throw .usage("config needs a subcommand: check or show")
        case let other?:
            throw .usage("unknown subcommand \"\(other)\"")
        }
    }

    struct CheckResult: Codable {
        struct Problem: Codable {
            var file: String
            var line: Int?
            var section: String?
            var key: String?
            var message: String
        }
        var file: String?
        var valid: Bool
        var errors: [Problem]
    }

    static func check(path: String?, _ context: Context) throws(CommandFailure) {
        do throws(ConfigError) {
            let loaded = try ConfigLoader.load(path: path)
            if context.json {
                Output.json(CheckResult(file: loaded.file, valid: true, errors: []))
            } else if let file = loaded.file {
                Output.line("\(file): configuration is valid")
            } else {
                Output.line("no configuration file at \(HostEnvironment.defaultConfigPath): the built-in defaults apply")
            }
        } catch {
            if context.json {
                let problems = error.diagnostics.map {
                    CheckResult.Problem(file: $0.file, line: $0.line, section: $0.section, key: $0.key, message: $0.message)
                }
                Output.json(CheckResult(file: path ?? HostEnvironment.defaultConfigPath, valid: false, errors: problems))
            } else {
                Output.error(error.description)
            }
            throw .failed("configuration has errors", printed: true)
        }
    }

    struct ShowResult: Codable {
        /// `kioskd` when it came from the running daemon, `file` when read locally.
        var source: String
        var file: String?
        var ini: String
    }

    static func show(_ context: Context) throws(CommandFailure) {
        let result = try effective(context)
        if context.json {
            Output.json(result)
        } else {
            Output.line("# effective configuration, from \(result.file ?? "the built-in defaults")\n" + result.ini)
        }
    }

    /// The running kioskd's configuration, or while it is down the one it would load. Secrets
    /// live in their own files (`password_file`, `key_file`), so the text names them only.
    static func effective(_ context: Context) throws(CommandFailure) -> ShowResult {
        do throws(CommandFailure) {
            let effective = try context.call("config", as: EffectiveConfig.self)
            return ShowResult(source: "kioskd", file: effective.file, ini: effective.ini)
        } catch {
            guard case .unreachable = error else { throw error }
            let loaded: LoadedConfig
            do throws(ConfigError) {
                loaded = try ConfigLoader.load(path: context.options.configPath)
            } catch {
                Output.error(error.description)
                throw .failed("configuration has errors", printed: true)
            }
            Output.error("kioskctl: kioskd is not running; this is the configuration it would load")
            return ShowResult(source: "file", file: loaded.file, ini: loaded.config.renderINI())
        }
    }
}
