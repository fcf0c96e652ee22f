import Foundation
import Testing
@testable import KioskCore

/// The checks that look at the files and group a configuration names, with real files.
/// Tests run as root in CI, where every file is readable: refusals are on mode bits.
@Suite struct ConfigValidationTests {
    @Test func worldReadablePasswordFileIsRefused() throws {
        let folder = try ScratchFolder()
        let secret = "s3cr3t-do-not-print"
        let open = try folder.file("mqtt.pass", secret + "\n", mode: 0o644)
        let all = problems("[mqtt]\nusername = kiosk\npassword_file = \(open)")
        #expect(all == ["kioskd.conf:3: [mqtt] password_file: \(open) is readable by every user (mode 0644); run: chmod 640 \(open)"])
        #expect(!all.joined().contains(secret))

        for mode: mode_t in [0o640, 0o600, 0o400] {
            let closed = try folder.file("mqtt-\(mode).pass", secret, mode: mode)
            #expect(problems("[mqtt]\nusername = kiosk\npassword_file = \(closed)") == [])
        }
    }

    @Test func worldReadableKeyFileIsRefused() throws {
        let folder = try ScratchFolder()
        let cert = try folder.file("client.pem", "CERT", mode: 0o644)
        let key = try folder.file("client.key", "KEY", mode: 0o604)
        #expect(problems("[mqtt]\ntls = yes\ncert_file = \(cert)\nkey_file = \(key)") == [
            "kioskd.conf:4: [mqtt] key_file: \(key) is readable by every user (mode 0604); run: chmod 600 \(key)",
        ])
        let everything = try folder.file("all.key", "KEY", mode: 0o777)
        #expect(problems("[mqtt]\ntls = yes\ncert_file = \(cert)\nkey_file = \(everything)") == [
            "kioskd.conf:4: [mqtt] key_file: \(everything) is readable by every user (mode 0777); run: chmod 770 \(everything)",
        ])
    }

    @Test func tlsFilesMustExistAndBeFiles() throws {
        let folder = try ScratchFolder()
        let missing = folder.path + "/ca.pem"
        #expect(problems("[mqtt]\ntls = yes\nca_file = \(missing)") == [
            "kioskd.conf:3: [mqtt] ca_file: cannot read \(missing): No such file or directory",
        ])
        #expect(problems("[mqtt]\ntls = yes\nca_file = \(folder.path)") == [
            "kioskd.conf:3: [mqtt] ca_file: \(folder.path) is not a file",
        ])
        #expect(problems("[mqtt]\ntls = yes\nca_file = ca.pem") == [
            "kioskd.conf:3: [mqtt] ca_file: \"ca.pem\" is not an absolute path",
        ])
        // A CA bundle is public: 0644 is fine.
        let ca = try folder.file("ca.pem", "CA", mode: 0o644)
        #expect(problems("[mqtt]\ntls = yes\nca_file = \(ca)") == [])
    }

    @Test func tlsFilesAreIgnoredWithoutTLS() throws {
        let folder = try ScratchFolder()
        #expect(problems("[mqtt]\ntls = no\nca_file = \(folder.path)/none.pem\ncert_file = \(folder.path)/none.crt") == [])
    }

    @Test func certificateAndKeyGoTogether() throws {
        let folder = try ScratchFolder()
        let cert = try folder.file("client.pem", "CERT", mode: 0o644)
        let key = try folder.file("client.key", "KEY", mode: 0o600)
        #expect(problems("[mqtt]\ntls = yes\ncert_file = \(cert)") == ["kioskd.conf:3: [mqtt] cert_file: set without key_file"])
        #expect(problems("[mqtt]\ntls = yes\nkey_file = \(key)") == ["kioskd.conf:3: [mqtt] key_file: set without cert_file"])
        #expect(problems("[mqtt]\ntls = yes\ncert_file = \(cert)\nkey_file = \(key)") == [])
    }

    @Test func passwordFileNeedsAUsernameAndToExist() throws {
        let folder = try ScratchFolder()
        let file = try folder.file("mqtt.pass", "pw", mode: 0o600)
        #expect(problems("[mqtt]\npassword_file = \(file)") == ["kioskd.conf:2: [mqtt] password_file: set without username"])
        let missing = folder.path + "/nope.pass"
        #expect(problems("[mqtt]\nusername = kiosk\npassword_file = \(missing)") == [
            "kioskd.conf:3: [mqtt] password_file: cannot read \(missing): No such file or directory",
        ])
        // A user name alone is fine: some brokers only want to know who connects.
        #expect(problems("[mqtt]\nusername = kiosk") == [])
    }

    @Test func controlGroupMustExist() {
        #expect(problems("[control]\ngroup = root") == [])
        #expect(problems("[control]\ngroup = kiosk-no-such-group") == [
            "kioskd.conf:2: [control] group: no group \"kiosk-no-such-group\" on this system; create it with: groupadd --system kiosk-no-such-group",
        ])
    }

    /// Two LEDs on one GPIO line (however the chip is written) or one LED class folder.
    @Test func twoLEDsOnTheSameHardwareAreRefused() {
        var config = Config.defaults(for: rootHost)
        config.leds = [
            Config.LED(name: "power", role: .power, driver: .gpiod, chip: "gpiochip0", line: "17"),
            Config.LED(name: "net", role: .network, driver: .gpiod, chip: "/dev/gpiochip0", line: "17"),
            Config.LED(name: "uplink", role: .uplink, driver: .gpiod, chip: "0", line: "18"),
            Config.LED(name: "act", role: .session, driver: .sysfs, path: "/sys/class/leds/ACT"),
            Config.LED(name: "fault", role: .fault, driver: .sysfs, path: "/sys/class/leds/ACT/"),
        ]
        do throws(ConfigError) {
            try config.validate(file: "built")
            Issue.record("expected problems")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "built: [led.net] line: line 17 of /dev/gpiochip0 is already [led.power]'s",
                "built: [led.fault] path: /sys/class/leds/ACT/ is already [led.act]'s",
            ])
        }
    }

    // MARK: a Config built in code

    @Test func validateWithoutAFileHasNoLines() {
        var config = Config.defaults(for: rootHost)
        #expect(throws: Never.self) { try config.validate(file: "(defaults)") }
        config.mqtt.port = 0
        config.mqtt.host = ""
        config.device.id = "-x"
        config.probes = [Config.Probe(name: "gw", type: .tcp, target: ""), Config.Probe(name: "gw", type: .link, target: "")]
        config.leds = [Config.LED(name: "Net", role: .network, driver: .gpiod, path: "/sys/class/leds/x")]
        do throws(ConfigError) {
            try config.validate(file: "built")
            Issue.record("expected problems")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "built: [device] id: \"-x\" may not start or end with \"-\"",
                "built: [mqtt] host: may not be empty",
                "built: [mqtt] port: 0 is not a port (1-65535)",
                "built: [probe.gw] target: missing; a tcp probe needs host:port",
                "built: [led.Net] name: \"Net\" may only hold a-z, 0-9, \"_\" and \"-\"",
                "built: [led.Net] path: only the sysfs driver uses it",
                "built: [led.Net] chip: missing; the gpiod driver needs chip and line",
                "built: [led.Net] line: missing; the gpiod driver needs chip and line",
                "built: section [probe.gw] given twice",
            ])
        }
    }
}
