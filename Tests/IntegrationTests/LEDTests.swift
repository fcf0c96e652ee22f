import Foundation
import KioskCore
import Testing
import TestSupport

/// kioskd's LEDs on the build machine: sysfs LEDs in folders laid out like /sys/class/leds (the
/// machine has no GPIO chip; the gpiod driver is tested in the gpio-sim VM), `driver = none`
/// LEDs, faults, `led test`, `led identify`, the broker's `cmd/identify` and the stopped state.
@Suite struct LEDTests {
    /// A /sys/class/leds stand-in: PWR with the transient trigger's files, ACT without.
    final class LEDFolder {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("leds-\(UUID().uuidString.prefix(8))").path

        init() throws {
            for (name, triggers) in [("PWR", "none [default-on] timer heartbeat transient"), ("ACT", "none [mmc0] timer heartbeat")] {
                try FileManager.default.createDirectory(atPath: "\(path)/\(name)", withIntermediateDirectories: true)
                try "0\n".write(toFile: "\(path)/\(name)/brightness", atomically: false, encoding: .utf8)
                try "1\n".write(toFile: "\(path)/\(name)/max_brightness", atomically: false, encoding: .utf8)
                try "\(triggers)\n".write(toFile: "\(path)/\(name)/trigger", atomically: false, encoding: .utf8)
            }
            for file in ["activate", "duration", "state"] {
                try "0\n".write(toFile: "\(path)/PWR/\(file)", atomically: false, encoding: .utf8)
            }
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }

        func read(_ file: String) -> String {
            ((try? String(contentsOfFile: "\(path)/\(file)", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }

        var config: String {
            """
            [device]
            id = led-test
            site = xa-an-binh
            [led.power]
            role = power
            driver = sysfs
            path = \(path)/PWR
            [led.fault]
            role = fault
            driver = sysfs
            path = \(path)/ACT
            [led.network]
            role = network
            driver = none
            [led.ghost]
            role = session
            driver = sysfs
            path = \(path)/GONE

            """
        }
    }

    func leds(_ kioskd: KioskdProcess) throws -> [String: LEDStatus] {
        Dictionary(uniqueKeysWithValues: (try kioskd.status().leds ?? []).map { ($0.name, $0) })
    }

    @Test func statusShowsEachLEDItsPatternAndItsFault() throws {
        let folder = try LEDFolder()
        let kioskd = try KioskdProcess(config: folder.config + "[mqtt]\nport = 9\n")
        try kioskd.start()
        let status = try leds(kioskd)
        #expect(try kioskd.status().leds?.map(\.name) == ["power", "fault", "network", "ghost"])
        #expect(status["power"]?.pattern == "heartbeat")
        #expect(status["power"]?.note == nil, "the folder has the transient trigger")
        #expect(status["ghost"]?.fault == "no LED at \(folder.path)/GONE (No such file or directory)")
        #expect(status["fault"]?.pattern == "on", "an LED that cannot be driven lights the fault LED")
        #expect(status["network"]?.driver == "none")
        // The power LED is armed by the kernel's transient trigger, 100 ms per beat.
        #expect(waitUntil(timeout: 5) { folder.read("PWR/trigger") == "transient" && folder.read("PWR/duration") == "100" })
        #expect(folder.read("PWR/state") == "1")
        #expect(folder.read("ACT/trigger") == "none")
        #expect(folder.read("ACT/brightness") == "1")

        let text = try kioskd.kioskctl(["status"])
        #expect(text.stdout.contains("led       power     power    heartbeat\n"), "\(text.stdout)")
        #expect(text.stdout.contains("led       ghost     session  off  FAULT: no LED at \(folder.path)/GONE"), "\(text.stdout)")

        // Events reach the store from the main loop, made durable within [storage] sync_interval.
        #expect(waitUntil(timeout: 5) {
            (try? kioskd.kioskctl(["events"]).stdout.contains("led-fault       LED ghost cannot be driven: no LED at \(folder.path)/GONE")) == true
        })

        // Stopped: the fault LED lit, the power LED dark and its timer cancelled.
        #expect(try kioskd.stop() == 0)
        #expect(folder.read("ACT/brightness") == "1")
        #expect(folder.read("PWR/activate") == "0")
    }

    /// The `session` LED is on while a visitor session is going on.
    @Test func theSessionLEDFollowsTheSession() throws {
        let folder = try LEDFolder()
        let config = "[led.session]\nrole = session\ndriver = sysfs\npath = \(folder.path)/ACT\n[mqtt]\nport = 9\n"
        let kioskd = try KioskdProcess(config: config)
        try kioskd.start()
        #expect(waitUntil(timeout: 5) { (try? leds(kioskd)["session"]?.pattern) == "off" })
        #expect(try kioskd.kioskctl(["session", "start"]).status == 0)
        #expect(waitUntil(timeout: 5) { folder.read("ACT/brightness") == "1" }, "\(kioskd.log)")
        #expect(try leds(kioskd)["session"]?.pattern == "on")
        #expect(try kioskd.kioskctl(["session", "end"]).status == 0)
        #expect(waitUntil(timeout: 5) { folder.read("ACT/brightness") == "0" })
        try kioskd.stop()
    }

    @Test func aMissingLEDThatAppearsIsTakenOnRetry() throws {
        let folder = try LEDFolder()
        let kioskd = try KioskdProcess(config: folder.config + "[mqtt]\nport = 9\n")
        try kioskd.start()
        #expect(try leds(kioskd)["ghost"]?.fault != nil)
        try FileManager.default.copyItem(atPath: "\(folder.path)/ACT", toPath: "\(folder.path)/GONE")
        // Retried every 10 s.
        #expect(waitUntil(timeout: 15) { (try? leds(kioskd)["ghost"]?.fault) == .some(nil) })
        #expect(waitUntil(timeout: 3) { (try? leds(kioskd)["fault"]?.pattern) == "off" })
        #expect(folder.read("ACT/brightness") == "0")
        #expect(waitUntil(timeout: 5) { (try? kioskd.kioskctl(["events"]).stdout.contains("led-recovered   LED ghost is driven again")) == true })
    }

    @Test func ledTestLightsEachLEDInTurnThenGoesBack() throws {
        let folder = try LEDFolder()
        let kioskd = try KioskdProcess(config: folder.config + "[mqtt]\nport = 9\n")
        try kioskd.start()
        let result = try kioskd.kioskctl(["led", "test"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("lighting each LED for 1s, in this order:\n  1. power       power    sysfs\n  2. fault       fault    sysfs\n"), "\(result.stdout)")
        #expect(try leds(kioskd)["fault"]?.mode == .test)
        // ACT was lit (the ghost's fault). Step 1 (power) darkens it, step 2 (fault) lights it
        // alone, steps 3 and 4 darken it again.
        #expect(waitUntil(timeout: 2) { folder.read("ACT/brightness") == "0" })
        #expect(waitUntil(timeout: 3) { folder.read("ACT/brightness") == "1" })
        #expect(folder.read("PWR/activate") == "0", "the power LED is dark while the fault LED's step lasts")
        #expect(waitUntil(timeout: 3) { folder.read("ACT/brightness") == "0" })
        #expect(waitUntil(timeout: 6) { (try? leds(kioskd)["fault"]?.mode) == .normal })
        #expect(waitUntil(timeout: 2) { folder.read("ACT/brightness") == "1" }, "back to normal: the ghost fault lights it")
    }

    @Test func identifyFromKioskctlAndFromTheBroker() throws {
        let broker = try MosquittoBroker()
        let folder = try LEDFolder()
        let kioskd = try KioskdProcess(config: folder.config, brokerPort: broker.port)
        try kioskd.start()
        let result = try kioskd.kioskctl(["led", "identify", "--seconds", "2"])
        #expect(result.stdout == "all 4 LED(s) blink together for 2s\n", "\(result.stderr)")
        #expect(try leds(kioskd).values.allSatisfy { $0.mode == .identify && $0.pattern == "fast-blink" })
        #expect(waitUntil(timeout: 5) { (try? leds(kioskd)["power"]?.mode) == .normal })

        #expect(waitUntil(timeout: 15) { (try? kioskd.status().broker.state) == .connected })
        let published = try runCommand("/usr/bin/mosquitto_pub", [
            "-h", "127.0.0.1", "-p", "\(broker.port)", "-q", "1",
            "-t", "kiosk/v1/xa-an-binh/led-test/cmd/identify", "-m", "{\"seconds\": 60}",
        ])
        #expect(published.status == 0, "\(published.stderr)")
        #expect(waitUntil(timeout: 5) { (try? leds(kioskd)["power"]?.mode) == .identify }, "log:\n\(kioskd.log)")
        #expect(try kioskd.kioskctl(["led", "identify", "--seconds", "0"]).stdout == "identify ended; the LEDs show their normal patterns\n")
        #expect(try leds(kioskd)["power"]?.mode == .normal)
    }

    @Test func ledCommandsSpeakTheTechniciansLanguage() throws {
        let folder = try LEDFolder()
        let kioskd = try KioskdProcess(config: folder.config + "[mqtt]\nport = 9\n")
        try kioskd.start()
        let test = try kioskd.kioskctl(["--lang", "vi", "led", "test"])
        #expect(test.status == 0, "\(test.stderr)")
        #expect(test.stdout.hasPrefix("lần lượt bật sáng từng đèn trong 1 giây, theo thứ tự sau:\n  1. power       power    sysfs\n"), "\(test.stdout)")
        #expect(test.stdout.contains("  4. ghost       session  sysfs  LỖI: "), "\(test.stdout)")
        #expect(test.stdout.hasSuffix("sau đó tắt hết trong 1 giây; các đèn trở lại bình thường sau 5 giây\n"), "\(test.stdout)")
        #expect(try kioskd.kioskctl(["--lang", "vi", "led", "identify", "--seconds", "2"]).stdout == "cả 4 đèn cùng nháy trong 2 giây\n")
        #expect(try kioskd.kioskctl(["--lang", "vi", "led", "identify", "--seconds", "0"]).stdout
            == "đã dừng nháy nhận diện; các đèn trở lại kiểu sáng bình thường\n")
        let json = try kioskd.kioskctl(["--lang", "vi", "--json", "led", "identify", "--seconds", "0"])
        #expect(try JSON.decoder().decode(LEDCommandReply.self, from: Data(json.stdout.utf8)).milliseconds == 0, "\(json.stdout)")

        let missing = try kioskd.kioskctl(["--lang", "vi", "led"])
        #expect(missing.status == 64)
        #expect(missing.stderr.hasPrefix("kioskctl led: lệnh led cần một lệnh con: test, identify hoặc card\n"), "\(missing.stderr)")
        let seconds = try kioskd.kioskctl(["--lang", "vi", "led", "identify", "--seconds", "forever"])
        #expect(seconds.stderr.hasPrefix("kioskctl led: --seconds cần một số nguyên từ 0 đến 3600\n"), "\(seconds.stderr)")
    }

    @Test func ledCommandsWithoutLEDsSayHowToAddThem() throws {
        let kioskd = try KioskdProcess(config: "[mqtt]\nport = 9\n")
        try kioskd.start()
        let result = try kioskd.kioskctl(["led", "test"])
        #expect(result.status == 1)
        // Wrapped to 80 columns; as one line:
        #expect(result.stderr.replacing("\n  ", with: " ") == "kioskctl led: no LEDs are configured; add [led.NAME] sections to the configuration (see config/kioskd.conf)\n")
        #expect(try kioskd.status().leds == [])
        #expect(try kioskd.kioskctl(["led", "identify", "--seconds", "forever"]).status == 64)
        #expect(try kioskd.kioskctl(["led", "blink"]).status == 64)
    }

    @Test func aReloadThatChangesTheLEDsTakesTheNewOnes() throws {
        let folder = try LEDFolder()
        let kioskd = try KioskdProcess(config: folder.config + "[mqtt]\nport = 9\n")
        try kioskd.start()
        var text = try String(contentsOfFile: kioskd.configPath, encoding: .utf8)
        text = text.replacingOccurrences(of: "[led.ghost]\nrole = session\ndriver = sysfs\npath = \(folder.path)/GONE\n", with: "")
        try text.write(toFile: kioskd.configPath, atomically: true, encoding: .utf8)
        #expect(try kioskd.kioskctl(["reload"]).status == 0)
        #expect(try kioskd.status().leds?.map(\.name) == ["power", "fault", "network"])
        #expect(waitUntil(timeout: 3) { folder.read("ACT/brightness") == "0" }, "no fault left")
    }
}
