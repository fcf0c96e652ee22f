import KioskCore

/// `kioskctl reload`: the same as `systemctl reload kioskd` or SIGHUP, with the verdict.
enum ReloadCommand: KioskctlCommand {
    static let name = "reload"

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        guard arguments.isEmpty else { throw .usage("reload takes no arguments") }
        let effective = try context.call("reload", as: EffectiveConfig.self)
        if context.json {
            Output.json(effective)
        } else {
            Output.line("kioskd reloaded \(effective.file ?? "the built-in defaults")")
        }
    }
}
