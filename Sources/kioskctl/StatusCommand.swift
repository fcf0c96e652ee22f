import KioskCore

/// `kioskctl status`: what kioskd knows about itself now, led by one line in plain words that
/// says whether the kiosk is fine and, when not, the first thing to check.
enum StatusCommand: KioskctlCommand {
    static let name = "status"

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        guard arguments.isEmpty else { throw .usage(context.words("usage.noArguments", ["command": name])) }
        let status = try context.call("status", as: StatusReport.self)
        if context.json {
            Output.json(status)
            return
        }
        Output.line(render(status, context.words, context.paint))
    }

    /// The first line: fine, or the most basic problem first (storage, network by its first
    /// failing layer, the broker, a refusal, an LED, the clock) with what to check.
    static func headline(_ s: StatusReport, _ w: Words, _ paint: Paint) -> String {
        func problem(_ what: String, check: String) -> String {
            Output.wrap(paint.bad(w("status.head.problem")) + " " + w(what) + " " + w("status.head.check") + " " + check)
        }
        if s.storageFault != nil { return problem("status.head.storage", check: w("check.storage")) }
        if let net = s.connectivity, net.state != .online, let cause = net.cause {
            let state = net.state == .degraded ? "status.head.degraded" : net.state == .portal ? "status.head.portal" : "status.head.offline"
            return problem(state, check: w("check." + cause.rawValue))
        }
        if s.broker.state != .connected {
            // The first attempt under way (just started, or a reload) is no problem yet.
            if s.broker.failedAttempts == 0 { return Output.wrap(paint.warn(w("status.head.note")) + " " + w("status.head.connecting")) }
            return problem("status.head.broker", check: w("check.broker"))
        }
        if s.broker.refused != nil { return problem("status.head.refused", check: w("check.refused")) }
        if let led = s.leds?.first(where: { $0.fault != nil }) {
            return problem("status.head.led", check: w("check.led", ["name": led.name]))
        }
        if s.clock == .unsynced {
            return Output.wrap(paint.warn(w("status.head.note")) + " " + w("status.head.clock"))
        }
        return Output.wrap(paint.good(w("status.head.fine")) + " " + w("status.head.fineDetail"))
    }

    /// `not authorized (0x87) since …, 12 refusals; records stay queued from seq 41, next offer in 3s`
    static func refusalLine(_ refused: BrokerRefusal, _ w: Words) -> String {
        var line = w("status.refused", [
            "reason": refused.reason, "code": "0x" + String(refused.reasonCode, radix: 16), "since": w.time(refused.since),
            "count": "\(refused.count)", "seq": "\(refused.seq)",
        ])
        if let next = refused.nextRetryMs { line += w("status.refused.next", ["in": w.span(milliseconds: next)]) }
        return line
    }

    static func render(_ s: StatusReport, _ w: Words, _ paint: Paint) -> String {
        func row(_ label: String, _ value: String) -> String {
            Output.wrap(w("status.label." + label).padding(to: 10) + value, indent: 10)
        }
        let indent = String(repeating: " ", count: 10)
        let broker = s.broker
        var brokerLine = w("broker.state." + broker.state.rawValue) + "  \(broker.host):\(broker.port)"
        if broker.tls { brokerLine += " (TLS)" }
        if let proto = broker.protocol, broker.state == .connected { brokerLine += "  MQTT \(proto)" }
        brokerLine += "  " + w("status.since", ["time": w.time(broker.since)])
        var lines = [
            headline(s, w, paint),
            Output.wrap(w("status.kioskd", [
                "version": s.version, "uptime": w.span(milliseconds: s.uptimeMs), "pid": "\(s.pid)", "started": w.time(s.started),
            ])),
            row("device", s.device),
            row("site", s.site),
            row("config", s.configFile ?? w("status.config.defaults")),
            row("clock", w("clock." + s.clock.rawValue)),
            row("broker", brokerLine),
        ]
        if broker.state != .connected, broker.failedAttempts > 0 {
            var retry = w("status.broker.attempts", ["count": "\(broker.failedAttempts)"])
            if let next = broker.nextAttemptMs { retry += w("status.broker.next", ["in": w.span(milliseconds: next)]) }
            lines.append(Output.wrap(indent + retry, indent: 10))
        }
        if let error = broker.lastError {
            let at = broker.lastErrorAt.map { " (\(w.time($0)))" } ?? ""
            lines.append(Output.wrap(indent + w("status.broker.lastError", ["error": error]) + at, indent: 10))
        }
        if let refused = broker.refused {
            lines.append(row("refused", refusalLine(refused, w)))
        }
        if let net = s.connectivity {
            var line = w("connectivity." + net.state.rawValue)
            if let cause = net.cause { line += "  " + w("status.network.cause", ["layer": w("layer." + cause.rawValue)]) }
            if let detail = net.detail { line += " (\(detail))" }
            lines.append(row("network", line))
            if let since = net.outageSince {
                lines.append(indent + w("status.network.outageSince", ["time": w.time(since)]))
            }
        }
        if let session = s.session {
            var values = [
                "elapsed": w.span(milliseconds: session.elapsedMs), "start": w.time(session.start),
                "idle": w.span(milliseconds: session.idleMs), "timeout": w.span(milliseconds: session.idleTimeoutMs),
            ]
            values["label"] = session.label ?? ""
            lines.append(row("session", w(session.label == nil ? "status.session" : "status.session.labelled", values)))
        } else {
            lines.append(row("session", w("status.session.none")))
        }
        if let fault = s.storageFault {
            lines.append(row("storage", paint.bad(w("status.fault")) + ": \(fault)"))
        }
        if let queue = s.queue {
            var line = w("status.queue", ["count": "\(queue.pendingRecords)"])
            if let oldest = queue.oldestPending {
                line += w("status.queue.oldest", ["age": w.span(milliseconds: KernelClock.wallMilliseconds() - oldest.wallMs)])
            }
            line += w("status.queue.lost", ["count": "\(queue.lostRecords)"])
            lines.append(row("queue", line))
        }
        for led in s.leds ?? [] {
            var line = led.name.padding(to: 10) + led.role.padding(to: 9) + w("pattern." + led.pattern)
            if led.mode != .normal { line += " (\(w("led.mode." + led.mode.rawValue)))" }
            if let fault = led.fault {
                line += "  " + paint.bad(w("status.fault")) + ": \(fault)"
                if let since = led.faultSince { line += " (" + w("status.since", ["time": w.time(since)]) + ")" }
            }
            lines.append(row("led", line))
            if let note = led.note { lines.append(Output.wrap(indent + w("status.led.note", ["note": note]), indent: 10)) }
        }
        return lines.joined(separator: "\n")
    }
}
