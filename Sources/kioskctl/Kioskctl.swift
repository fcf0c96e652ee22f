#if canImport(Glibc)
import Glibc
#endif
import KioskCore

/// kioskctl: global options, then one command from the table.
///
/// Exit statuses (SPEC.md): 0 success, 1 failure, 64 usage error, 69 kioskd not reachable.
enum Kioskctl {
    /// Every command, in the order `help` lists them. One file per command.
    static let commands: [any KioskctlCommand.Type] = [
        StatusCommand.self,
        QueueCommand.self,
        HealthCommand.self,
        OutagesCommand.self,
        DoctorCommand.self,
        SessionCommand.self,
        SessionsCommand.self,
        ReportCommand.self,
        EventsCommand.self,
        LedCommand.self,
        ConfigCommand.self,
        ReloadCommand.self,
        FleetCommand.self,
        BundleCommand.self,
        HelpCommand.self,
    ]

    static func main(_ arguments: [String]) -> Int32 {
        var options = GlobalOptions()
        // The language is needed for the first error already: `--lang` and `--config` (whose
        // `[device] language` may decide it) are looked for first.
        if let index = arguments.firstIndex(of: "--lang"), index + 1 < arguments.count {
            options.language = Words.Language(rawValue: arguments[index + 1])
        }
        if let index = arguments.firstIndex(of: "--config"), index + 1 < arguments.count {
            options.configPath = arguments[index + 1]
        }
        // Worked out only when something is printed for a person (the configuration is read then).
        var words: Words { Context.words(options, config: try? ConfigLoader.load(path: options.configPath).config) }
        var rest = arguments[...]
        while let argument = rest.first, argument.hasPrefix("-") {
            rest.removeFirst()
            switch argument {
            case "--json": options.json = true
            case "--lang":
                guard let value = rest.popFirst(), Words.Language(rawValue: value) != nil else {
                    return usageError(words("usage.needsLanguage"), words)
                }
            case "--socket", "--config":
                guard let value = rest.popFirst() else { return usageError(words("usage.needsPath", ["option": argument]), words) }
                if argument == "--socket" { options.socket = value } else { options.configPath = value }
            case "--version":
                Output.line("kioskctl \(KioskAgent.version)")
                return ExitCode.success
            case "-h", "--help":
                Output.line(helpText(words))
                return ExitCode.success
            default:
                return usageError(words("usage.unknownOption", ["option": argument]), words)
            }
        }
        guard let name = rest.popFirst() else { return usageError(words("usage.noCommand"), words) }
        guard let command = commands.first(where: { $0.name == name }) else {
            return usageError(words("usage.unknownCommand", ["name": name]), words)
        }
        var commandArguments = Array(rest)
        // Global options may also follow the command: `kioskctl status --json`.
        var index = 0
        while index < commandArguments.count {
            switch commandArguments[index] {
            case "--json":
                options.json = true
                commandArguments.remove(at: index)
            case "--lang":
                guard index + 1 < commandArguments.count, Words.Language(rawValue: commandArguments[index + 1]) != nil else {
                    return usageError(words("usage.needsLanguage"), words)
                }
                options.language = Words.Language(rawValue: commandArguments[index + 1])
                commandArguments.removeSubrange(index...(index + 1))
            case "--socket", "--config":
                guard index + 1 < commandArguments.count else {
                    return usageError(words("usage.needsPath", ["option": commandArguments[index]]), words)
                }
                if commandArguments[index] == "--socket" { options.socket = commandArguments[index + 1] } else { options.configPath = commandArguments[index + 1] }
                commandArguments.removeSubrange(index...(index + 1))
            case "-h", "--help":
                Output.line(command.help(words))
                return ExitCode.success
            default:
                index += 1
            }
        }
        let context = Context(options: options)
        do throws(CommandFailure) {
            try command.run(commandArguments, context)
            return ExitCode.success
        } catch {
            return context.report(error, command: command)
        }
    }

    static func helpText(_ words: Words) -> String {
        var text = words("help.usage") + "\n\n" + words("help.commands") + "\n"
        for command in commands {
            text += "  " + command.name.padding(to: 10) + command.summary(words) + "\n"
        }
        return text + "\n" + words("help.exitStatus")
    }

    static func usageError(_ message: String, _ words: Words) -> Int32 {
        Output.error("kioskctl: \(message)\n\n\(words("help.usage"))")
        return ExitCode.usage
    }
}

struct GlobalOptions {
    var json = false
    /// `--lang`; nil: from the environment or the configuration.
    var language: Words.Language?
    var socket: String?
    var configPath: String?
}

enum ExitCode {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 64
    static let unavailable: Int32 = 69
}

extension String {
    /// Padded with spaces to `width` characters (a Vietnamese letter with its marks, in NFC,
    /// is one), or followed by one space when longer.
    func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
