import Foundation
import Testing
@testable import KioskCore

/// `config show`: the effective configuration as a file that reads back to the same value.
@Suite struct ConfigRendererTests {
    @Test func defaultsAsWritten() {
        #expect(Config.defaults(for: rootHost).renderINI() == """
            [device]
            id = hg-kiosk-07
            site = unassigned
            #timezone =
            language = en

            [mqtt]
            host = 127.0.0.1
            port = 1883
            tls = no
            #ca_file =
            #cert_file =
            #key_file =
            #username =
            #password_file =
            keepalive = 1m
            topic_prefix = kiosk/v1
            #client_id =
            protocol = auto
            will_delay = 30s
            reconnect_min = 1s
            reconnect_max = 5m

            [storage]
            dir = /var/lib/kioskd
            max_size = 256MiB
            retention = 90d
            sync_interval = 1s

            [health]
            interval = 30s
            publish_interval = 5m
            down_rounds = 2
            up_rounds = 1
            degraded_loss_percent = 20
            degraded_rtt = 1s

            [sessions]
            idle_timeout = 2m
            #labels =
            input = none

            [control]
            socket = /run/kioskd/control.sock
            #group =
            max_clients = 16
            max_request_size = 64KiB
            idle_timeout = 10s

            [log]
            level = info

            """)
    }

    @Test func defaultsReadBack() throws {
        let defaults = Config.defaults(for: rootHost)
        #expect(try parse(defaults.renderINI()) == defaults)
    }

    @Test func everythingSetReadsBack() throws {
        let folder = try ScratchFolder()
        var config = Config.defaults(for: rootHost)
        config.device = Config.Device(id: "hg-xuanthuy-01", site: "HN-26737")
        config.mqtt = Config.MQTT(
            host: "mqtt.example.vn", port: 8883, tls: true,
            caFile: try folder.file("ca.pem", mode: 0o644), certFile: try folder.file("client.pem", mode: 0o644),
            keyFile: try folder.file("client.key", mode: 0o600), username: " kiosk user ",
            passwordFile: try folder.file("mqtt.pass", mode: 0o640), keepalive: .seconds(45),
            topicPrefix: "vn/hanoi/kiosk", clientID: "\"quoted\"", protocolVersion: .v5, willDelay: .zero,
            reconnectMin: .milliseconds(1500), reconnectMax: .seconds(7200)
        )
        config.storage = Config.Storage(dir: "/srv/kiosk data", maxSize: 3 << 19, retention: .seconds(86_400 * 400), syncInterval: .milliseconds(250))
        config.health = Config.Health(interval: .seconds(10), publishInterval: .seconds(90))
        config.probes = [
            Config.Probe(name: "uplink", type: .link, target: ""),
            Config.Probe(name: "wlan", type: .link, target: "wlan0"),
            Config.Probe(name: "gateway", type: .icmp, target: "192.168.1.1", timeout: .milliseconds(800)),
            Config.Probe(name: "dns", type: .dns, target: "vnexpress.net"),
            Config.Probe(name: "broker", type: .tcp, target: "[2001:db8::1]:8883"),
            Config.Probe(name: "portal", type: .http, target: "http://example.vn/generate_204?a=1#x"),
        ]
        config.sessions.idleTimeout = .seconds(45)
        config.leds = [
            Config.LED(name: "power", role: .power, driver: .sysfs, path: "/sys/class/leds/PWR"),
            Config.LED(name: "net", role: .network, driver: .gpiod, chip: "/dev/gpiochip0", line: "GPIO17", activeLow: true),
            Config.LED(name: "fault", role: .fault, driver: .gpiod, chip: "0", line: "4"),
            Config.LED(name: "spare", role: .session, driver: .none),
        ]
        config.control = Config.Control(socket: "/run/kiosk/ctl.sock", group: "root", maxClients: 1024, maxRequestSize: 1 << 20, idleTimeout: .seconds(1))
        config.log.level = .notice

        let text = config.renderINI()
        #expect(try parse(text) == config)
        #expect(text.contains("username = \" kiosk user \"\n"))
        #expect(text.contains("client_id = \"\"quoted\"\"\n"))
        #expect(text.contains("[probe.uplink]\ntype = link\n#target =\ntimeout = 5s\n"))
        #expect(text.contains("[led.spare]\nrole = session\ndriver = none\n\n"))
        #expect(text.contains("[led.power]\nrole = power\ndriver = sysfs\npath = /sys/class/leds/PWR\n"))
        #expect(text.contains("[led.net]\nrole = network\ndriver = gpiod\nchip = /dev/gpiochip0\nline = GPIO17\nactive_low = yes\n"))
    }

    @Test func everyKeyIsWritten() {
        let text = Config.defaults(for: rootHost).renderINI()
        let lines = Set(text.split(separator: "\n").map { $0.split(separator: "=").first.map { String($0).trimmed } ?? "" })
        for section in ConfigSchema.fixedSections {
            for key in section.keys {
                #expect(lines.contains(key.name) || lines.contains("#" + key.name), "\(section.name).\(key.name)")
            }
        }
    }
}
