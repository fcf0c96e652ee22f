#if canImport(Glibc)
import Glibc
#endif
import KioskCore

/// kioskctl's words in the technician's language.
///
/// Every human-facing line comes from one catalogue per language — `Catalog+English.swift`,
/// `Catalog+Vietnamese.swift`: a message key and its words, `{name}` where a value goes — so a
/// translator reviews one file. `--json` output does not use them: its keys and codes stay the
/// same in every language. Times and durations are shown in the kiosk's time zone
/// (`[device] timezone`).
struct Words: Sendable {
    typealias Language = Config.Device.Language

    let language: Language
    let zone: LocalTimeZone

    init(_ language: Language, zone: LocalTimeZone = .utc) {
        self.language = language
        self.zone = zone
    }

    static func catalog(_ language: Language) -> [String: String] {
        switch language {
        case .en: Catalog.english
        case .vi: Catalog.vietnamese
        }
    }

    /// The language: `--lang`, else the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set
    /// (`vi…` is Vietnamese, any other language English), else the configuration's. `C` and
    /// `POSIX` name no language: the configuration's applies.
    static func language(flag: Language?, environment: [String: String], configured: Language) -> Language {
        if let flag { return flag }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            if value == "C" || value.hasPrefix("C.") || value == "POSIX" { break }
            return value.hasPrefix("vi") ? .vi : .en
        }
        return configured
    }

    /// The message `key`, its `{name}`s replaced by `values`. A key missing from the
    /// catalogue (a test fails on it) falls back to English, then to the key itself.
    func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
        var text = Self.catalog(language)[key] ?? Catalog.english[key] ?? key
        for (name, value) in values {
            text = text.replacing("{\(name)}", with: value)
        }
        return text
    }

    /// `3 ngày 4 giờ`, `2h 3m`, `5m 12s`, `42s`: an uptime or an age.
    func span(milliseconds: Int64) -> String {
        let seconds = max(0, milliseconds / 1000)
        let (d, h, m, s) = (seconds / 86_400, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60)
        if d > 0 { return self("span.days", ["d": "\(d)", "h": "\(h)"]) }
        if h > 0 { return self("span.hours", ["h": "\(h)", "m": "\(m)"]) }
        if m > 0 { return self("span.minutes", ["m": "\(m)", "s": "\(s)"]) }
        return self("span.seconds", ["s": "\(s)"])
    }

    /// A moment in the kiosk's time zone: `14:05` today, `hôm qua 14:05`, `03/12/2026 14:05`.
    /// A text that is not an RFC 3339 time is shown as it is.
    func time(_ rfc3339: String, now: Int64 = KernelClock.wallMilliseconds()) -> String {
        guard let ms = KernelClock.milliseconds(rfc3339: rfc3339) else { return rfc3339 }
        return time(milliseconds: ms, now: now)
    }

    func time(milliseconds ms: Int64, now: Int64 = KernelClock.wallMilliseconds()) -> String {
        let clock = clock(milliseconds: ms)
        let day = zone.day(atUTC: ms), today = zone.day(atUTC: now)
        if day == today { return self("time.today", ["time": clock]) }
        if day == today.previous { return self("time.yesterday", ["time": clock]) }
        let date = day.description.split(separator: "-").map(String.init)
        guard date.count == 3 else { return day.description + " " + clock }
        return self("time.date", ["year": date[0], "month": date[1], "day": date[2], "time": clock])
    }

    /// `14:05`: the local time of day.
    func clock(milliseconds ms: Int64) -> String {
        let local = ms / 1000 + Int64(zone.offsetSeconds(atUTC: ms))
        let secondsOfDay = ((local % 86_400) + 86_400) % 86_400
        return Self.twoDigits(secondsOfDay / 3600) + ":" + Self.twoDigits(secondsOfDay / 60 % 60)
    }

    private static func twoDigits(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

/// Colour for a terminal only: never when stdout is a pipe or a file, nor with `NO_COLOR` set
/// (no-color.org) or `TERM=dumb`.
struct Paint: Sendable {
    let enabled: Bool

    static func forStandardOutput(environment: [String: String]) -> Paint {
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return Paint(enabled: isatty(1) != 0 && !noColor && environment["TERM"] != "dumb")
    }

    func good(_ text: String) -> String { wrap(text, "32") }
    func bad(_ text: String) -> String { wrap(text, "1;31") }
    func warn(_ text: String) -> String { wrap(text, "33") }
    func dim(_ text: String) -> String { wrap(text, "2") }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
