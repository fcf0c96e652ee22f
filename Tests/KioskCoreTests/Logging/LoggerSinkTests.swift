import KioskCore
import Synchronization
import Testing

/// Lines a test sees in process, from every logger of the process.
final class CapturedLog: LogSink {
    private let lines = Mutex<[String]>([])
    func write(_ line: String) { lines.withLock { $0.append(line) } }
    var text: [String] { lines.withLock { $0 } }
}

@Suite struct LoggerSinkTests {
    @Test func aLineNamesItsUnitAndReachesACapture() {
        let capture = CapturedLog()
        Logger.addSink(capture)
        defer { Logger.removeSink(capture) }
        let marker = "captured-\(UInt64.random(in: 0...UInt64.max))"
        Logger("logger-test").notice("a line for the capture", ["marker": marker])
        #expect(capture.text.contains("<5>a line for the capture marker=\(marker) unit=logger-test\n"), "\(capture.text)")
    }

    @Test func aLineBelowTheLevelIsNeverBuilt() {
        let built = Atomic<Int>(0)
        func expensive() -> String {
            built.add(1, ordering: .relaxed)
            return "expensive"
        }
        // The level is process-wide; debug is below the default info and nothing here turns it on.
        Logger("test").debug(expensive(), ["value": expensive()])
        #expect(built.load(ordering: .relaxed) == 0)
        Logger("test").error(expensive())
        #expect(built.load(ordering: .relaxed) == 1)
    }
}
