import Testing
@testable import KioskCore

/// The default route from `/proc/net/route`, and the probe set built from it and the configuration.
@Suite struct ProbeSetTests {
    static let routes = """
        Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
        wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
        eth0\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\t0\t0\t0
        eth0\t000200C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0

        """

    @Test func theDefaultRouteWithTheLowestMetricWins() throws {
        let scratch = try ProbeScratch()
        let file = try scratch.file("route", Self.routes)
        let route = try #require(DefaultRoute.read(from: file))
        #expect(route.interface == "eth0")
        #expect(route.gateway == "192.0.2.1")
    }

    @Test func noDefaultRouteIsNil() throws {
        let scratch = try ProbeScratch()
        let onlyLocal = """
            Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
            eth0\t000200C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0
            """
        #expect(DefaultRoute.read(from: try scratch.file("route", onlyLocal)) == nil)
        #expect(DefaultRoute.read(from: scratch.path + "/missing") == nil)
    }

    @Test func aRouteThatIsNotUpIsIgnored() {
        let down = "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\n eth0\t00000000\t010200C0\t0002\t0\t0\t0\t00000000\n"
        #expect(DefaultRoute.parse(down) == nil)
    }

    @Test func theHostsOwnRouteTableParses() {
        // Whatever this machine has, reading it must not fail or invent an interface.
        if let route = DefaultRoute.read() {
            #expect(!route.interface.isEmpty)
            #expect(route.gateway.split(separator: ".").count == 4)
        }
    }

    func config(broker host: String, port: UInt16 = 8883, probes: [Config.Probe] = []) -> Config {
        var config = Config.defaults(for: HostEnvironment(hostname: "kiosk-1", isRoot: true, home: "/root"))
        config.mqtt.host = host
        config.mqtt.port = port
        config.probes = probes
        return config
    }

    func summary(_ probes: [any HealthProbe]) -> [String] {
        probes.map { "\($0.name) \($0.type) \($0.target) \($0.layer.rawValue)" }
    }

    @Test func theDefaultSetWatchesTheUplinkAndTheBroker() {
        let probes = ProbeSet.make(config: config(broker: "mqtt.example.vn"), route: ("eth0", "192.0.2.1"))
        #expect(summary(probes) == [
            "link link eth0 link",
            "gateway icmp 192.0.2.1 gateway",
            "dns dns mqtt.example.vn dns",
            "broker tcp mqtt.example.vn:8883 broker",
        ])
    }

    @Test func aBrokerAddressNeedsNoDNSProbe() {
        let probes = ProbeSet.make(config: config(broker: "10.0.0.5", port: 1883), route: ("wlan0", "192.168.1.1"))
        #expect(summary(probes) == [
            "link link wlan0 link",
            "gateway icmp 192.168.1.1 gateway",
            "broker tcp 10.0.0.5:1883 broker",
        ])
    }

    @Test func withoutADefaultRouteLinkAndGatewayFailWithTheReason() {
        let probes = ProbeSet.make(config: config(broker: "10.0.0.5"), route: nil)
        #expect(summary(probes) == ["link link  link", "gateway icmp  gateway", "broker tcp 10.0.0.5:8883 broker"])
        let link = probes[0].measure(timeout: .seconds(1))
        #expect(!link.ok)
        #expect(link.detail == "no default route (no DHCP lease, or the uplink is gone)")
    }

    @Test func aPointToPointUplinkHasNoGatewayToPing() {
        let probes = ProbeSet.make(config: config(broker: "10.0.0.5"), route: ("ppp0", "0.0.0.0"))
        #expect(summary(probes) == ["link link ppp0 link", "broker tcp 10.0.0.5:8883 broker"])
    }

    @Test func configuredProbesReplaceTheDefaultsAndFindTheirLayers() throws {
        let configured = [
            Config.Probe(name: "uplink", type: .link, target: ""),
            Config.Probe(name: "wifi", type: .link, target: "wlan0"),
            Config.Probe(name: "router", type: .icmp, target: "192.0.2.1"),
            Config.Probe(name: "far", type: .icmp, target: "1.1.1.1"),
            Config.Probe(name: "broker", type: .tcp, target: "MQTT.example.vn:8883"),
            Config.Probe(name: "web", type: .tcp, target: "example.vn:443"),
            Config.Probe(name: "resolve", type: .dns, target: "mqtt.example.vn"),
            Config.Probe(name: "resolver", type: .dns, target: "mqtt.example.vn@8.8.8.8:53", timeout: .seconds(2)),
            Config.Probe(name: "portal", type: .http, target: "http://connectivitycheck.gstatic.com/generate_204"),
        ]
        let probes = ProbeSet.make(config: config(broker: "mqtt.example.vn", probes: configured), route: ("eth0", "192.0.2.1"))
        #expect(summary(probes) == [
            "uplink link eth0 link",
            "wifi link wlan0 link",
            "router icmp 192.0.2.1 gateway",
            "far icmp 1.1.1.1 internet",
            "broker tcp MQTT.example.vn:8883 broker",
            "web tcp example.vn:443 internet",
            "resolve dns mqtt.example.vn dns",
            "resolver dns mqtt.example.vn@8.8.8.8:53 dns",
            "portal http http://connectivitycheck.gstatic.com/generate_204 portal",
        ])
        let resolver = try #require(probes[7] as? DNSProbe)
        #expect(resolver.query == "mqtt.example.vn" && resolver.server == "8.8.8.8:53")
        #expect(resolver.timeout == .seconds(2))
    }

    @Test func layersAreOrderedAsTheyAreChecked() {
        #expect(HealthLayer.allCases.sorted() == [.link, .gateway, .dns, .internet, .portal, .broker, .mqtt])
        #expect(HealthLayer.link < .gateway && HealthLayer.broker < .mqtt && !(HealthLayer.dns < .link))
    }
}
