#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Severity, numbered like syslog and journald so the stderr prefix `<N>` is the value itself.
public enum LogLevel: Int, Comparable, Sendable, CaseIterable {
    case error = 3, warning = 4, notice = 5, info = 6, debug = 7

    public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rawValue < b.rawValue }

    public var name: String {
        switch self {
        case .error: "error"
        case .warning: "warning"
        case .notice: "notice"
        case .info: "info"
        case .debug: "debug"
        }
    }

    public init?(name: String) {
        guard let level = LogLevel.allCases.first(where: { $0.name == name }) else { return nil }
        self = level
    }
}

/// Where log lines go: stderr for journald, or a test's capture.
public protocol LogSink: Sendable {
    /// One whole line, newline included.
    func write(_ line: String)
}

/// Structured logging to stderr for journald: `<6>message key=value key="two words" unit=store`.
///
/// The message is prose; data goes in metadata; `unit=` names the component (the label).
/// Messages and metadata are built only when the level is on (`@autoclosure`, as swift-log),
/// so a per-record debug line costs one atomic load while debug is off. Nothing that could
/// hold a secret (a password, a key) is ever passed here: callers log file paths, never
/// file contents.
public struct Logger: Sendable {
    /// The threshold for every logger of the process; changed on reload.
    private static let threshold = Atomic<Int>(LogLevel.info.rawValue)
    private static let sinks = Mutex<[any LogSink]>([StandardError()])

    public static var level: LogLevel {
        get { LogLevel(rawValue: threshold.load(ordering: .relaxed)) ?? .info }
        set { threshold.store(newValue.rawValue, ordering: .relaxed) }
    }

    /// Sends every line to `sink` as well as stderr until `removeSink` (tests capture kioskd's
    /// components in process this way).
    public static func addSink(_ sink: some LogSink & AnyObject) {
        sinks.withLock { $0.append(sink) }
    }

    public static func removeSink(_ sink: some LogSink & AnyObject) {
        sinks.withLock { list in list.removeAll { ($0 as AnyObject) === sink } }
    }

    /// The component, logged as `unit=…`.
    public let label: String

    public init(_ label: String) { self.label = label }

    public func error(_ message: @autoclosure () -> String, _ metadata: @autoclosure () -> KeyValuePairs<String, String> = [:]) {
        log(.error, message(), metadata())
    }
    public func warning(_ message: @autoclosure () -> String, _ metadata: @autoclosure () -> KeyValuePairs<String, String> = [:]) {
        log(.warning, message(), metadata())
    }
    public func notice(_ message: @autoclosure () -> String, _ metadata: @autoclosure () -> KeyValuePairs<String, String> = [:]) {
        log(.notice, message(), metadata())
    }
    public func info(_ message: @autoclosure () -> String, _ metadata: @autoclosure () -> KeyValuePairs<String, String> = [:]) {
        log(.info, message(), metadata())
    }
    public func debug(_ message: @autoclosure () -> String, _ metadata: @autoclosure () -> KeyValuePairs<String, String> = [:]) {
        log(.debug, message(), metadata())
    }

    public func log(
        _ level: LogLevel, _ message: @autoclosure () -> String, _ metadata: @autoclosure () -> KeyValuePairs<String, String>
    ) {
        guard level.rawValue <= Logger.threshold.load(ordering: .relaxed) else { return }
        var line = Logger.format(level, message(), metadata())
        if !label.isEmpty { line += " unit=" + Logger.quoted(label) }
        line += "\n"
        for sink in Logger.sinks.withLock({ $0 }) { sink.write(line) }
    }

    /// Writes whole lines to stderr (fd 2); a line stderr cannot take is dropped.
    struct StandardError: LogSink {
        func write(_ line: String) { try? Errno.writeAll(2, line) }
    }

    /// One log line without its newline. Each line stays one line: newlines in values are escaped.
    public static func format(
        _ level: LogLevel, _ message: String, _ metadata: KeyValuePairs<String, String>
    ) -> String {
        var line = "<\(level.rawValue)>" + escapeNewlines(message)
        for (key, value) in metadata {
            line += " \(key)=" + quoted(value)
        }
        return line
    }
    static func quoted(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline })
        guard needsQuotes else { return value }
        var out = "\""
        for ch in value {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.append(ch)
            }
        }
        return out + "\""
    }

    static func escapeNewlines(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        return text.replacing("\r", with: "\\r").replacing("\n", with: "\\n")
    }
}
