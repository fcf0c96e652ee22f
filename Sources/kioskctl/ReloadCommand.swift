import KioskCore

/// `kioskctl reload`: the same as `systemctl reload kioskd` or SIGHUP, with the verdict.
enum ReloadCommand: KioskctlCommand {
    static let name = "reload"
    static let summary = "make kioskd read its configuration file again"
    static let help = """
        usage: kioskctl reload

        Asks kioskd to read its configuration file again. A file with errors is refused and
        kioskd keeps running with the configuration it had; the errors are printed.
        Allowed to root, kioskd's own user and members of the control socket's group.
        """

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
