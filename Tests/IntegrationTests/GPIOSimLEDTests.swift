import Foundation
import Testing
import TestSupport

/// kioskd (built on this machine) drives a real kernel GPIO chip: gpio-sim in a qemu VM booted
/// by scripts/vm/run-gpio-sim-vm.sh, while scripts/vm/led-checks.py reads the lines
/// back from gpio-sim's sysfs. The same checks run against kioskd built with libgpiod 1.6 (the
/// system's, v1 API) and with libgpiod 2.x from bookworm-backports (v2 API).
///
/// Needs root, qemu and the Debian mirror (the script installs what is missing); a missing
/// part fails the test with the script's own words.
@Suite(.serialized) struct GPIOSimLEDTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// Every check led-checks.py makes; each must be reported as passed.
    static let checks = [
        "kioskd answers on its control socket",
        "status lists the six LEDs",
        "missing chip reported in status",
        "busy line reported in status with its holder",
        "gpioinfo shows kioskd as the consumer of its lines",
        "active-low uplink, off: the line stays high",
        "fault LED lit steadily (another LED has a fault)",
        "network LED (by line name, active-low) blinks at 2 Hz",
        "power LED beats a heartbeat (100 ms, 150 ms, 100 ms, 1150 ms)",
        "led-fault events for the missing chip and the busy line",
        "busy line taken once it is free (retried)",
        "led-recovered event for the freed line",
        "led test answers with the LEDs in order",
        "led test lights each LED alone, in turn, a second each",
        "agent stopped state on SIGTERM: only the fault LED lit, held until kioskd exits",
        "kioskd exits 0 on SIGTERM",
        "permission error reported in status, kioskd runs on",
        "host command exit 0",
    ]

    func runVM(kioskd: String, api: Int) throws {
        let kioskctl = try Binaries.path("kioskctl")
        let script = "\(Self.repository)/scripts/vm/run-gpio-sim-vm.sh"
        let command = "python3 \(Self.repository)/scripts/vm/led-checks.py \(kioskd) \(kioskctl) \(api)"
        let result = try runCommand(script, ["--host-cmd", command], timeout: 900)
        let output = result.stdout + result.stderr
        #expect(result.status == 0, "gpio-sim VM run failed:\n\(output)")
        #expect(output.contains("GPIOTEST PASS: kioskd built against libgpiod API v\(api)"), "\(output)")
        for check in Self.checks {
            #expect(output.contains("GPIOTEST PASS: \(check)\n"), "not passed: \(check)")
        }
        #expect(!output.contains("GPIOTEST FAIL"), "\(output)")
    }

    @Test func libgpiodV1DrivesARealGPIOChip() throws {
        try runVM(kioskd: try Binaries.path("kioskd"), api: 1)
    }

    /// Sessions from a real kernel input device: a uinput keyboard in the same VM (the build
    /// machine's kernel has neither evdev nor uinput). Here because runs of the VM script must
    /// not overlap, and this suite runs them one after another.
    @Test func keyPressesOnARealInputDeviceMakeSessions() throws {
        let kioskd = try Binaries.path("kioskd")
        let kioskctl = try Binaries.path("kioskctl")
        let script = "\(Self.repository)/scripts/vm/run-gpio-sim-vm.sh"
        let command = "python3 \(Self.repository)/scripts/vm/input-checks.py \(kioskd) \(kioskctl)"
        let result = try runCommand(script, ["--host-cmd", command], timeout: 900)
        let output = result.stdout + result.stderr
        #expect(result.status == 0, "VM run failed:\n\(output)")
        let checks = [
            "uinput and evdev in the guest kernel",
            "a virtual keyboard appears under /dev/input",
            "kioskd answers on its control socket",
            "kioskd opened the input device",
            "no session before any input",
            "scan codes and reports alone start no session",
            "a key press starts a session from input",
            "key presses keep it going",
            "two seconds without input end it: idle",
            "the session record: source input, end reason idle, the idle tail apart",
            "nothing of the keys pressed is in the record",
            "host command exit 0",
        ]
        for check in checks {
            #expect(output.contains("GPIOTEST PASS: \(check)\n"), "not passed: \(check)")
        }
        #expect(!output.contains("GPIOTEST FAIL"), "\(output)")
    }

    @Test func libgpiodV2DrivesARealGPIOChip() throws {
        let build = try runCommand("\(Self.repository)/scripts/vm/build-kioskd-libgpiod2", [], timeout: 1800)
        #expect(build.status == 0, "building kioskd against libgpiod 2 failed:\n\(build.stderr)")
        let kioskd = try #require(build.stdout.split(separator: "\n").last.map(String.init))
        try runVM(kioskd: kioskd, api: 2)
    }
}
