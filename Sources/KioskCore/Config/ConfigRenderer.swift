extension Config {
    /// The whole configuration as kioskd.conf text: every section and key with its value,
    /// unset optional keys as `#key =`. `ConfigLoader.parse` reads it back to an equal `Config`
    /// (durations to the millisecond), so `kioskctl config show > kioskd.conf` is a valid start.
    public func renderINI() -> String {
        var lines: [String] = []
        func section<Target>(_ name: String, _ keys: [ConfigKey<Target>], of target: Target, only: [String]? = nil) {
            if !lines.isEmpty { lines.append("") }
            lines.append("[\(name)]")
            for key in keys where only?.contains(key.name) ?? true {
                if let value = key.render(target) {
                    lines.append("\(key.name) = \(Config.written(value))")
                } else {
                    lines.append("#\(key.name) =")
                }
            }
        }
        for fixed in [ConfigSchema.device, ConfigSchema.mqtt, ConfigSchema.storage, ConfigSchema.health] {
            section(fixed.name, fixed.keys, of: self)
        }
        for probe in probes {
            section("probe.\(probe.name)", ConfigSchema.probeKeys, of: probe)
        }
        section(ConfigSchema.sessions.name, ConfigSchema.sessions.keys, of: self)
        for led in leds {
            let only = ["role", "driver"] + ConfigSchema.ledKeys(for: led.driver)
            section("led.\(led.name)", ConfigSchema.ledKeys, of: led, only: only)
        }
        for fixed in [ConfigSchema.control, ConfigSchema.log] {
            section(fixed.name, fixed.keys, of: self)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Quoted when reading it back unquoted would change it: outer spaces, or a leading quote.
    static func written(_ value: String) -> String {
        if value.isEmpty || value != value.trimmed || value.hasPrefix("\"") { return "\"\(value)\"" }
        return value
    }
}
