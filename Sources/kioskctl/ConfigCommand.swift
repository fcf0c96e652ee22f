import KioskCore

/// `kioskctl config check [PATH]` and `kioskctl config show`.
enum ConfigCommand: KioskctlCommand {
    static let name = "config"

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        let words = context.words
        switch arguments.first {
        case "check":
            guard arguments.count <= 2 else { throw .usage(words("config.checkOnePath")) }
            try check(path: arguments.count == 2 ? arguments[1] : context.options.configPath, context)
        case "show":
            guard arguments.count == 1 else { throw .usage(words("usage.noArguments", ["command": "config show"])) }
            try show(context)
        case nil:
            throw .usage(words("config.needsSubcommand"))
        case let other?:
            throw .usage(words("config.unknownSubcommand", ["name": other]))
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
        let words = context.words
        do throws(ConfigError) {
            let loaded = try ConfigLoader.load(path: path)
            if context.json {
                Output.json(CheckResult(file: loaded.file, valid: true, errors: []))
            } else if let file = loaded.file {
                Output.line(words("config.valid", ["file": file]))
            } else {
                Output.line(words("config.noFile", ["path": HostEnvironment.defaultConfigPath]))
            }
        } catch {
            if context.json {
                let problems = error.diagnostics.map {
                    CheckResult.Problem(file: $0.file, line: $0.line, section: $0.section, key: $0.key, message: $0.message)
                }
                Output.json(CheckResult(file: path ?? HostEnvironment.defaultConfigPath, valid: false, errors: problems))
            } else {
                Output.error(describe(error, words))
                Output.error(words("config.refused", ["count": "\(error.diagnostics.count)"]))
            }
            throw .failed(words("config.hasErrors"), printed: true)
        }
    }

    /// Every problem, one a line: where it is, as KioskCore writes it, and what is wrong. In
    /// English that is KioskCore's message, the one kioskd logs; in another language the
    /// catalogue's words for the problem's reason (`config.reason.CODE`) where KioskCore gives
    /// one — the common ones — else the English message.
    static func describe(_ error: ConfigError, _ words: Words) -> String {
        error.diagnostics.map { problem in
            guard words.language != .en, let reason = problem.reason, Catalog.english["config.reason." + reason.code] != nil else {
                return problem.description
            }
            return problem.location + words("config.reason." + reason.code, reason.values)
        }.joined(separator: "\n")
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
            let from = result.file ?? context.words("config.builtIn")
            Output.line(context.words("config.shown", ["file": from]) + "\n" + result.ini)
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
                Output.error(describe(error, context.words))
                throw .failed(context.words("config.hasErrors"), printed: true)
            }
            Output.error(context.words("config.wouldLoad"))
            return ShowResult(source: "file", file: loaded.file, ini: loaded.config.renderINI())
        }
    }
}
