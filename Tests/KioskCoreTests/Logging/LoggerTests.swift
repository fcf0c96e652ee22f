import KioskCore
import Testing

@Suite struct LoggerTests {
    @Test func linesCarryTheJournaldPriorityAndKeyValueMetadata() {
        #expect(Logger.format(.error, "cannot bind", ["path": "/run/kioskd/control.sock"]) == "<3>cannot bind path=/run/kioskd/control.sock")
        #expect(Logger.format(.notice, "kioskd starting", ["config": "built-in defaults", "pid": "12"]) == #"<5>kioskd starting config="built-in defaults" pid=12"#)
        #expect(Logger.format(.debug, "x", ["empty": ""]) == #"<7>x empty="""#)
    }

    @Test func aLogLineStaysOneLine() {
        let line = Logger.format(.warning, "two\nlines", ["value": "a\"b\nc"])
        #expect(line == #"<4>two\nlines value="a\"b\nc""#)
        #expect(!line.contains("\n"))
    }

    @Test func levelsHaveNamesAndSyslogNumbers() {
        #expect(LogLevel.allCases.map(\.rawValue) == [3, 4, 5, 6, 7])
        #expect(LogLevel(name: "warning") == .warning)
        #expect(LogLevel(name: "verbose") == nil)
    }
}

