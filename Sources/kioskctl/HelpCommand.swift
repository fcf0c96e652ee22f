/// `kioskctl help [COMMAND]`.
enum HelpCommand: KioskctlCommand {
    static let name = "help"
    static let summary = "list the commands, or explain one"
    static let help = """
        usage: kioskctl help [COMMAND]

        Without a command, lists every command. With one, prints its usage and what it does.
        """

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        guard let name = arguments.first else {
            Output.line(Kioskctl.helpText())
            return
        }
        guard arguments.count == 1 else { throw .usage("help takes one command name") }
        guard let command = Kioskctl.commands.first(where: { $0.name == name }) else {
            throw .usage("unknown command \"\(name)\"")
        }
        Output.line(command.help)
    }
}
