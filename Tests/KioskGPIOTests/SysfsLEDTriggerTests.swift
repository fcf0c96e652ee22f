import Foundation
import KioskGPIO
import Testing
import TestSupport

@Suite struct SysfsLEDTriggerTests {
    /// A trigger kioskd set in an earlier run is kept: setting it again would recreate its files
    /// as root's, before udev opens them to the leds group again.
    @Test func aTransientTriggerAlreadySetIsKept() throws {
        let fake = try FakeSysfsLED(triggers: "none mmc0 timer heartbeat [transient]", transientFiles: true)
        let led = SysfsLED(path: fake.path, deadMan: true)
        try led.open()
        #expect(fake.read("trigger") == "none mmc0 timer heartbeat [transient]")
        #expect(fake.read("state") == "1")
    }

    @Test func aTriggerWhoseFilesNeverAppearIsAFault() throws {
        let fake = try FakeSysfsLED(triggers: "none [mmc0] transient")
        let led = SysfsLED(path: fake.path, deadMan: true)
        #expect(throws: LEDFault(.failed, "\(fake.path): the transient trigger is set but activate, duration, state did not appear")) {
            try led.open()
        }
    }
}
