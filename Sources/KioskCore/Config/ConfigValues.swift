/// A value in kioskd.conf that is not what its key takes. The message starts with the value as
/// written, in quotes, and says what would be right; the parser adds file, line and key.
public struct InvalidValue: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    /// The most common problems also as a code, for kioskctl's translations.
    public var reason: ConfigReason?

    public init(_ message: String, reason: ConfigReason? = nil) {
        self.message = message
        self.reason = reason
    }

    public var description: String { message }

    /// `port = 1883 # broker` is a common habit from other formats: a refused value holding
    /// " #" says why (then without the reason's code, whose words do not say it).
    func explained(written: String) -> InvalidValue {
        written.contains(" #") ? InvalidValue(message + "; a comment must be on a line of its own") : self
    }
}

/// The kinds of value kioskd.conf holds, read and written in one place so that what
/// `Config.renderINI()` writes is exactly what the parser reads back.
///
/// Durations and sizes are one whole number and a unit (`30s`, `64MiB`); a bare number is
/// refused rather than guessed, because `30` could mean seconds to one person and milliseconds
/// to another. Sizes take IEC units only, so `MB` never silently means 1,000,000 or 1,048,576.
public enum ConfigValue {
    static let durationUnits: [(name: String, milliseconds: Int64)] = [
        ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1),
    ]
    static let sizeUnits: [(name: String, bytes: UInt64)] = [
        ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10), ("B", 1),
    ]

    // MARK: durations

    /// `500ms`, `30s`, `5m`, `2h`, `7d`: one whole number and one unit, a space between allowed.
    public static func duration(_ text: String) throws(InvalidValue) -> Duration {
        let units = "ms, s, m, h or d"
        let (digits, unit) = splitNumber(text)
        let notADuration = InvalidValue(
            "\(quoted(text)) is not a duration; use \(units)", reason: ConfigReason("not-a-duration", ["value": text]))
        if digits.isEmpty { throw notADuration }
        if unit.isEmpty {
            throw InvalidValue("\(quoted(text)) needs a unit: \(units)", reason: ConfigReason("duration-needs-unit", ["value": text]))
        }
        guard let scale = durationUnits.first(where: { $0.name == unit })?.milliseconds else { throw notADuration }
        guard let count = Int64(digits) else { throw InvalidValue("\(quoted(text)) is too long") }
        let (total, overflow) = count.multipliedReportingOverflow(by: scale)
        if overflow { throw InvalidValue("\(quoted(text)) is too long") }
        return .milliseconds(total)
    }

    /// The largest unit that divides the duration exactly: `120s` is `2m`, `1500ms` stays.
    /// Sub-millisecond parts, which no configuration value has, are dropped.
    public static func format(_ duration: Duration) -> String {
        let milliseconds = duration.inMilliseconds
        if milliseconds == 0 { return "0s" }
        let unit = durationUnits.first { milliseconds % $0.milliseconds == 0 }!
        return "\(milliseconds / unit.milliseconds)\(unit.name)"
    }

    // MARK: sizes

    /// `512KiB`, `64MiB`, `1GiB` or plain bytes `4096B`.
    public static func size(_ text: String) throws(InvalidValue) -> UInt64 {
        let units = "B, KiB, MiB or GiB"
        let (digits, unit) = splitNumber(text)
        let notASize = InvalidValue(
            "\(quoted(text)) is not a size; use \(units)", reason: ConfigReason("not-a-size", ["value": text]))
        if digits.isEmpty { throw notASize }
        if unit.isEmpty {
            throw InvalidValue("\(quoted(text)) needs a unit: \(units)", reason: ConfigReason("size-needs-unit", ["value": text]))
        }
        guard let scale = sizeUnits.first(where: { $0.name == unit })?.bytes else { throw notASize }
        guard let count = UInt64(digits) else { throw InvalidValue("\(quoted(text)) is too large") }
        let (total, overflow) = count.multipliedReportingOverflow(by: scale)
        if overflow { throw InvalidValue("\(quoted(text)) is too large") }
        return total
    }

    /// The largest IEC unit that divides the size exactly: `1048576` bytes is `1MiB`.
    public static func format(size: UInt64) -> String {
        if size == 0 { return "0B" }
        let unit = sizeUnits.first { size % $0.bytes == 0 }!
        return "\(size / unit.bytes)\(unit.name)"
    }

    // MARK: booleans, numbers, choices

    /// `yes`/`no`, and like systemd also `true`/`false`, `on`/`off`, `1`/`0`, in any case.
    public static func bool(_ text: String) throws(InvalidValue) -> Bool {
        switch text.lowercased() {
        case "yes", "true", "on", "1": return true
        case "no", "false", "off", "0": return false
        default:
            throw InvalidValue("\(quoted(text)) is not a boolean; use yes or no", reason: ConfigReason("not-a-boolean", ["value": text]))
        }
    }

    public static func format(_ value: Bool) -> String { value ? "yes" : "no" }

    /// A TCP port, 1-65535.
    public static func port(_ text: String) throws(InvalidValue) -> UInt16 {
        guard isDigits(text), let port = UInt16(text), port != 0 else {
            throw InvalidValue("\(quoted(text)) is not a port (1-65535)", reason: ConfigReason("not-a-port", ["value": text]))
        }
        return port
    }

    /// A whole number such as a count of clients; its range is checked by `Config.validate`.
    public static func count(_ text: String) throws(InvalidValue) -> Int {
        guard isDigits(text), let value = Int(text) else {
            throw InvalidValue("\(quoted(text)) is not a whole number", reason: ConfigReason("not-a-number", ["value": text]))
        }
        return value
    }

    /// One of `options`, in any case; `what` names the kind for the message ("a log level").
    public static func choice(_ text: String, _ what: String, _ options: [String]) throws(InvalidValue) -> String {
        let lowered = text.lowercased()
        guard let option = options.first(where: { $0 == lowered }) else {
            throw InvalidValue(
                "\(quoted(text)) is not \(what); use \(alternatives(options))",
                reason: ConfigReason("not-a-choice", ["value": text, "options": options.joined(separator: ", ")]))
        }
        return option
    }

    // MARK: names

    /// A device id is a topic level, a host-name-like label and a file name at once:
    /// `[a-z0-9-]`, 1-63 characters, not starting or ending with `-`.
    public static func checkDeviceID(_ id: String) throws(InvalidValue) {
        if id.isEmpty { throw InvalidValue("may not be empty") }
        if id.utf8.count > 63 { throw InvalidValue("\(quoted(id)) is longer than 63 characters") }
        if !id.unicodeScalars.allSatisfy({ isLowerAlphanumeric($0) || $0 == "-" }) {
            throw InvalidValue("\(quoted(id)) may only hold a-z, 0-9 and \"-\"")
        }
        if id.hasPrefix("-") || id.hasSuffix("-") {
            throw InvalidValue("\(quoted(id)) may not start or end with \"-\"")
        }
    }

    /// The site is exactly one MQTT topic level: no `/`, no wildcards, nothing invisible.
    /// A session label: a category, never free text — `[a-z0-9-]`, 1–32 characters.
    public static func checkLabel(_ label: String) throws(InvalidValue) {
        guard (1...32).contains(label.count), label.unicodeScalars.allSatisfy({ isLowerAlphanumeric($0) || $0 == "-" }) else {
            throw InvalidValue("\(quoted(label)) is not a label: use 1-32 characters a-z, 0-9 and -")
        }
    }

    public static func checkTopicLevel(_ level: String) throws(InvalidValue) {
        if level.isEmpty { throw InvalidValue("may not be empty") }
        try checkVisible(level)
        if level.contains(where: { $0 == "/" || $0 == "+" || $0 == "#" }) {
            throw InvalidValue("\(quoted(level)) may not hold \"/\", \"+\" or \"#\"; it is one MQTT topic level")
        }
    }

    /// The topic prefix is one or more whole topic levels that every kiosk topic starts with.
    public static func checkTopicPrefix(_ prefix: String) throws(InvalidValue) {
        if prefix.isEmpty { throw InvalidValue("may not be empty") }
        try checkVisible(prefix)
        if prefix.contains(where: { $0 == "+" || $0 == "#" }) {
            throw InvalidValue("\(quoted(prefix)) may not hold the MQTT wildcards \"+\" or \"#\"")
        }
        if prefix.hasPrefix("$") {
            throw InvalidValue("\(quoted(prefix)) may not start with \"$\"; brokers reserve those topics")
        }
        if prefix.hasPrefix("/") || prefix.hasSuffix("/") {
            throw InvalidValue("\(quoted(prefix)) may not start or end with \"/\"")
        }
        if prefix.contains("//") {
            throw InvalidValue("\(quoted(prefix)) has an empty level between two \"/\"")
        }
    }

    /// The NAME of `[probe.NAME]` and `[led.NAME]`: it appears in records and in `kioskctl`.
    public static func checkItemName(_ name: String) throws(InvalidValue) {
        if name.isEmpty { throw InvalidValue("may not be empty") }
        if !name.unicodeScalars.allSatisfy({ isLowerAlphanumeric($0) || $0 == "-" || $0 == "_" }) {
            throw InvalidValue("\(quoted(name)) may only hold a-z, 0-9, \"_\" and \"-\"")
        }
    }

    /// What a probe's `target` must be for its `type`; only `link` may leave it empty
    /// (it then watches the interface of the default route).
    public static func checkProbeTarget(_ target: String, for type: Config.Probe.Kind) throws(InvalidValue) {
        if target.isEmpty {
            switch type {
            case .link: return
            case .icmp: throw InvalidValue("missing; an icmp probe needs a host name or address")
            case .dns: throw InvalidValue("missing; a dns probe needs a host name to resolve")
            case .tcp: throw InvalidValue("missing; a tcp probe needs host:port")
            case .http: throw InvalidValue("missing; an http probe needs an http:// or https:// URL")
            }
        }
        try checkVisible(target)
        switch type {
        case .link:
            if target.utf8.count > 15 { throw InvalidValue("\(quoted(target)) is longer than an interface name (15 characters)") }
        case .icmp, .dns:
            if target.contains("/") { throw InvalidValue("\(quoted(target)) is not a host name or address") }
        case .tcp:
            try checkHostPort(target)
        case .http:
            let scheme = ["http://", "https://"].first { target.lowercased().hasPrefix($0) }
            guard let scheme, target.count > scheme.count else {
                throw InvalidValue("\(quoted(target)) is not an http:// or https:// URL")
            }
        }
    }

    /// `host:port`, with an IPv6 address in brackets: `[2001:db8::1]:443`.
    private static func checkHostPort(_ target: String) throws(InvalidValue) {
        guard let colon = target.lastIndex(of: ":") else {
            throw InvalidValue("\(quoted(target)) needs a port: host:port")
        }
        let host = target[..<colon]
        guard (try? port(String(target[target.index(after: colon)...]))) != nil else {
            throw InvalidValue("\(quoted(target)) has no valid port (1-65535)")
        }
        if host.isEmpty || host == "[]" { throw InvalidValue("\(quoted(target)) needs a host before the port") }
        if host.contains(":") && !(host.hasPrefix("[") && host.hasSuffix("]")) {
            throw InvalidValue("\(quoted(target)) needs the IPv6 address in brackets, like [2001:db8::1]:443")
        }
    }

    /// Host names, addresses and interface names never hold spaces or control characters.
    static func checkVisible(_ text: String) throws(InvalidValue) {
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) {
            throw InvalidValue("\(quoted(text)) may not hold spaces or control characters")
        }
    }

    // MARK: text

    /// The value in quotes, as messages show it.
    static func quoted(_ text: String) -> String { "\"\(text)\"" }

    /// `["a", "b", "c"]` → `a, b or c`.
    static func alternatives(_ options: [String]) -> String {
        guard let last = options.last else { return "" }
        if options.count == 1 { return last }
        return options.dropLast().joined(separator: ", ") + " or " + last
    }

    /// The leading ASCII digits and the rest, trimmed: `"30 s"` → `("30", "s")`.
    private static func splitNumber(_ text: String) -> (digits: Substring, unit: String) {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        return (digits, text.dropFirst(digits.count).trimmed)
    }

    private static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func isLowerAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
