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

    /// A closed pipe (`kioskctl status | head -1`) ends the output, not kioskctl.
    private static func write(fd: Int32, _ text: String) { try? Errno.writeAll(fd, text) }

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

    /// Rows as aligned columns: every column but the last padded to its widest cell (in
    /// Characters, so a Vietnamese word lines up too) and `gap` spaces more.
    static func table(_ rows: [[String]], gap: Int = 1) -> [String] {
        var widths: [Int] = []
        for row in rows {
            for (index, cell) in row.enumerated() {
                if index == widths.count { widths.append(0) }
                widths[index] = max(widths[index], cell.count)
            }
        }
        return rows.map { row in
            var line = row.enumerated().map { $0.offset == row.count - 1 ? $0.element : $0.element.padding(to: widths[$0.offset] + gap) }.joined()
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// One column's cells padded to the widest and `gap` spaces more: the times at the start
    /// of a list's lines (`14:05`, `yesterday 14:05`) keep what follows them aligned.
    static func aligned(_ cells: [String], gap: Int = 2) -> [String] {
        let width = (cells.map(\.count).max() ?? 0) + gap
        return cells.map { $0.padding(to: width) }
    }
}

extension String {
    fileprivate var trimmingSpaces: Substring { drop { $0 == " " } }
}
