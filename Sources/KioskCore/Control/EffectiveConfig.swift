/// The reply to `config` and `reload`: the configuration kioskd runs with, as INI text.
public struct EffectiveConfig: Codable, Equatable, Sendable {
    /// The file it came from, or nil for the built-in defaults.
    public var file: String?
    public var ini: String

    public init(file: String?, ini: String) {
        self.file = file
        self.ini = ini
    }
}
