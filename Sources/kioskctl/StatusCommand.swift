import KioskCore

/// `kioskctl status`: what kioskd knows about itself now.
enum StatusCommand: KioskctlCommand {
    static let name = "status"

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        guard arguments.isEmpty else { throw .usage("status takes no arguments") }
        let status = try context.call("status", as: StatusReport.self)
        if context.json {
            Output.json(status)
            return
        }
        Output.line(render(status))
    }

    /// `not authorized (0x87) since …, 12 refusals; records stay queued from seq 41, next offer in 3s`
    static func refusalLine(_ refused: BrokerRefusal) -> String {
        var line = "\(refused.reason) (0x\(String(refused.reasonCode, radix: 16))) since \(refused.since), "
        line += "\(refused.count) refusal\(refused.count == 1 ? "" : "s"); records stay queued from seq \(refused.seq)"
        if let next = refused.nextRetryMs { line += ", next offer in \(Output.span(milliseconds: next))" }
        return line
    }

    static func render(_ s: StatusReport) -> String {
        let broker = s.broker
        var brokerLine = "\(broker.state.rawValue)  \(broker.host):\(broker.port)"
        if broker.tls { brokerLine += " (TLS)" }
        if let proto = broker.protocol, broker.state == .connected { brokerLine += "  MQTT \(proto)" }
        brokerLine += "  since \(broker.since)"
        var lines = [
            "kioskd \(s.version)  up \(Output.span(milliseconds: s.uptimeMs))  (pid \(s.pid), started \(s.started))",
            "device    \(s.device)",
            "site      \(s.site)",
            "config    \(s.configFile ?? "built-in defaults")",
            "clock     \(s.clock.rawValue)",
            "broker    \(brokerLine)",
        ]
        if broker.state != .connected, broker.failedAttempts > 0 {
            var retry = "          \(broker.failedAttempts) failed attempt\(broker.failedAttempts == 1 ? "" : "s")"
            if let next = broker.nextAttemptMs { retry += ", next in \(Output.span(milliseconds: next))" }
            lines.append(retry)
        }
        if let error = broker.lastError {
            lines.append("          last error: \(error)" + (broker.lastErrorAt.map { " (\($0))" } ?? ""))
        }
        if let refused = broker.refused {
            lines.append("refused   " + refusalLine(refused))
        }
        if let net = s.connectivity {
            var line = "network   \(net.state.rawValue)"
            if let cause = net.cause { line += "  first failing layer: \(cause.rawValue)" }
            if let detail = net.detail { line += " (\(detail))" }
            if let since = net.outageSince { line += "\n          outage since \(since)" }
            lines.append(line)
        }
        if let session = s.session {
            var line = "session   active \(Output.span(milliseconds: session.elapsedMs)) (since \(session.start))"
            if let label = session.label { line += ", label \(label)" }
            line += ", idle \(Output.span(milliseconds: session.idleMs)) of \(Output.span(milliseconds: session.idleTimeoutMs))"
            lines.append(line)
        } else {
            lines.append("session   none")
        }
        if let fault = s.storageFault {
            lines.append("storage   FAULT: \(fault)")
        }
        if let queue = s.queue {
            var line = "queue     \(queue.pendingRecords) record(s) waiting"
            if let oldest = queue.oldestPending {
                line += ", oldest \(Output.span(milliseconds: KernelClock.wallMilliseconds() - oldest.wallMs))"
            }
            line += "; \(queue.lostRecords) lost"
            lines.append(line)
        }
        for led in s.leds ?? [] {
            var line = "led       \(led.name.padding(to: 10))\(led.role.padding(to: 9))\(led.pattern)"
            if led.mode != .normal { line += " (\(led.mode.rawValue))" }
            if let fault = led.fault { line += "  FAULT: \(fault)" + (led.faultSince.map { " (since \($0))" } ?? "") }
            if let note = led.note { line += "\n          note: \(note)" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
