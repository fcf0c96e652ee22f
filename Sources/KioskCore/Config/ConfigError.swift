/// One problem in a configuration, placed so a technician can go straight to it:
/// `kioskd.conf:4: [mqtt] hots: unknown key; did you mean "host"?`
///
/// Messages name files and values as written, never the content of a secret file.
public struct ConfigDiagnostic: Equatable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based; nil for a problem of the whole file or of a value that has no line (a default).
    public var line: Int?
    /// `mqtt`, `probe.gateway`; nil for problems of the file's syntax.
    public var section: String?
    public var key: String?
    public var message: String
    /// The message as a stable code and its values, for kioskctl to say in the technician's
    /// language; nil for the rarer problems, which stay in English.
    public var reason: ConfigReason?

    public init(
        file: String, line: Int? = nil, section: String? = nil, key: String? = nil, message: String, reason: ConfigReason? = nil
    ) {
        self.file = file
        self.line = line
        self.section = section
        self.key = key
        self.message = message
        self.reason = reason
    }

    /// `FILE:LINE: [section] key: `, leaving out the parts that are nil.
    public var location: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let section { text += "[\(section)] " }
        if let key { text += "\(key): " }
        return text
    }

    /// `FILE:LINE: [section] key: message`.
    public var description: String { location + message }
}

/// What is wrong with a value, as a code (`not-a-port`) and the values its words need
/// (`value`): the same as the English message, in a form another language can be made from.
public struct ConfigReason: Equatable, Sendable {
    public var code: String
    public var values: [String: String]

    public init(_ code: String, _ values: [String: String] = [:]) {
        self.code = code
        self.values = values
    }
}

/// Every problem found in a configuration, not just the first: a technician on a slow SSH link
/// fixes the file once instead of once per mistake.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// In the order of the file's lines; problems without a line come last.
    public var diagnostics: [ConfigDiagnostic]

    public init(diagnostics: [ConfigDiagnostic]) { self.diagnostics = diagnostics }

    /// One diagnostic per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
