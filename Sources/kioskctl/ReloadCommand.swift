import KioskCore

/// `kioskctl reload`: the same as `systemctl reload kioskd` or SIGHUP, with the verdict.
enum ReloadCommand: KioskctlCommand {
    static let name = "reload"

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        let words = context.words
        guard arguments.isEmpty else { throw .usage(words("usage.noArguments", ["command": name])) }
        let effective = try context.call("reload", as: EffectiveConfig.self)
        if context.json {
            Output.json(effective)
        } else {
            Output.line(words("reload.done", ["file": effective.file ?? words("config.builtIn")]))
        }
    }
}
