import Foundation
import KioskGPIO
import Testing
import TestSupport

/// A folder laid out like /sys/class/leds/NAME: brightness, max_brightness, trigger, and for a
/// kernel with ledtrig-transient, the files that trigger adds.
final class FakeSysfsLED {
    let path: String

    init(maxBrightness: Int = 255, triggers: String = "none [mmc0] timer heartbeat", transientFiles: Bool = false) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("leds-\(UUID().uuidString.prefix(8))/ACT").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try write("brightness", "0\n")
        try write("max_brightness", "\(maxBrightness)\n")
        try write("trigger", triggers + "\n")
        if transientFiles {
            for name in ["activate", "duration", "state"] { try write(name, "0\n") }
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: "\(path)/\(name)", atomically: false, encoding: .utf8)
    }

    func read(_ name: String) -> String {
        ((try? String(contentsOfFile: "\(path)/\(name)", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

@Suite struct SysfsLEDTests {
    @Test func plainLEDTakesItFromTheBoardTriggerAndWritesFullBrightness() throws {
        let fake = try FakeSysfsLED(maxBrightness: 255)
        let led = SysfsLED(path: fake.path, deadMan: false)
        try led.open()
        #expect(fake.read("trigger") == "none")
        #expect(led.note == nil)
        try led.show(lit: true, forMs: nil)
        #expect(fake.read("brightness") == "255")
        try led.show(lit: false, forMs: nil)
        #expect(fake.read("brightness") == "0")
        led.close(leaving: true)
        #expect(fake.read("brightness") == "255")
    }

    @Test func deadManLEDArmsTheTransientTriggerForEachLitPhase() throws {
        let fake = try FakeSysfsLED(triggers: "none [mmc0] timer heartbeat transient", transientFiles: true)
        let led = SysfsLED(path: fake.path, deadMan: true)
        try led.open()
        #expect(fake.read("trigger") == "transient")
        #expect(fake.read("state") == "1")
        #expect(led.note == nil)
        try led.show(lit: true, forMs: 100)
        #expect(fake.read("duration") == "100")
        #expect(fake.read("activate") == "1")
        #expect(fake.read("brightness") == "0", "the kernel lights it; kioskd never writes brightness")
        try led.show(lit: false, forMs: 150)
        #expect(fake.read("activate") == "0")
        // Steady light is a timer re-armed every second, so a dead kioskd still goes dark.
        try led.show(lit: true, forMs: nil)
        #expect(fake.read("duration") == "2500")
        #expect(led.refreshMs == 1000)
        led.close(leaving: false)
        #expect(fake.read("activate") == "0")
        #expect(fake.read("trigger") == "none")
        #expect(fake.read("brightness") == "0")
    }

    @Test func withoutTheTransientTriggerItFallsBackToBrightnessAndSaysSo() throws {
        let fake = try FakeSysfsLED(triggers: "none [mmc0] timer heartbeat")
        let led = SysfsLED(path: fake.path, deadMan: true)
        try led.open()
        #expect(led.note?.contains("no transient trigger") == true)
        #expect(led.refreshMs == nil)
        try led.show(lit: true, forMs: 100)
        #expect(fake.read("brightness") == "255")
    }

    @Test func aMissingLEDIsAMissingFault() throws {
        let led = SysfsLED(path: "/sys/class/leds/kiosk-no-such-led", deadMan: false)
        #expect(throws: LEDFault(.missing, "no LED at /sys/class/leds/kiosk-no-such-led (No such file or directory)")) {
            try led.open()
        }
    }
}
