import Foundation
import Testing
@testable import KioskCore

/// Reading kioskd.conf: what is accepted, and every problem with its exact message.
@Suite struct ConfigParserTests {
    // MARK: reading

    @Test func emptyFileIsTheDefaults() throws {
        #expect(try parse("") == Config.defaults(for: rootHost))
        #expect(try parse("\n\n# only comments\n; and these\n") == Config.defaults(for: rootHost))
    }

    @Test func defaultsDependOnTheUser() throws {
        let user = HostEnvironment(hostname: "laptop", isRoot: false, home: "/home/lan", runtimeDir: "/run/user/1000", uid: 1000)
        let config = try parse("", host: user)
        #expect(config.device.id == "laptop")
        #expect(config.storage.dir == "/home/lan/.local/state/kioskd")
        #expect(config.control.socket == "/run/user/1000/kioskd/control.sock")
        #expect(try parse("").device.id == "hg-kiosk-07")
    }

    @Test func everyKeyIsRead() throws {
        let config = try parse("""
            [device]
            id = hg-xuanthuy-01
            site = HN-26737

            [mqtt]
            host = mqtt.example.vn
            port = 8883
            tls = no
            ca_file = /etc/kioskd/ca.pem
            cert_file = /etc/kioskd/client.pem
            key_file = /etc/kioskd/client.key
            username = kiosk
            keepalive = 2m
            topic_prefix = vn/hanoi/kiosk
            client_id = kiosk-hg-01
            protocol = 3.1.1
            will_delay = 1m
            reconnect_min = 2s
            reconnect_max = 1h

            [storage]
            dir = /srv/kioskd
            max_size = 1GiB
            retention = 30d
            sync_interval = 500ms

            [health]
            interval = 1m
            publish_interval = 10m

            [probe.gateway]
            type = icmp
            target = 192.168.1.1
            timeout = 2s

            [probe.uplink]
            type = link

            [sessions]
            idle_timeout = 5m

            [led.power]
            role = power
            driver = sysfs
            path = /sys/class/leds/PWR

            [led.network]
            role = network
            driver = gpiod
            chip = gpiochip0
            line = 17
            active_low = yes

            [control]
            socket = /run/kiosk/ctl.sock
            group = root
            max_clients = 4
            max_request_size = 16KiB
            idle_timeout = 30s

            [log]
            level = debug
            """)
        var expected = Config.defaults(for: rootHost)
        expected.device = Config.Device(id: "hg-xuanthuy-01", site: "HN-26737")
        expected.mqtt.host = "mqtt.example.vn"
        expected.mqtt.port = 8883
        expected.mqtt.caFile = "/etc/kioskd/ca.pem"
        expected.mqtt.certFile = "/etc/kioskd/client.pem"
        expected.mqtt.keyFile = "/etc/kioskd/client.key"
        expected.mqtt.username = "kiosk"
        expected.mqtt.keepalive = .seconds(120)
        expected.mqtt.topicPrefix = "vn/hanoi/kiosk"
        expected.mqtt.clientID = "kiosk-hg-01"
        expected.mqtt.protocolVersion = .v311
        expected.mqtt.willDelay = .seconds(60)
        expected.mqtt.reconnectMin = .seconds(2)
        expected.mqtt.reconnectMax = .seconds(3600)
        expected.storage = Config.Storage(dir: "/srv/kioskd", maxSize: 1 << 30, retention: .seconds(30 * 86_400), syncInterval: .milliseconds(500))
        expected.health = Config.Health(interval: .seconds(60), publishInterval: .seconds(600))
        expected.probes = [
            Config.Probe(name: "gateway", type: .icmp, target: "192.168.1.1", timeout: .seconds(2)),
            Config.Probe(name: "uplink", type: .link, target: ""),
        ]
        expected.sessions.idleTimeout = .seconds(300)
        expected.leds = [
            Config.LED(name: "power", role: .power, driver: .sysfs, path: "/sys/class/leds/PWR"),
            Config.LED(name: "network", role: .network, driver: .gpiod, chip: "gpiochip0", line: "17", activeLow: true),
        ]
        expected.control = Config.Control(socket: "/run/kiosk/ctl.sock", group: "root", maxClients: 4, maxRequestSize: 16 << 10, idleTimeout: .seconds(30))
        expected.log.level = .debug
        #expect(config == expected)
    }

    @Test func whitespaceQuotesAndComments() throws {
        let config = try parse("\u{FEFF}# comment\r\n  ; another\r\n\r\n  [ mqtt ]  \r\n\thost=broker.vn\t\r\nusername = \"  two  words \"\r\nclient_id = kiosk#1 # not a comment\r\n[device]\nsite=\"HN\"")
        #expect(config.mqtt.host == "broker.vn")
        #expect(config.mqtt.username == "  two  words ")
        #expect(config.mqtt.clientID == "kiosk#1 # not a comment")
        #expect(config.device.site == "HN")
    }

    @Test func emptyValueUnsetsAnOptionalKey() throws {
        let config = try parse("[mqtt]\nusername =\nclient_id = \"\"\n[control]\ngroup =")
        #expect(config.mqtt.username == nil)
        #expect(config.mqtt.clientID == nil)
        #expect(config.control.group == nil)
    }

    @Test func wordsInAnyCase() throws {
        let config = try parse("[mqtt]\ntls = No\nprotocol = AUTO\n[log]\nlevel = Warning\n[probe.gw]\ntype = ICMP\ntarget = 10.0.0.1")
        #expect(config.mqtt.tls == false)
        #expect(config.log.level == .warning)
        #expect(config.probes.first?.type == .icmp)
    }

    // MARK: syntax

    @Test func unknownKeySuggestsTheClosest() {
        #expect(problem("[mqtt]\nhost = a\nport = 1883\nhots = b") == "kioskd.conf:4: [mqtt] hots: unknown key; did you mean \"host\"?")
        #expect(problem("[mqtt]\nHost = a") == "kioskd.conf:2: [mqtt] Host: unknown key; did you mean \"host\"?")
        #expect(problem("[mqtt]\npasword_file = /x") == "kioskd.conf:2: [mqtt] pasword_file: unknown key; did you mean \"password_file\"?")
        #expect(problem("[probe.gw]\ntype = link\ntargt = eth0") == "kioskd.conf:3: [probe.gw] targt: unknown key; did you mean \"target\"?")
        #expect(problem("[led.x]\nrole = power\ndriver = none\nactivelow = yes") == "kioskd.conf:4: [led.x] activelow: unknown key; did you mean \"active_low\"?")
    }

    @Test func unknownKeySaysWhereItBelongs() {
        #expect(problem("[mqtt]\nidle_timeout = 5s") == "kioskd.conf:2: [mqtt] idle_timeout: unknown key; it belongs in [sessions] or [control]")
        #expect(problem("[health]\ntimeout = 5s") == "kioskd.conf:2: [health] timeout: unknown key; it belongs in [probe.NAME]")
        #expect(problem("[probe.gw]\ntype = link\nhost = x") == "kioskd.conf:3: [probe.gw] host: unknown key; it belongs in [mqtt]")
    }

    @Test func unknownKeyListsTheSectionsKeys() {
        #expect(problem("[mqtt]\nbanana = 1") == "kioskd.conf:2: [mqtt] banana: unknown key; known keys: host, port, tls, ca_file, cert_file, key_file, username, password_file, keepalive, topic_prefix, client_id, protocol, will_delay, reconnect_min, reconnect_max")
        #expect(problem("[log]\nfile = /var/log/kioskd") == "kioskd.conf:2: [log] file: unknown key; known keys: level")
    }

    @Test func unknownSections() {
        #expect(problem("[device]\n\n[mqt]\nhost = x") == "kioskd.conf:3: unknown section [mqt]; did you mean [mqtt]?")
        #expect(problem("[MQTT]") == "kioskd.conf:1: unknown section [MQTT]; did you mean [mqtt]?")
        #expect(problem("[probes.gw]\ntype = link") == "kioskd.conf:1: unknown section [probes.gw]; did you mean [probe.gw]?")
        #expect(problem("[Led.power]") == "kioskd.conf:1: unknown section [Led.power]; did you mean [led.power]?")
        #expect(problem("[probes]") == "kioskd.conf:1: unknown section [probes]; did you mean [probe.NAME]?")
        #expect(problem("[network]\nanything = 1") == "kioskd.conf:1: unknown section [network]; known sections: [device], [mqtt], [storage], [health], [sessions], [control], [log], [probe.NAME], [led.NAME]")
        #expect(problem("[]") == "kioskd.conf:1: unknown section []; known sections: [device], [mqtt], [storage], [health], [sessions], [control], [log], [probe.NAME], [led.NAME]")
    }

    @Test func itemSectionsNeedAGoodName() {
        #expect(problem("[probe]") == "kioskd.conf:1: [probe] needs a name, like [probe.gateway]")
        #expect(problem("[led.]") == "kioskd.conf:1: [led] needs a name, like [led.power]")
        #expect(problem("[probe.Gate]\ntype = link") == "kioskd.conf:1: section [probe.Gate]: \"Gate\" may only hold a-z, 0-9, \"_\" and \"-\"")
        #expect(problem("[led.a.b]") == "kioskd.conf:1: section [led.a.b]: \"a.b\" may only hold a-z, 0-9, \"_\" and \"-\"")
    }

    @Test func linesThatAreNeither() {
        #expect(problem("[mqtt]\n\n\n\n\n\nhost broker.vn") == "kioskd.conf:7: expected \"key = value\" or \"[section]\"")
        #expect(problem("[mqtt]\n= broker.vn") == "kioskd.conf:2: expected \"key = value\" or \"[section]\"")
        #expect(problem("[mqtt") == "kioskd.conf:1: \"[mqtt\" is missing its closing \"]\"")
        #expect(problem("[mqtt] # the broker") == "kioskd.conf:1: \"[mqtt] # the broker\" has text after \"]\"; a comment must be on a line of its own")
        #expect(problem("[") == "kioskd.conf:1: \"[\" is missing its closing \"]\"")
    }

    @Test func keyBeforeAnySection() {
        #expect(problem("host = broker.vn\n[mqtt]") == "kioskd.conf:1: host: set before any [section]; it belongs in [mqtt]")
        #expect(problem("idle_timeout = 5s") == "kioskd.conf:1: idle_timeout: set before any [section]; it belongs in [sessions] or [control]")
        #expect(problem("colour = red") == "kioskd.conf:1: colour: set before any [section]")
    }

    @Test func keySetTwice() {
        #expect(problem("[mqtt]\n\nhost = a\nhost = b") == "kioskd.conf:4: [mqtt] host: set twice (first on line 3)")
        #expect(problem("[probe.gw]\ntype = link\ntype = icmp") == "kioskd.conf:3: [probe.gw] type: set twice (first on line 2)")
    }

    @Test func sectionGivenTwiceIsReportedOnce() {
        // The keys of the repeated section are not read, so they cause no second message.
        #expect(problem("[mqtt]\nhost = a\n[storage]\n[mqtt]\nhost = b\nbogus = 1") == "kioskd.conf:4: section [mqtt] given twice (first on line 1)")
        #expect(problem("[probe.gw]\ntype = link\n[probe.gw]\ntype = icmp") == "kioskd.conf:3: section [probe.gw] given twice (first on line 1)")
    }

    @Test func keysOfAnUnknownSectionAreNotReported() {
        #expect(problems("[mqt]\nhots = x\nport = 0").count == 1)
    }

    @Test func emptyAndQuotedValues() {
        #expect(problem("[mqtt]\nhost =") == "kioskd.conf:2: [mqtt] host: needs a value; remove the line to keep the default")
        #expect(problem("[mqtt]\nport = \"\"") == "kioskd.conf:2: [mqtt] port: needs a value; remove the line to keep the default")
        #expect(problem("[probe.gw]\ntype =") == "kioskd.conf:2: [probe.gw] type: needs a value")
        #expect(problem("[mqtt]\nhost = \"broker.vn") == "kioskd.conf:2: [mqtt] host: the opening quote has no closing quote")
        #expect(problem("[mqtt]\nhost = \"") == "kioskd.conf:2: [mqtt] host: the opening quote has no closing quote")
    }

    // MARK: values

    @Test func badValues() {
        #expect(problem("[mqtt]\nport = 70000") == "kioskd.conf:2: [mqtt] port: \"70000\" is not a port (1-65535)")
        #expect(problem("[mqtt]\ntls = maybe") == "kioskd.conf:2: [mqtt] tls: \"maybe\" is not a boolean; use yes or no")
        #expect(problem("[mqtt]\nprotocol = 4") == "kioskd.conf:2: [mqtt] protocol: \"4\" is not an MQTT protocol version; use auto, 5 or 3.1.1")
        #expect(problem("[storage]\nmax_size = 10MB") == "kioskd.conf:2: [storage] max_size: \"10MB\" is not a size; use B, KiB, MiB or GiB")
        #expect(problem("[health]\ninterval = 30") == "kioskd.conf:2: [health] interval: \"30\" needs a unit: ms, s, m, h or d")
        #expect(problem("[device]\nid = Kiosk_1") == "kioskd.conf:2: [device] id: \"Kiosk_1\" may only hold a-z, 0-9 and \"-\"")
        #expect(problem("[device]\nsite = HN/1") == "kioskd.conf:2: [device] site: \"HN/1\" may not hold \"/\", \"+\" or \"#\"; it is one MQTT topic level")
        #expect(problem("[mqtt]\ntopic_prefix = /kiosk/v1") == "kioskd.conf:2: [mqtt] topic_prefix: \"/kiosk/v1\" may not start or end with \"/\"")
        #expect(problem("[mqtt]\nhost = my broker") == "kioskd.conf:2: [mqtt] host: \"my broker\" may not hold spaces or control characters")
        #expect(problem("[control]\nmax_clients = lots") == "kioskd.conf:2: [control] max_clients: \"lots\" is not a whole number")
        #expect(problem("[log]\nlevel = verbose") == "kioskd.conf:2: [log] level: \"verbose\" is not a log level; use error, warning, notice, info or debug")
        #expect(problem("[probe.gw]\ntype = ping\ntarget = x") == "kioskd.conf:2: [probe.gw] type: \"ping\" is not a probe type; use link, icmp, tcp, dns or http")
        #expect(problem("[led.x]\nrole = pwr\ndriver = none") == "kioskd.conf:2: [led.x] role: \"pwr\" is not an LED role; use power, network, uplink, session or fault")
        #expect(problem("[led.x]\nrole = power\ndriver = gpio") == "kioskd.conf:3: [led.x] driver: \"gpio\" is not an LED driver; use gpiod, sysfs or none")
    }

    @Test func trailingCommentIsExplained() {
        #expect(problem("[mqtt]\nport = 1883 # the broker") == "kioskd.conf:2: [mqtt] port: \"1883 # the broker\" is not a port (1-65535); a comment must be on a line of its own")
        #expect(problem("[mqtt]\nhost = broker.vn # main") == "kioskd.conf:2: [mqtt] host: \"broker.vn # main\" may not hold spaces or control characters; a comment must be on a line of its own")
        #expect(problem("[device]\nsite = HN # Hanoi") == "kioskd.conf:2: [device] site: \"HN # Hanoi\" may not hold spaces or control characters; a comment must be on a line of its own")
    }

    // MARK: probes and LEDs

    @Test func probeRequirements() {
        #expect(problem("[probe.gw]\ntarget = 1.1.1.1") == "kioskd.conf:1: [probe.gw] type: missing; use link, icmp, tcp, dns or http")
        #expect(problem("\n[probe.gw]\ntype = icmp") == "kioskd.conf:2: [probe.gw] target: missing; an icmp probe needs a host name or address")
        #expect(problem("[probe.broker]\ntype = tcp\ntarget = mqtt.example.vn") == "kioskd.conf:3: [probe.broker] target: \"mqtt.example.vn\" needs a port: host:port")
        #expect(problem("[probe.web]\ntype = http\ntarget = example.vn") == "kioskd.conf:3: [probe.web] target: \"example.vn\" is not an http:// or https:// URL")
        #expect(problem("[probe.gw]\ntype = link\ntimeout = 0s") == "kioskd.conf:3: [probe.gw] timeout: must be more than 0")
        #expect(problem("[probe.gw]\ntype = link\ntimeout = 1m") == "kioskd.conf:3: [probe.gw] timeout: 1m is longer than [health] interval (30s)")
    }

    @Test func ledRequirements() {
        #expect(problems("[led.power]") == [
            "kioskd.conf:1: [led.power] role: missing; use power, network, uplink, session or fault",
            "kioskd.conf:1: [led.power] driver: missing; use gpiod, sysfs or none",
        ])
        #expect(problems("[led.net]\nrole = network\ndriver = gpiod") == [
            "kioskd.conf:1: [led.net] chip: missing; the gpiod driver needs chip and line",
            "kioskd.conf:1: [led.net] line: missing; the gpiod driver needs chip and line",
        ])
        #expect(problem("[led.net]\nrole = network\ndriver = gpiod\nline = 17") == "kioskd.conf:1: [led.net] chip: missing; the gpiod driver needs chip and line")
        #expect(problem("[led.pwr]\nrole = power\ndriver = sysfs") == "kioskd.conf:1: [led.pwr] path: missing; the sysfs driver needs the /sys/class/leds/NAME folder")
        #expect(problem("[led.pwr]\nrole = power\ndriver = sysfs\npath = leds/PWR") == "kioskd.conf:4: [led.pwr] path: \"leds/PWR\" is not an absolute path")
    }

    @Test func ledKeysThatDoNotFitTheDriver() {
        #expect(problem("[led.pwr]\nrole = power\nchip = gpiochip0\ndriver = sysfs\npath = /sys/class/leds/PWR") == "kioskd.conf:3: [led.pwr] chip: only the gpiod driver uses it")
        #expect(problem("[led.net]\nrole = network\ndriver = gpiod\nchip = 0\nline = 4\npath = /sys/class/leds/x") == "kioskd.conf:6: [led.net] path: only the sysfs driver uses it")
        #expect(problem("[led.net]\nrole = network\ndriver = none\nactive_low = no") == "kioskd.conf:4: [led.net] active_low: only the gpiod driver uses it")
    }

    // MARK: checks across keys

    @Test func rangesAndRelations() {
        #expect(problem("[mqtt]\nreconnect_min = 10m") == "kioskd.conf:2: [mqtt] reconnect_min: 10m is longer than reconnect_max (5m)")
        #expect(problem("[mqtt]\nreconnect_max = 500ms") == "kioskd.conf:2: [mqtt] reconnect_max: 500ms is shorter than reconnect_min (1s)")
        #expect(problem("[mqtt]\nreconnect_max = 1m\nreconnect_min = 2m") == "kioskd.conf:3: [mqtt] reconnect_min: 2m is longer than reconnect_max (1m)")
        #expect(problem("[mqtt]\nkeepalive = 2s") == "kioskd.conf:2: [mqtt] keepalive: 2s is out of range (5s-65535s)")
        #expect(problem("[mqtt]\nkeepalive = 1500ms") == "kioskd.conf:2: [mqtt] keepalive: 1500ms is not a whole number of seconds")
        #expect(problem("[mqtt]\nwill_delay = 500ms") == "kioskd.conf:2: [mqtt] will_delay: 500ms is not a whole number of seconds")
        #expect(problem("[mqtt]\nwill_delay = 50000d") == "kioskd.conf:2: [mqtt] will_delay: 50000d is out of range (0s-4294967295s)")
        #expect(problems("[mqtt]\nwill_delay = 0s") == [])
        #expect(problem("[health]\npublish_interval = 10s") == "kioskd.conf:2: [health] publish_interval: 10s is shorter than interval (30s)")
        #expect(problem("[storage]\nmax_size = 512KiB") == "kioskd.conf:2: [storage] max_size: 512KiB is too small; use at least 1MiB")
        #expect(problem("[storage]\ndir = var/lib/kioskd") == "kioskd.conf:2: [storage] dir: \"var/lib/kioskd\" is not an absolute path")
        #expect(problem("[storage]\nsync_interval = 0ms") == "kioskd.conf:2: [storage] sync_interval: must be more than 0")
        #expect(problem("[sessions]\nidle_timeout = 0s") == "kioskd.conf:2: [sessions] idle_timeout: must be more than 0")
        #expect(problem("[control]\nmax_clients = 0") == "kioskd.conf:2: [control] max_clients: 0 is out of range (1-1024)")
        #expect(problem("[control]\nmax_request_size = 512B") == "kioskd.conf:2: [control] max_request_size: 512B is out of range (1KiB-16MiB)")
        #expect(problem("[control]\nsocket = control.sock") == "kioskd.conf:2: [control] socket: \"control.sock\" is not an absolute path")
        let long = "/run/" + String(repeating: "k", count: 110)
        #expect(problem("[control]\nsocket = \(long)") == "kioskd.conf:2: [control] socket: \"\(long)\" is too long for a socket path (at most 107 bytes)")
    }

    @Test func bothIntervalsZeroAreTwoProblems() {
        #expect(problems("[health]\ninterval = 0s\npublish_interval = 0s") == [
            "kioskd.conf:2: [health] interval: must be more than 0",
            "kioskd.conf:3: [health] publish_interval: must be more than 0",
        ])
    }

    @Test func aRefusedValueIsNotCheckedAgainAsItsDefault() {
        // reconnect_max keeps its default 5m; no second message about reconnect_min.
        #expect(problems("[mqtt]\nreconnect_min = 10m\nreconnect_max = soon") == [
            "kioskd.conf:2: [mqtt] reconnect_min: 10m is longer than reconnect_max (5m)",
            "kioskd.conf:3: [mqtt] reconnect_max: \"soon\" is not a duration; use ms, s, m, h or d",
        ])
        // The other way round: a refused reconnect_min is not compared with reconnect_max.
        #expect(problems("[mqtt]\nreconnect_min = soon\nreconnect_max = 500ms") == [
            "kioskd.conf:2: [mqtt] reconnect_min: \"soon\" is not a duration; use ms, s, m, h or d",
        ])
    }

    @Test func everyProblemOfTheFileAtOnceInLineOrder() {
        let text = """
            [mqt]
            host = x
            [mqtt]
            port = 0
            hots = y
            [storage]
            max_size = 10MB
            max_size = 20MB
            garbage
            [probe.gw]
            [led.x]
            role = power
            driver = sysfs
            [health]
            interval = 30
            """
        #expect(problems(text) == [
            "kioskd.conf:1: unknown section [mqt]; did you mean [mqtt]?",
            "kioskd.conf:4: [mqtt] port: \"0\" is not a port (1-65535)",
            "kioskd.conf:5: [mqtt] hots: unknown key; did you mean \"host\"?",
            "kioskd.conf:7: [storage] max_size: \"10MB\" is not a size; use B, KiB, MiB or GiB",
            "kioskd.conf:8: [storage] max_size: set twice (first on line 7)",
            "kioskd.conf:9: expected \"key = value\" or \"[section]\"",
            "kioskd.conf:10: [probe.gw] type: missing; use link, icmp, tcp, dns or http",
            "kioskd.conf:11: [led.x] path: missing; the sysfs driver needs the /sys/class/leds/NAME folder",
            "kioskd.conf:15: [health] interval: \"30\" needs a unit: ms, s, m, h or d",
        ])
    }

    // MARK: messages

    @Test func diagnosticDescriptions() {
        #expect(ConfigDiagnostic(file: "k.conf", line: 3, section: "mqtt", key: "host", message: "m").description == "k.conf:3: [mqtt] host: m")
        #expect(ConfigDiagnostic(file: "k.conf", line: 3, message: "m").description == "k.conf:3: m")
        #expect(ConfigDiagnostic(file: "k.conf", message: "m").description == "k.conf: m")
        #expect(ConfigDiagnostic(file: "k.conf", section: "log", key: "level", message: "m").description == "k.conf: [log] level: m")
        #expect(ConfigDiagnostic(file: "k.conf", line: 1, key: "host", message: "m").description == "k.conf:1: host: m")
        let error = ConfigError(diagnostics: [
            ConfigDiagnostic(file: "k.conf", line: 1, message: "a"), ConfigDiagnostic(file: "k.conf", line: 2, message: "b"),
        ])
        #expect(error.description == "k.conf:1: a\nk.conf:2: b")
    }

    @Test func editDistance() {
        #expect(ConfigReader.editDistance("hots", "host") == 1)
        #expect(ConfigReader.editDistance("", "abc") == 3)
        #expect(ConfigReader.editDistance("kitten", "sitting") == 3)
        #expect(ConfigReader.closest(to: "prot", among: ["port", "host"]) == "port")
        #expect(ConfigReader.closest(to: "banana", among: ["host", "port"]) == nil)
    }
}
