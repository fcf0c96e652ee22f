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
        let encoder = JSON.encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        guard let data = try? encoder.encode(value) else {
            error("kioskctl: cannot encode the JSON output")
            return
        }
        line(String(decoding: data, as: UTF8.self))
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

    /// Rows as aligned columns: every column but the last padded to its widest cell (in
    /// Characters, so a Vietnamese word lines up too) and `gap` spaces more.
    static func columns(_ rows: [[String]], gap: Int = 1) -> [String] {
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
