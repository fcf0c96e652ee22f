@testable import KioskDaemon
import KioskCore
import KioskGPIO
import Testing

/// A driver that records what it is told and fails when asked to: the board's decisions
/// (what to show, when to wake, what to report) without any hardware.
final class RecordingLED: LEDDriver {
    let kind = "fake"
    let note: String? = nil
    var refreshMs: Int64?
    var openFault: LEDFault?
    var shown: [(lit: Bool, forMs: Int64?)] = []
    var closedLeaving: Bool?

    init(refreshMs: Int64? = nil, openFault: LEDFault? = nil) {
        self.refreshMs = refreshMs
        self.openFault = openFault
    }

    func open() throws(LEDFault) {
        if let openFault { throw openFault }
    }

    func show(lit: Bool, forMs: Int64?) throws(LEDFault) { shown.append((lit, forMs)) }

    func close(leaving lit: Bool) { closedLeaving = lit }
}

@Suite struct LEDBoardTests {
    static func led(_ name: String, _ role: LEDRole, _ driver: Config.LED.Driver = .gpiod) -> Config.LED {
        Config.LED(name: name, role: role, driver: driver, chip: "gpiochip0", line: "1")
    }

    @Test func theBoardWakesOnlyAtEdges() {
        let power = RecordingLED()
        var board = LEDBoard([Self.led("power", .power)]) { _ in power }
        #expect(board.advance(nowMs: 1000, wallMs: 0) == 1100)
        #expect(power.shown.map(\.lit) == [true])
        #expect(power.shown.last?.forMs == 100)
        // Nothing to do between edges: no call, same next edge.
        #expect(board.advance(nowMs: 1050, wallMs: 0) == 1100)
        #expect(power.shown.count == 1)
        #expect(board.advance(nowMs: 1100, wallMs: 0) == 1250)
        #expect(power.shown.map(\.lit) == [true, false])
    }

    @Test func steadyAndUndrivenLEDsNeverWakeTheThread() {
        var board = LEDBoard([Self.led("session", .session), Self.led("spare", .power, .none)]) { led in
            led.driver == .none ? nil : RecordingLED()
        }
        #expect(board.advance(nowMs: 0, wallMs: 0) == nil)
        #expect(board.status.map(\.pattern) == ["off", "heartbeat"])
    }

    @Test func aFaultIsSaidOnceRetriedAndLightsTheFaultLED() {
        let broken = RecordingLED(openFault: LEDFault(.busy, "line 1 of gpiochip0 is busy"))
        let fault = RecordingLED()
        var board = LEDBoard([Self.led("net", .network), Self.led("fault", .fault)]) { led in led.role == .fault ? fault : broken }
        #expect(board.advance(nowMs: 0, wallMs: 5) == LEDBoard.retryMs)
        #expect(board.status.first?.fault == "line 1 of gpiochip0 is busy")
        #expect(fault.shown.last?.lit == true)
        #expect(board.events.map(\.kind) == ["led-fault"])
        _ = board.advance(nowMs: LEDBoard.retryMs, wallMs: 5)
        #expect(board.events.count == 1, "a retry that fails the same way says nothing new")

        broken.openFault = nil
        _ = board.advance(nowMs: 2 * LEDBoard.retryMs, wallMs: 5)
        _ = board.advance(nowMs: 2 * LEDBoard.retryMs, wallMs: 5)
        #expect(board.events.map(\.kind) == ["led-fault", "led-recovered"])
        #expect(board.status.first?.fault == nil)
        #expect(fault.shown.last?.lit == false)
    }

    @Test func ledTestLightsOneLEDPerSecondThenGoesBack() {
        let a = RecordingLED(), b = RecordingLED()
        var board = LEDBoard([Self.led("a", .session), Self.led("b", .session)]) { $0.name == "a" ? a : b }
        _ = board.advance(nowMs: 0, wallMs: 0)
        board.override = .test(startMs: 1000)
        var lit: [String] = []
        for now in stride(from: Int64(1000), through: 4000, by: 500) {
            _ = board.advance(nowMs: now, wallMs: 0)
            lit.append((a.shown.last?.lit == true ? "a" : "") + (b.shown.last?.lit == true ? "b" : ""))
        }
        #expect(lit == ["a", "a", "b", "b", "", "", ""])
        #expect(board.status.map(\.mode) == [.normal, .normal])
    }

    @Test func stoppedLeavesOnlyTheFaultLEDLit() {
        let drivers = [RecordingLED(), RecordingLED(), RecordingLED()]
        var board = LEDBoard([Self.led("p", .power), Self.led("u", .uplink), Self.led("f", .fault)]) { led in
            drivers[["p", "u", "f"].firstIndex(of: led.name)!]
        }
        board.inputs = LEDInputs(brokerConnected: true)
        _ = board.advance(nowMs: 0, wallMs: 0)
        board.stopped = true
        #expect(board.advance(nowMs: 50, wallMs: 0) == nil)
        #expect(drivers.map { $0.shown.last?.lit } == [false, false, true])
        #expect(board.status.map(\.mode) == [.stopped, .stopped, .stopped])
    }

    @Test func aDeadManLEDLitSteadilyIsReArmed() {
        let power = RecordingLED(refreshMs: 300)
        var board = LEDBoard([Self.led("power", .power)]) { _ in power }
        board.override = .test(startMs: 0)
        #expect(board.advance(nowMs: 0, wallMs: 0) == 300)
        #expect(power.shown.map(\.lit) == [true])
        #expect(power.shown.last?.forMs == nil)
        #expect(board.advance(nowMs: 300, wallMs: 0) == 600)
        #expect(power.shown.map(\.lit) == [true, true])
    }
}
