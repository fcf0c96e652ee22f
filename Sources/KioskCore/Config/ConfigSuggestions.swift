/// "Did you mean" for misspelt keys and sections: a technician typing over SSH on a phone
/// keyboard should be told the right word, not just that theirs is wrong.
extension ConfigReader {
    /// `unknown key; did you mean "host"?`, else where the key belongs, else the section's keys.
    static func unknownKey(_ key: String, known: [String]) -> InvalidValue {
        if let near = closest(to: key, among: known) {
            return InvalidValue("unknown key; did you mean \"\(near)\"?", reason: ConfigReason("unknown-key-near", ["near": near]))
        }
        let homes = sections(holding: key)
        if !homes.isEmpty {
            return InvalidValue(
                "unknown key; it belongs in \(ConfigValue.alternatives(homes))",
                reason: ConfigReason("unknown-key-elsewhere", ["sections": homes.joined(separator: ", ")]))
        }
        let keys = known.joined(separator: ", ")
        return InvalidValue("unknown key; known keys: \(keys)", reason: ConfigReason("unknown-key", ["keys": keys]))
    }

    /// The sections that know `key`, as written in a file: `[sessions]`, `[probe.NAME]`.
    static func sections(holding key: String) -> [String] {
        let fixed = ConfigSchema.fixedSections.filter { $0.key(key) != nil }.map { "[\($0.name)]" }
        let items = ConfigSchema.itemSections.filter { ConfigSchema.keys(ofItem: $0).contains(key) }.map { "[\($0).NAME]" }
        return fixed + items
    }

    /// `; did you mean [mqtt]?` for a misspelt section, else the list of sections.
    static func sectionHint(_ name: String) -> String {
        let lowered = name.lowercased()
        if let dot = lowered.firstIndex(of: "."),
            let kind = closest(to: String(lowered[..<dot]), among: ConfigSchema.itemSections)
        {
            return "; did you mean [\(kind)\(lowered[dot...])]?"
        }
        if let fixed = closest(to: lowered, among: ConfigSchema.fixedSections.map(\.name)) {
            return "; did you mean [\(fixed)]?"
        }
        if let kind = closest(to: lowered, among: ConfigSchema.itemSections) {
            return "; did you mean [\(kind).NAME]?"
        }
        return "; known sections: \(ConfigSchema.sectionList.joined(separator: ", "))"
    }

    /// The nearest candidate, if near enough to be a slip rather than another word:
    /// one edit for short words, two for longer ones. Case is ignored.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        let limit = lowered.count <= 4 ? 1 : 2
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate)
            if distance <= limit && distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`: "hots" → "host" is 1.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
