/// Reads the lines of kioskd.conf into a `Config`, collecting every problem on the way.
///
/// Keys of `[section]`s apply as they are read. The keys of a `[probe.NAME]` or `[led.NAME]`
/// are collected first and applied at the end, because what is required or allowed depends on
/// `type` or `driver`, which may come last in the section.
struct ConfigReader {
    let file: String
    private(set) var config: Config
    private(set) var origins = ConfigOrigins()
    private(set) var diagnostics: [ConfigDiagnostic] = []
    private var current = Current.none
    private var items: [Item] = []

    private enum Current {
        case none
        case fixed(ConfigSection)
        case item(Int)
        /// An unknown, invalid or repeated section: already reported, its keys are not read.
        case skipped
    }

    private struct Item {
        struct Entry {
            let key: String
            let value: String
            let line: Int
        }
        let kind: String
        let name: String
        let line: Int
        var entries: [Entry] = []
        var section: String { "\(kind).\(name)" }
    }

    init(file: String, defaults: Config) {
        self.file = file
        self.config = defaults
    }

    mutating func read(_ text: String) {
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (index, line) in lines.enumerated() {
            readLine(line.trimmed, number: index + 1)
        }
        for item in items {
            if item.kind == "probe" { addProbe(item) } else { addLED(item) }
        }
    }

    // MARK: lines

    private mutating func readLine(_ line: String, number: Int) {
        if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { return }
        if line.hasPrefix("[") { return readHeader(line, number: number) }
        guard let equals = line.firstIndex(of: "="), !line[..<equals].trimmed.isEmpty else {
            return report(number, "expected \"key = value\" or \"[section]\"")
        }
        let key = line[..<equals].trimmed
        let value = line[line.index(after: equals)...].trimmed
        switch current {
        case .none:
            let homes = ConfigReader.sections(holding: key)
            let hint = homes.isEmpty ? "" : "; it belongs in \(ConfigValue.alternatives(homes))"
            report(number, key: key, "set before any [section]" + hint)
        case .skipped:
            return
        case .fixed(let section):
            guard let spec = section.key(key) else {
                return report(number, section: section.name, key: key, ConfigReader.unknownKey(key, known: section.keys.map(\.name)))
            }
            var updated = config
            apply(spec, to: &updated, value, section: section.name, key: key, line: number, emptyHint: "; remove the line to keep the default")
            config = updated
        case .item(let index):
            items[index].entries.append(Item.Entry(key: key, value: value, line: number))
        }
    }

    private mutating func readHeader(_ line: String, number: Int) {
        current = .skipped
        guard let close = line.firstIndex(of: "]") else {
            return report(number, "\(ConfigValue.quoted(line)) is missing its closing \"]\"")
        }
        guard line.index(after: close) == line.endIndex else {
            return report(number, "\(ConfigValue.quoted(line)) has text after \"]\"; a comment must be on a line of its own")
        }
        let name = line.dropFirst().dropLast().trimmed
        if let first = origins.sections[name] {
            return report(number, "section [\(name)] given twice (first on line \(first))")
        }
        if let section = ConfigSchema.fixedSections.first(where: { $0.name == name }) {
            origins.sections[name] = number
            current = .fixed(section)
            return
        }
        let parts = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard ConfigSchema.itemSections.contains(parts[0]) else {
            return report(number, "unknown section [\(name)]" + ConfigReader.sectionHint(name))
        }
        guard parts.count == 2, !parts[1].isEmpty else {
            let example = parts[0] == "probe" ? "gateway" : "power"
            return report(number, "[\(parts[0])] needs a name, like [\(parts[0]).\(example)]")
        }
        do throws(InvalidValue) {
            try ConfigValue.checkItemName(parts[1])
        } catch {
            return report(number, "section [\(name)]: \(error.message)")
        }
        origins.sections[name] = number
        items.append(Item(kind: parts[0], name: parts[1], line: number))
        current = .item(items.count - 1)
    }

    // MARK: keys

    /// Sets one key; false when its value was refused (already reported).
    @discardableResult
    private mutating func apply<Target>(
        _ spec: ConfigKey<Target>, to target: inout Target, _ written: String,
        section: String, key: String, line: Int, emptyHint: String = ""
    ) -> Bool {
        if let first = origins.keys["\(section) \(key)"] {
            report(line, section: section, key: key, "set twice (first on line \(first))")
            return false
        }
        origins.keys["\(section) \(key)"] = line
        var value = written
        if written.hasPrefix("\"") {
            guard written.count >= 2, written.hasSuffix("\"") else {
                report(line, section: section, key: key, "the opening quote has no closing quote")
                return false
            }
            value = String(written.dropFirst().dropLast())
        }
        if value.isEmpty && !spec.acceptsEmpty {
            report(line, section: section, key: key, "needs a value" + emptyHint)
            return false
        }
        do throws(InvalidValue) {
            try spec.apply(&target, value)
            return true
        } catch {
            report(line, section: section, key: key, error.explained(written: written))
            return false
        }
    }

    /// Applies an item's keys to `target`; returns the keys that were set.
    private mutating func apply<Target>(_ item: Item, _ keys: [ConfigKey<Target>], to target: inout Target) -> Set<String> {
        var applied: Set<String> = []
        for entry in item.entries {
            guard let spec = keys.first(where: { $0.name == entry.key }) else {
                report(entry.line, section: item.section, key: entry.key, ConfigReader.unknownKey(entry.key, known: keys.map(\.name)))
                continue
            }
            if apply(spec, to: &target, entry.value, section: item.section, key: entry.key, line: entry.line) {
                applied.insert(entry.key)
            }
        }
        return applied
    }

    private mutating func addProbe(_ item: Item) {
        var probe = Config.Probe(name: item.name, type: .link, target: "")
        let applied = apply(item, ConfigSchema.probeKeys, to: &probe)
        if applied.contains("type") {
            config.probes.append(probe)
        } else {
            requireKey("type", of: item, choices: Config.Probe.Kind.allCases.map(\.rawValue))
        }
    }

    private mutating func addLED(_ item: Item) {
        var led = Config.LED(name: item.name, role: .power, driver: .none)
        let applied = apply(item, ConfigSchema.ledKeys, to: &led)
        if !applied.contains("role") { requireKey("role", of: item, choices: Config.LED.Role.allCases.map(\.rawValue)) }
        guard applied.contains("driver") else {
            return requireKey("driver", of: item, choices: Config.LED.Driver.allCases.map(\.rawValue))
        }
        let allowed = ["role", "driver"] + ConfigSchema.ledKeys(for: led.driver)
        for entry in item.entries where !allowed.contains(entry.key) {
            guard let owner = Config.LED.Driver.allCases.first(where: { ConfigSchema.ledKeys(for: $0).contains(entry.key) }) else {
                continue
            }
            report(entry.line, section: item.section, key: entry.key, "only the \(owner.rawValue) driver uses it")
        }
        if applied.contains("role") { config.leds.append(led) }
    }

    /// Reports a required key that is absent; one that is present with a bad value was reported.
    private mutating func requireKey(_ key: String, of item: Item, choices: [String]) {
        guard origins.keys["\(item.section) \(key)"] == nil else { return }
        report(item.line, section: item.section, key: key, "missing; use \(ConfigValue.alternatives(choices))")
    }

    private mutating func report(_ line: Int, section: String? = nil, key: String? = nil, _ message: String) {
        diagnostics.append(ConfigDiagnostic(file: file, line: line, section: section, key: key, message: message))
    }

    private mutating func report(_ line: Int, section: String? = nil, key: String? = nil, _ problem: InvalidValue) {
        diagnostics.append(ConfigDiagnostic(
            file: file, line: line, section: section, key: key, message: problem.message, reason: problem.reason))
    }
}
