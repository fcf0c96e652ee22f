/// `kioskctl help [COMMAND]`.
enum HelpCommand: KioskctlCommand {
    static let name = "help"

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        let words = context.words
        guard let name = arguments.first else {
            Output.line(Kioskctl.helpText(words))
            return
        }
        guard arguments.count == 1 else { throw .usage(words("usage.oneCommandName")) }
        guard let command = Kioskctl.commands.first(where: { $0.name == name }) else {
            throw .usage(words("usage.unknownCommand", ["name": name]))
        }
        Output.line(command.help(words))
    }
}
