import KioskCore

/// `kioskctl doctor`: every layer checked now, each with its figures and a hint.
enum DoctorCommand: KioskctlCommand {
    static let name = "doctor"

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

    /// The `mqtt` layer's hint when kioskd is connected but the broker refuses its records.
    static func publishHint(reasonCode: Int, topic: String) -> String {
        let filter = topic.split(separator: "/").dropLast().joined(separator: "/") + "/#"
        switch reasonCode {
        case 0x87:
            return "The server does not allow this kiosk to publish: ask the province to allow \(filter) for its user in the broker's ACL. Records stay queued and are sent once allowed."
        case 0x97:
            return "The server's quota for this kiosk is used up: ask the province to raise it, or wait. Records stay queued."
        default:
            return "The server refuses this kiosk's records: read the broker's log for why. Records stay queued and are sent once it accepts them."
        }
    }

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
        let report = try check(context)
        if context.json {
            Output.json(report)
        } else {
            Output.line(render(report))
        }
        if report.verdict != .online && report.verdict != .degraded {
            throw .failed("connectivity: \(report.verdict.rawValue)", printed: true)
        }
    }

    /// Every probe run now, with kioskd's broker connection when it answers, layer by layer.
    static func check(_ context: Context) throws(CommandFailure) -> Report {
        let config: Config
        do throws(ConfigError) {
            config = try ConfigLoader.load(path: context.options.configPath).config
        } catch {
            Output.error(error.description)
            throw .failed("configuration has errors", printed: true)
        }
        let timeout = config.probes.map(\.timeout).max() ?? .seconds(5)
        var round = ProbeRunner.run(ProbeSet.make(config: config), timeout: timeout)
        let broker = try? context.call("status", as: StatusReport.self).broker
        round += brokerMeasurements(broker, config: config)
        let brokerRefusal = broker?.refused
        let verdict = RoundVerdict.of(round, thresholds: HealthThresholds(config.health))
        let layers = HealthLayer.allCases.map { layer in
            let probes = round.filter { $0.layer == layer }
            let failing = probes.first { RoundVerdict.failedLayer(of: $0) != nil }
            let untested = !probes.isEmpty && probes.allSatisfy(\.isUntested)
            let result = probes.isEmpty ? "skip" : failing != nil ? "FAIL" : untested ? "untested" : "pass"
            var hint = failing == nil ? nil : hints[layer]
            if failing?.name == "broker-publish", let refused = brokerRefusal {
                hint = publishHint(reasonCode: refused.reasonCode, topic: refused.topic)
            }
            return Report.Layer(layer: layer, result: result, hint: hint, probes: probes)
        }
        return Report(verdict: verdict.state, cause: verdict.cause, layers: layers)
    }

    /// The `mqtt` layer: only kioskd knows how its connection is, so nothing when kioskd is not
    /// running. Connected, a second check: is kioskd authorised to publish (does the broker
    /// take its records)? Under MQTT 3.1.1 that cannot be known: a broker acknowledges a denied
    /// message and drops it.
    static func brokerMeasurements(_ status: BrokerStatus?, config: Config) -> [ProbeMeasurement] {
        guard let status else { return [] }
        let target = "\(config.mqtt.host):\(config.mqtt.port)"
        var connection = ProbeMeasurement(
            name: "broker-connection", type: "mqtt", target: target, layer: .mqtt, ok: false, portal: false,
            sent: 1, received: 0, rttMs: [], detail: nil, link: nil, atWallMs: KernelClock.wallMilliseconds(),
            durationMs: 0)
        connection.ok = status.state == .connected
        connection.received = connection.ok ? 1 : 0
        connection.detail = connection.ok ? "connected (MQTT \(status.protocol ?? "?"))" : (status.lastError ?? status.state.rawValue)
        guard connection.ok else { return [connection] }
        var publish = connection
        publish.name = "broker-publish"
        publish.type = "publish"
        if let refused = status.refused {
            publish.ok = false
            publish.received = 0
            publish.detail = "refused: " + StatusCommand.refusalLine(refused)
        } else if status.protocol == "3.1.1" {
            publish.detail = "records accepted (MQTT 3.1.1: a broker drops denied records unseen)"
        } else {
            publish.detail = "records accepted"
        }
        return [connection, publish]
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
