#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import KioskCore

/// kioskctl's only ways to print: text to stdout, errors to stderr, and the JSON document.
enum Output {
    static func line(_ text: String) { write(fd: 1, text.hasSuffix("\n") ? text : text + "\n") }

    static func error(_ text: String) { write(fd: 2, text.hasSuffix("\n") ? text : text + "\n") }

    /// One JSON document, pretty-printed with sorted keys: the stable `--json` contract.
    static func json<T: Encodable>(_ value: T) {
        guard let data = jsonDocument(value) else {
            error("kioskctl: cannot encode the JSON output")
            return
        }
        line(String(decoding: data, as: UTF8.self))
    }

    /// The document `json(_:)` prints, for files a person reads too (`bundle`).
    static func jsonDocument<T: Encodable>(_ value: T) -> Data? {
        let encoder = JSON.encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        return try? encoder.encode(value)
    }

    private static func write(fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }

    /// The width every human-facing line fits: an 80-column terminal or a phone held sideways.
    static let columns = 80

    /// `text` broken at spaces so that no line is wider than `columns`; continuation lines
    /// start with `indent` spaces. Colour codes take no room; a word longer than a line stays whole.
    static func wrap(_ text: String, indent: Int = 0) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var lines: [String] = []
            var current: String?
            for word in line.split(separator: " ", omittingEmptySubsequences: false) {
                guard let sofar = current else {
                    current = String(word)
                    continue
                }
                let candidate = sofar + " " + word
                if visibleWidth(candidate) > columns, !sofar.trimmingSpaces.isEmpty {
                    lines.append(sofar)
                    current = String(repeating: " ", count: indent) + word
                } else {
                    current = candidate
                }
            }
            lines.append(current ?? "")
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// Characters a terminal shows: without colour codes (`ESC [ … m`).
    static func visibleWidth(_ text: some StringProtocol) -> Int {
        var width = 0
        var inEscape = false
        for character in text {
            if inEscape {
                if character == "m" { inEscape = false }
            } else if character == "\u{1B}" {
                inEscape = true
            } else {
                width += 1
            }
        }
        return width
    }

    /// `3d 4h`, `2h 3m`, `5m 12s`, `42s`: an uptime or an age for people.
    static func span(milliseconds: Int64) -> String {
        let seconds = max(0, milliseconds / 1000)
        let (d, h, m, s) = (seconds / 86_400, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60)
        if d > 0 { return "\(d)d \(h)h" }
        if h > 0 { return "\(h)h \(m)m" }
        if m > 0 { return "\(m)m \(s)s" }
        return "\(s)s"
    }
}

extension String {
    fileprivate var trimmingSpaces: Substring { drop { $0 == " " } }
}
