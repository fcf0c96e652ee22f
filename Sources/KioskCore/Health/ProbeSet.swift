/// Which probes a round runs, from the configuration and the routing table.
///
/// Call `make` every round (it reads one small file): the default route changes under a running
/// kiosk when DHCP renews, the 4G dongle comes back, or Wi-Fi replaces the cable.
public enum ProbeSet {
    /// The configured probes, or when none are configured the default set: link of the
    /// default-route interface, icmp to the default gateway (layer gateway), dns for the broker
    /// host (system resolver; skipped when the host is an IP literal), tcp to the broker
    /// host:port (layer broker).
    ///
    /// The MQTT layer is not here: only the broker connection itself can measure it.
    /// Without a default route the link and gateway probes stay in the set as
    /// `UnavailableProbe`s that fail with that reason; a point-to-point uplink (gateway
    /// `0.0.0.0`) has no gateway to ping, so the default set then has no gateway probe.
    ///
    /// Configured `[probe.NAME]`s: `link` watches `target`, or the default route's interface
    /// when empty; `icmp` is the gateway layer when `target` is the default gateway, else
    /// internet; `tcp` `host:port` is the broker layer when it is the broker's, else internet;
    /// `dns` resolves `target` with the system resolver, or `name@server` asks `server`
    /// (`IP[:port]`) directly over UDP; `http` checks for a captive portal at the URL.
    /// Each keeps its configured `timeout`.
    public static func make(
        config: Config, route: (interface: String, gateway: String)? = DefaultRoute.read()
    ) -> [any HealthProbe] {
        if config.probes.isEmpty { return defaults(config: config, route: route) }
        return config.probes.map { configured(probe: $0, config: config, route: route) }
    }

    static let noRoute = "no default route (no DHCP lease, or the uplink is gone)"

    private static func defaults(config: Config, route: (interface: String, gateway: String)?) -> [any HealthProbe] {
        var probes: [any HealthProbe] = []
        if let route {
            probes.append(LinkProbe(name: "link", interface: route.interface))
            if route.gateway != "0.0.0.0" {
                probes.append(ICMPProbe(name: "gateway", host: route.gateway, layer: .gateway))
            }
        } else {
            probes.append(UnavailableProbe(name: "link", type: "link", layer: .link, reason: noRoute))
            probes.append(UnavailableProbe(name: "gateway", type: "icmp", layer: .gateway, reason: noRoute))
        }
        let broker = config.mqtt
        if ProbeAddress(literal: broker.host) == nil {
            probes.append(DNSProbe(name: "dns", query: broker.host))
        }
        probes.append(TCPProbe(name: "broker", host: broker.host, port: broker.port, layer: .broker))
        return probes
    }

    private static func configured(
        probe: Config.Probe, config: Config, route: (interface: String, gateway: String)?
    ) -> any HealthProbe {
        let target = probe.target
        switch probe.type {
        case .link:
            guard let interface = target.isEmpty ? route?.interface : target else {
                return UnavailableProbe(name: probe.name, type: "link", layer: .link, reason: noRoute)
            }
            return LinkProbe(name: probe.name, interface: interface)
        case .icmp:
            let layer: HealthLayer = isSameHost(target, route?.gateway) ? .gateway : .internet
            return ICMPProbe(name: probe.name, host: target, layer: layer, timeout: probe.timeout)
        case .tcp:
            guard let hostPort = ProbeHostPort(target), let port = hostPort.port else {
                return UnavailableProbe(name: probe.name, type: "tcp", target: target, layer: .internet, reason: "target \"\(target)\" is not host:port")
            }
            let isBroker = isSameHost(hostPort.host, config.mqtt.host) && port == config.mqtt.port
            return TCPProbe(name: probe.name, host: hostPort.host, port: port, layer: isBroker ? .broker : .internet, timeout: probe.timeout)
        case .dns:
            if let at = target.lastIndex(of: "@") {
                return DNSProbe(
                    name: probe.name, query: String(target[..<at]), server: String(target[target.index(after: at)...]),
                    timeout: probe.timeout)
            }
            return DNSProbe(name: probe.name, query: target, timeout: probe.timeout)
        case .http:
            return HTTPProbe(name: probe.name, url: target, timeout: probe.timeout)
        }
    }

    /// Host names compare without case; addresses by value (`[::1]` is `::1`).
    private static func isSameHost(_ a: String, _ b: String?) -> Bool {
        guard let b else { return false }
        if let left = ProbeAddress(literal: a), let right = ProbeAddress(literal: b) { return left.sameHost(as: right) }
        return a.lowercased() == b.lowercased()
    }
}
