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
