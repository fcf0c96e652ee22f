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
        HelpCommand.self,
    ]

    static let usage = """
        usage: kioskctl [--socket PATH] [--config PATH] [--json] COMMAND [ARGS…]

        Global options:
          --socket PATH   kioskd's control socket (default: from the configuration file,
                          else /run/kioskd/control.sock, or the user's own when not root)
          --config PATH   configuration file (default /etc/kioskd/kioskd.conf)
          --json          print one stable JSON document instead of a table
          --version       print kioskctl's version
          -h, --help      print this help; `kioskctl help COMMAND` for a command's own
        """

    static func main(_ arguments: [String]) -> Int32 {
        var options = GlobalOptions()
        var rest = arguments[...]
        while let argument = rest.first, argument.hasPrefix("-") {
            rest.removeFirst()
            switch argument {
            case "--json": options.json = true
            case "--socket", "--config":
                guard let value = rest.popFirst() else { return usageError("\(argument) needs a path") }
                if argument == "--socket" { options.socket = value } else { options.configPath = value }
            case "--version":
                Output.line("kioskctl \(KioskAgent.version)")
                return ExitCode.success
            case "-h", "--help":
                Output.line(helpText())
                return ExitCode.success
            default:
                return usageError("unknown option \(argument)")
            }
        }
        guard let name = rest.popFirst() else { return usageError("no command given") }
        guard let command = commands.first(where: { $0.name == name }) else {
            return usageError("unknown command \"\(name)\"")
        }
        var commandArguments = Array(rest)
        // Global options may also follow the command: `kioskctl status --json`.
        var index = 0
        while index < commandArguments.count {
            switch commandArguments[index] {
            case "--json":
                options.json = true
                commandArguments.remove(at: index)
            case "--socket", "--config":
                guard index + 1 < commandArguments.count else {
                    return usageError("\(commandArguments[index]) needs a path")
                }
                if commandArguments[index] == "--socket" { options.socket = commandArguments[index + 1] } else { options.configPath = commandArguments[index + 1] }
                commandArguments.removeSubrange(index...(index + 1))
            case "-h", "--help":
                Output.line(command.help)
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

    static func helpText() -> String {
        var text = usage + "\n\nCommands:\n"
        for command in commands {
            text += "  " + command.name.padding(to: 10) + command.summary + "\n"
        }
        return text + "\nExit status: 0 success, 1 failure, 64 usage error, 69 kioskd not reachable."
    }

    static func usageError(_ message: String) -> Int32 {
        Output.error("kioskctl: \(message)\n\n\(usage)")
        return ExitCode.usage
    }
}

struct GlobalOptions {
    var json = false
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
    func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
