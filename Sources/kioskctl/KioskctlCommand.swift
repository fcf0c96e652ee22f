import KioskCore

/// One kioskctl command: a name and what it does; its line for the command list and its help
/// are in the catalogues (`NAME.summary`, `NAME.help`).
protocol KioskctlCommand: Sendable {
    static var name: String { get }
    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure)
}

extension KioskctlCommand {
    static func summary(_ words: Words) -> String { words(name + ".summary") }
    /// Usage and description, shown by `kioskctl help NAME` and `kioskctl NAME --help`.
    static func help(_ words: Words) -> String { words(name + ".help") }
}

/// Why a command did not succeed; `Context.report` prints it and picks the exit status.
enum CommandFailure: Error {
    /// Bad arguments: exit 64 with the command's usage.
    case usage(String)
    /// kioskd is not running or its socket cannot be reached: exit 69.
    case unreachable(path: String, reason: String)
    /// The command ran and failed: exit 1. The message is already printed when `printed`.
    case failed(String, printed: Bool = false)
    /// `fleet`: the provincial broker cannot be reached or refuses the subscription: exit 69.
    case brokerUnreachable(String)
}
