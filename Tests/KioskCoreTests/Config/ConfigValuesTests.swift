import Testing
@testable import KioskCore

/// The value kinds of kioskd.conf, each accepted form and each refusal with its exact message.
@Suite struct ConfigValuesTests {
    private func message(_ body: () throws(InvalidValue) -> Void) -> String? {
        do throws(InvalidValue) {
            try body()
            return nil
        } catch {
            return error.message
        }
    }

    // MARK: durations

    @Test(arguments: [
        ("500ms", Duration.milliseconds(500)), ("30s", .seconds(30)), ("5m", .seconds(300)),
        ("2h", .seconds(7200)), ("7d", .seconds(604_800)), ("0s", .zero), ("30 s", .seconds(30)),
        ("1500ms", .milliseconds(1500)), ("90d", .seconds(7_776_000)),
    ] as [(String, Duration)])
    func durationsRead(text: String, expected: Duration) throws {
        #expect(try ConfigValue.duration(text) == expected)
    }

    @Test(arguments: [
        ("30", "\"30\" needs a unit: ms, s, m, h or d"),
        ("5min", "\"5min\" is not a duration; use ms, s, m, h or d"),
        ("1.5h", "\"1.5h\" is not a duration; use ms, s, m, h or d"),
        ("-5s", "\"-5s\" is not a duration; use ms, s, m, h or d"),
        ("s", "\"s\" is not a duration; use ms, s, m, h or d"),
        ("30S", "\"30S\" is not a duration; use ms, s, m, h or d"),
        ("1h30m", "\"1h30m\" is not a duration; use ms, s, m, h or d"),
        ("99999999999999999999s", "\"99999999999999999999s\" is too long"),
        ("9999999999999999d", "\"9999999999999999d\" is too long"),
    ])
    func durationsRefused(text: String, expected: String) {
        #expect(message { () throws(InvalidValue) in _ = try ConfigValue.duration(text) } == expected)
    }

    @Test(arguments: [
        (Duration.seconds(90), "90s"), (.seconds(120), "2m"), (.seconds(7_776_000), "90d"),
        (.milliseconds(1500), "1500ms"), (.zero, "0s"), (.seconds(3600), "1h"), (.seconds(5400), "90m"),
        (.seconds(90_000), "25h"), (.milliseconds(1), "1ms"),
    ] as [(Duration, String)])
    func durationsWritten(duration: Duration, expected: String) throws {
        #expect(ConfigValue.format(duration) == expected)
        #expect(try ConfigValue.duration(expected) == duration)
    }

    // MARK: sizes

    @Test(arguments: [
        ("512KiB", 524_288), ("64MiB", 67_108_864), ("1GiB", 1_073_741_824), ("4096B", 4096), ("0B", 0),
        ("64 MiB", 67_108_864),
    ] as [(String, UInt64)])
    func sizesRead(text: String, expected: UInt64) throws {
        #expect(try ConfigValue.size(text) == expected)
    }

    @Test(arguments: [
        ("10MB", "\"10MB\" is not a size; use B, KiB, MiB or GiB"),
        ("10KB", "\"10KB\" is not a size; use B, KiB, MiB or GiB"),
        ("10mib", "\"10mib\" is not a size; use B, KiB, MiB or GiB"),
        ("1024", "\"1024\" needs a unit: B, KiB, MiB or GiB"),
        ("MiB", "\"MiB\" is not a size; use B, KiB, MiB or GiB"),
        ("20000000000GiB", "\"20000000000GiB\" is too large"),
        ("99999999999999999999B", "\"99999999999999999999B\" is too large"),
    ])
    func sizesRefused(text: String, expected: String) {
        #expect(message { () throws(InvalidValue) in _ = try ConfigValue.size(text) } == expected)
    }

    @Test(arguments: [
        (268_435_456, "256MiB"), (1_073_741_824, "1GiB"), (1536, "1536B"), (1024, "1KiB"),
        (1_572_864, "1536KiB"), (0, "0B"), (5_368_709_120, "5GiB"),
    ] as [(UInt64, String)])
    func sizesWritten(size: UInt64, expected: String) throws {
        #expect(ConfigValue.format(size: size) == expected)
        #expect(try ConfigValue.size(expected) == size)
    }

    // MARK: booleans, ports, counts, choices

    @Test func booleansLikeSystemd() throws {
        for text in ["yes", "true", "on", "1", "YES", "True"] { #expect(try ConfigValue.bool(text)) }
        for text in ["no", "false", "off", "0", "No"] { #expect(try !ConfigValue.bool(text)) }
        #expect(message { () throws(InvalidValue) in _ = try ConfigValue.bool("maybe") } == "\"maybe\" is not a boolean; use yes or no")
        #expect(ConfigValue.format(true) == "yes")
        #expect(ConfigValue.format(false) == "no")
    }

    @Test func ports() throws {
        #expect(try ConfigValue.port("1") == 1)
        #expect(try ConfigValue.port("65535") == 65535)
        for text in ["0", "70000", "-1", "+80", "http", "80.0"] {
            #expect(message { () throws(InvalidValue) in _ = try ConfigValue.port(text) } == "\"\(text)\" is not a port (1-65535)")
        }
    }

    @Test func counts() throws {
        #expect(try ConfigValue.count("16") == 16)
        #expect(message { () throws(InvalidValue) in _ = try ConfigValue.count("many") } == "\"many\" is not a whole number")
        #expect(message { () throws(InvalidValue) in _ = try ConfigValue.count("-1") } == "\"-1\" is not a whole number")
    }

    @Test func choices() throws {
        #expect(try ConfigValue.choice("ICMP", "a probe type", ["link", "icmp"]) == "icmp")
        #expect(message { () throws(InvalidValue) in _ = try ConfigValue.choice("ping", "a probe type", ["link", "icmp", "tcp"]) }
            == "\"ping\" is not a probe type; use link, icmp or tcp")
        #expect(ConfigValue.alternatives(["yes"]) == "yes")
        #expect(ConfigValue.alternatives(["yes", "no"]) == "yes or no")
        #expect(ConfigValue.alternatives([]) == "")
    }

    // MARK: names

    @Test(arguments: [
        ("kiosk-01", nil),
        ("a", nil),
        (String(repeating: "a", count: 63), nil),
        ("Kiosk_1", "\"Kiosk_1\" may only hold a-z, 0-9 and \"-\""),
        ("kiosk 1", "\"kiosk 1\" may only hold a-z, 0-9 and \"-\""),
        ("ki\u{00F3}sk", "\"ki\u{00F3}sk\" may only hold a-z, 0-9 and \"-\""),
        ("-kiosk", "\"-kiosk\" may not start or end with \"-\""),
        ("kiosk-", "\"kiosk-\" may not start or end with \"-\""),
        ("", "may not be empty"),
        (String(repeating: "a", count: 64), "\"\(String(repeating: "a", count: 64))\" is longer than 63 characters"),
    ] as [(String, String?)])
    func deviceIDs(id: String, expected: String?) {
        #expect(message { () throws(InvalidValue) in try ConfigValue.checkDeviceID(id) } == expected)
    }

    @Test(arguments: [
        ("xuan-thuy", nil),
        ("HN_26737", nil),
        ("ph\u{01B0}\u{1EDD}ng-1", nil),
        ("a/b", "\"a/b\" may not hold \"/\", \"+\" or \"#\"; it is one MQTT topic level"),
        ("a+", "\"a+\" may not hold \"/\", \"+\" or \"#\"; it is one MQTT topic level"),
        ("#", "\"#\" may not hold \"/\", \"+\" or \"#\"; it is one MQTT topic level"),
        ("my site", "\"my site\" may not hold spaces or control characters"),
        ("a\tb", "\"a\tb\" may not hold spaces or control characters"),
        ("a\u{7}", "\"a\u{7}\" may not hold spaces or control characters"),
        ("", "may not be empty"),
    ] as [(String, String?)])
    func sites(site: String, expected: String?) {
        #expect(message { () throws(InvalidValue) in try ConfigValue.checkTopicLevel(site) } == expected)
    }

    @Test(arguments: [
        ("kiosk/v1", nil),
        ("vn/hanoi/kiosk/v1", nil),
        ("kiosk", nil),
        ("kiosk/#", "\"kiosk/#\" may not hold the MQTT wildcards \"+\" or \"#\""),
        ("kiosk/+/v1", "\"kiosk/+/v1\" may not hold the MQTT wildcards \"+\" or \"#\""),
        ("/kiosk", "\"/kiosk\" may not start or end with \"/\""),
        ("kiosk/", "\"kiosk/\" may not start or end with \"/\""),
        ("kiosk//v1", "\"kiosk//v1\" has an empty level between two \"/\""),
        ("$SYS/kiosk", "\"$SYS/kiosk\" may not start with \"$\"; brokers reserve those topics"),
        ("kiosk v1", "\"kiosk v1\" may not hold spaces or control characters"),
        ("", "may not be empty"),
    ] as [(String, String?)])
    func topicPrefixes(prefix: String, expected: String?) {
        #expect(message { () throws(InvalidValue) in try ConfigValue.checkTopicPrefix(prefix) } == expected)
    }

    @Test(arguments: [
        ("gateway", nil), ("wan_1", nil), ("led-2", nil),
        ("Gateway", "\"Gateway\" may only hold a-z, 0-9, \"_\" and \"-\""),
        ("gate.way", "\"gate.way\" may only hold a-z, 0-9, \"_\" and \"-\""),
        ("", "may not be empty"),
    ] as [(String, String?)])
    func itemNames(name: String, expected: String?) {
        #expect(message { () throws(InvalidValue) in try ConfigValue.checkItemName(name) } == expected)
    }

    // MARK: probe targets

    @Test(arguments: [
        (Config.Probe.Kind.link, "", nil),
        (.link, "wlan0", nil),
        (.link, "enx00e04c680001x", "\"enx00e04c680001x\" is longer than an interface name (15 characters)"),
        (.icmp, "192.168.1.1", nil),
        (.icmp, "", "missing; an icmp probe needs a host name or address"),
        (.icmp, "http://x", "\"http://x\" is not a host name or address"),
        (.icmp, "a b", "\"a b\" may not hold spaces or control characters"),
        (.dns, "vnexpress.net", nil),
        (.dns, "", "missing; a dns probe needs a host name to resolve"),
        (.tcp, "mqtt.example.vn:8883", nil),
        (.tcp, "[2001:db8::1]:443", nil),
        (.tcp, "", "missing; a tcp probe needs host:port"),
        (.tcp, "mqtt.example.vn", "\"mqtt.example.vn\" needs a port: host:port"),
        (.tcp, "mqtt.example.vn:99999", "\"mqtt.example.vn:99999\" has no valid port (1-65535)"),
        (.tcp, "mqtt.example.vn:", "\"mqtt.example.vn:\" has no valid port (1-65535)"),
        (.tcp, ":8883", "\":8883\" needs a host before the port"),
        (.tcp, "2001:db8::1:443", "\"2001:db8::1:443\" needs the IPv6 address in brackets, like [2001:db8::1]:443"),
        (.http, "http://connectivitycheck.gstatic.com/generate_204", nil),
        (.http, "HTTPS://example.vn", nil),
        (.http, "", "missing; an http probe needs an http:// or https:// URL"),
        (.http, "example.vn/x", "\"example.vn/x\" is not an http:// or https:// URL"),
        (.http, "https://", "\"https://\" is not an http:// or https:// URL"),
    ] as [(Config.Probe.Kind, String, String?)])
    func probeTargets(type: Config.Probe.Kind, target: String, expected: String?) {
        #expect(message { () throws(InvalidValue) in try ConfigValue.checkProbeTarget(target, for: type) } == expected)
    }
}
