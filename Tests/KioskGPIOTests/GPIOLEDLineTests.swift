import KioskGPIO
import Testing

/// What can be checked of the gpiod driver without a GPIO chip (the build machine has none);
/// the real chip is exercised in the gpio-sim VM (IntegrationTests/GPIOSimLEDTests).
@Suite struct GPIOLEDLineTests {
    @Test(arguments: [("gpiochip0", "/dev/gpiochip0"), ("0", "/dev/gpiochip0"), ("12", "/dev/gpiochip12"), ("/dev/gpiochip4", "/dev/gpiochip4")])
    func chipNamesBecomeDevicePaths(chip: String, path: String) {
        #expect(GPIOLEDLine.devicePath(chip) == path)
    }

    @Test func aMissingChipIsAMissingFaultNamingTheDevice() {
        let line = GPIOLEDLine(chip: "gpiochip97", line: "3", activeLow: false)
        #expect(throws: LEDFault(.missing, "no GPIO chip /dev/gpiochip97 (No such file or directory)")) {
            try line.open()
        }
    }

    @Test func aFileThatIsNotAChipIsRefused() {
        let line = GPIOLEDLine(chip: "/dev/null", line: "LED_NET", activeLow: true)
        #expect(throws: LEDFault.self) { try line.open() }
    }

    @Test func theLibraryVersionMatchesTheAPIGeneration() {
        #expect([1, 2].contains(GPIOLibrary.api))
        #expect(GPIOLibrary.version.hasPrefix("\(GPIOLibrary.api)."))
    }
}
