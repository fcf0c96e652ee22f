import KioskCore

/// `kioskctl doctor`: every layer checked now, each with its figures and a hint.
enum DoctorCommand: KioskctlCommand {
    static let name = "doctor"
    static let summary = "check every layer now: link, gateway, DNS, internet, portal, broker, MQTT"
    static let help = """
        usage: kioskctl doctor [--json]

        Runs every connectivity probe now (the configured ones, or the defaults: the link of
        the default route, the gateway, DNS for the broker, TCP to the broker) and asks kioskd
        how its broker connection is. Prints each layer, in order, with pass or FAIL, its
        figures and a one-line hint. The first failing layer is the cause. A layer whose
        probe may not run here (ping without permission) is "untested", with how to allow it.
        Exit status 0 when every layer passes, 1 when one fails.
        """

    /// One line of advice per layer, for the technician at the kiosk.
    static let hints: [HealthLayer: String] = [
        .link: "The network cable or Wi-Fi is down: check the cable, the Wi-Fi name and password.",
        .gateway: "The router does not answer: check its power and cable, or restart it.",
        .dns: "Names cannot be looked up: restart the router, or set a DNS server (8.8.8.8) in it.",
        .internet: "The router has no internet: check the SIM card, the data plan and the signal.",
        .portal: "A login page (captive portal) is in the way: open a browser and accept it.",
        .broker: "The province's server does not answer: check the host and port in kioskd.conf, or a firewall.",
        .mqtt: "The server refused kioskd: check the certificate, user name and password file.",
    ]

    struct Report: Codable {
        var verdict: ConnectivityState
        var cause: HealthLayer?
        var layers: [Layer]
        struct Layer: Codable {
            var layer: HealthLayer
            var result: String
            var hint: String?
            var probes: [ProbeMeasurement]
        }
    }

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        guard arguments.isEmpty else { throw .usage("doctor takes no arguments") }
        let config: Config
        do throws(ConfigError) {
            config = try ConfigLoader.load(path: context.options.configPath).config
        } catch {
            Output.error(error.description)
            throw .failed("configuration has errors", printed: true)
        }
        let timeout = config.probes.map(\.timeout).max() ?? .seconds(5)
        var round = ProbeRunner.run(ProbeSet.make(config: config), timeout: timeout)
        if let broker = brokerConnection(context, config: config) { round.append(broker) }
        let verdict = RoundVerdict.of(round, thresholds: HealthThresholds(config.health))
        let layers = HealthLayer.allCases.map { layer in
            let probes = round.filter { $0.layer == layer }
            let failed = probes.contains { RoundVerdict.failedLayer(of: $0) != nil }
            let untested = !probes.isEmpty && probes.allSatisfy(\.isUntested)
            let result = probes.isEmpty ? "skip" : failed ? "FAIL" : untested ? "untested" : "pass"
            return Report.Layer(layer: layer, result: result, hint: failed ? hints[layer] : nil, probes: probes)
        }
        let report = Report(verdict: verdict.state, cause: verdict.cause, layers: layers)
        if context.json {
            Output.json(report)
        } else {
            Output.line(render(report))
        }
        if verdict.state != .online && verdict.state != .degraded {
            throw .failed("connectivity: \(verdict.state.rawValue)", printed: true)
        }
    }

    /// The `mqtt` layer: only kioskd knows how its connection is; nil when kioskd is not running.
    static func brokerConnection(_ context: Context, config: Config) -> ProbeMeasurement? {
        let target = "\(config.mqtt.host):\(config.mqtt.port)"
        var measurement = ProbeMeasurement(
            name: "broker-connection", type: "mqtt", target: target, layer: .mqtt, ok: false, portal: false,
            sent: 1, received: 0, rttMs: [], detail: nil, link: nil, atWallMs: KernelClock.wallMilliseconds(),
            durationMs: 0)
        do throws(CommandFailure) {
            let status = try context.call("status", as: StatusReport.self).broker
            measurement.ok = status.state == .connected
            measurement.received = measurement.ok ? 1 : 0
            measurement.detail = measurement.ok ? "connected (MQTT \(status.protocol ?? "?"))" : (status.lastError ?? status.state.rawValue)
        } catch {
            return nil
        }
        return measurement
    }

    static func render(_ report: Report) -> String {
        var lines: [String] = []
        for layer in report.layers {
            let head = layer.layer.rawValue.padding(to: 10) + layer.result.padding(to: 9)
            if layer.probes.isEmpty {
                lines.append(head + (layer.layer == .mqtt ? "(kioskd is not running: its broker connection cannot be checked)" : "(no probe)"))
                continue
            }
            for (index, probe) in layer.probes.enumerated() {
                let prefix = index == 0 ? head : String(repeating: " ", count: head.count)
                lines.append(prefix + "\(probe.type) \(probe.target)".padding(to: 30) + figures(probe))
            }
            if let hint = layer.hint { lines.append(String(repeating: " ", count: 19) + "→ " + hint) }
        }
        var verdict = "verdict: \(report.verdict.rawValue)"
        if let cause = report.cause { verdict += " — first failing layer: \(cause.rawValue)" }
        lines.append(verdict)
        return lines.joined(separator: "\n")
    }

    static func figures(_ probe: ProbeMeasurement) -> String {
        var parts: [String] = []
        if let link = probe.link {
            parts.append("\(link.operstate)" + (link.carrier == false ? ", no carrier" : "") + (link.signalDBm.map { ", signal \(Int($0)) dBm" } ?? ""))
        } else if probe.sent > 1 {
            parts.append("\(probe.received)/\(probe.sent) replies")
        }
        if let best = probe.rttMs.min(), let worst = probe.rttMs.max() {
            parts.append(best == worst ? "\(milliseconds(best))" : "\(milliseconds(best))–\(milliseconds(worst))")
        }
        if let detail = probe.detail { parts.append(detail) }
        return parts.joined(separator: ", ")
    }

    static func milliseconds(_ value: Double) -> String {
        value < 10 ? "\(Double(Int(value * 10)) / 10) ms" : "\(Int(value.rounded())) ms"
    }
}
