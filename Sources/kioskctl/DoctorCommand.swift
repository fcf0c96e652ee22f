import KioskCore

/// `kioskctl doctor`: every layer checked now, each with its figures and a hint.
enum DoctorCommand: KioskctlCommand {
    static let name = "doctor"

    /// The advice for a failing layer, for the technician at the kiosk: what is wrong, what to
    /// look at physically, and the figure that led to the verdict. The `mqtt` layer's, when
    /// kioskd is connected but the broker refuses its records, says what the broker refuses.
    static func hint(_ layer: HealthLayer, failing probe: ProbeMeasurement, refusal: BrokerRefusal?, _ w: Words) -> String {
        let measured = w("doctor.measured", ["probe": "\(probe.type) \(probe.target)", "figure": figures(probe, w)])
        if probe.name == "broker-publish", let refusal {
            let filter = refusal.topic.split(separator: "/").dropLast().joined(separator: "/") + "/#"
            let key = [0x87, 0x97].contains(refusal.reasonCode) ? "doctor.publish.0x" + String(refusal.reasonCode, radix: 16) : "doctor.publish.other"
            return w(key, ["filter": filter]) + " " + measured
        }
        return w("doctor.problem." + layer.rawValue) + " " + w("check." + layer.rawValue) + " " + measured
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
        let w = context.words
        guard arguments.isEmpty else { throw .usage(w("usage.noArguments", ["command": name])) }
        // JSON is the same in every language: its details and hints are the English words.
        let report = try check(context, words: context.json ? Words(.en, zone: w.zone) : w)
        if context.json {
            Output.json(report)
        } else {
            Output.line(render(report, w, context.paint))
        }
        if report.verdict != .online && report.verdict != .degraded {
            throw .failed("connectivity: \(report.verdict.rawValue)", printed: true)
        }
    }

    /// Every probe run now, with kioskd's broker connection when it answers, layer by layer;
    /// details and hints in `words`.
    static func check(_ context: Context, words: Words) throws(CommandFailure) -> Report {
        let config: Config
        do throws(ConfigError) {
            config = try ConfigLoader.load(path: context.options.configPath).config
        } catch {
            Output.error(error.description)
            throw .failed(context.words("config.hasErrors"), printed: true)
        }
        let timeout = config.probes.map(\.timeout).max() ?? .seconds(5)
        let probed = ProbeRunner.run(ProbeSet.make(config: config), timeout: timeout)
        let broker = try? context.call("status", as: StatusReport.self).broker
        let round = probed + brokerMeasurements(broker, config: config, words)
        let verdict = RoundVerdict.of(round, thresholds: HealthThresholds(config.health))
        let layers = HealthLayer.allCases.map { layer in
            let probes = round.filter { $0.layer == layer }
            let failing = probes.first { RoundVerdict.failedLayer(of: $0) != nil }
            let untested = !probes.isEmpty && probes.allSatisfy(\.isUntested)
            let result = probes.isEmpty ? "skip" : failing != nil ? "FAIL" : untested ? "untested" : "pass"
            let advice = failing.map { hint(layer, failing: $0, refusal: broker?.refused, words) }
            return Report.Layer(layer: layer, result: result, hint: advice, probes: probes)
        }
        return Report(verdict: verdict.state, cause: verdict.cause, layers: layers)
    }

    /// The `mqtt` layer: only kioskd knows how its connection is, so nothing when kioskd is not
    /// running. Connected, a second check: is kioskd authorised to publish (does the broker
    /// take its records)? Under MQTT 3.1.1 that cannot be known: a broker acknowledges a denied
    /// message and drops it.
    static func brokerMeasurements(_ status: BrokerStatus?, config: Config, _ w: Words) -> [ProbeMeasurement] {
        guard let status else { return [] }
        let target = "\(config.mqtt.host):\(config.mqtt.port)"
        var connection = ProbeMeasurement(
            name: "broker-connection", type: "mqtt", target: target, layer: .mqtt, ok: false, portal: false,
            sent: 1, received: 0, rttMs: [], detail: nil, link: nil, atWallMs: KernelClock.wallMilliseconds(),
            durationMs: 0)
        connection.ok = status.state == .connected
        connection.received = connection.ok ? 1 : 0
        connection.detail = connection.ok
            ? w("doctor.connected", ["protocol": status.protocol ?? "?"]) : (status.lastError ?? w("broker.state." + status.state.rawValue))
        guard connection.ok else { return [connection] }
        var publish = connection
        publish.name = "broker-publish"
        publish.type = "publish"
        if let refused = status.refused {
            publish.ok = false
            publish.received = 0
            publish.detail = w("doctor.refused", ["refusal": StatusCommand.refusalLine(refused, w)])
        } else if status.protocol == "3.1.1" {
            publish.detail = w("doctor.accepted.v311")
        } else {
            publish.detail = w("doctor.accepted")
        }
        return [connection, publish]
    }

    static func render(_ report: Report, _ w: Words, _ paint: Paint) -> String {
        var lines: [String] = []
        let hintIndent = String(repeating: " ", count: 19)
        for layer in report.layers {
            let result = w("doctor.result." + layer.result).padding(to: 9)
            let painted = layer.result == "FAIL" ? paint.bad(result) : layer.result == "pass" ? paint.good(result) : paint.warn(result)
            let head = w("layer." + layer.layer.rawValue).padding(to: 10) + painted
            if layer.probes.isEmpty {
                lines.append(Output.wrap(head + w(layer.layer == .mqtt ? "doctor.mqtt.notRunning" : "doctor.noProbe"), indent: 19))
                continue
            }
            for (index, probe) in layer.probes.enumerated() {
                let prefix = index == 0 ? head : hintIndent
                lines.append(Output.wrap(prefix + "\(probe.type) \(probe.target)".padding(to: 30) + figures(probe, w), indent: 21))
            }
            if let hint = layer.hint { lines.append(Output.wrap(hintIndent + "→ " + hint, indent: 21)) }
        }
        var verdict = w("doctor.verdict", ["state": w("connectivity." + report.verdict.rawValue)])
        if let cause = report.cause { verdict += w("doctor.verdict.cause", ["layer": w("layer." + cause.rawValue)]) }
        lines.append(Output.wrap(verdict))
        return lines.joined(separator: "\n")
    }

    static func figures(_ probe: ProbeMeasurement, _ w: Words) -> String {
        var parts: [String] = []
        if let link = probe.link {
            parts.append("\(link.operstate)" + (link.carrier == false ? w("doctor.noCarrier") : "")
                + (link.signalDBm.map { w("doctor.signal", ["dbm": "\(Int($0))"]) } ?? ""))
        } else if probe.sent > 1 {
            parts.append(w("doctor.replies", ["received": "\(probe.received)", "sent": "\(probe.sent)"]))
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
