import KioskCore

/// What several commands' arguments share.
enum Arguments {
    /// `--since 7d`, `--window 3s`: a duration written as in kioskd.conf. A wrong one is a usage
    /// error in the technician's words.
    static func duration(_ option: String, _ text: String, _ words: Words) throws(CommandFailure) -> Duration {
        do throws(InvalidValue) {
            return try ConfigValue.duration(text)
        } catch _ {
            throw .usage(words("args.badDuration", ["option": option, "value": text]))
        }
    }
}
