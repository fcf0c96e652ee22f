import KioskCore

/// `kioskctl led test` and `kioskctl led identify [--seconds N]`: for the technician in front
/// of the kiosk, after wiring or to find one kiosk among many.
enum LedCommand: KioskctlCommand {
    static let name = "led"

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        switch arguments.first {
        case "test":
            guard arguments.count == 1 else { throw .usage("led test takes no arguments") }
            let reply = try context.call("led-test", as: LEDCommandReply.self)
            if context.json { return Output.json(reply) }
            let step = Output.span(milliseconds: reply.milliseconds)
            var lines = ["lighting each LED for \(step), in this order:"]
            for (index, led) in reply.leds.enumerated() {
                lines.append("  \(index + 1). \(led.name.padding(to: 12))\(led.role.padding(to: 9))\(led.driver)" + (led.fault.map { "  FAULT: \($0)" } ?? ""))
            }
            lines.append("then all dark for \(step); normal patterns after \(Output.span(milliseconds: reply.milliseconds * Int64(reply.leds.count + 1)))")
            Output.line(lines.joined(separator: "\n"))
        case "identify":
            var args: [String: JSONValue] = [:]
            var rest = arguments.dropFirst()
            while let option = rest.popFirst() {
                guard option == "--seconds" else { throw .usage("unknown option \(option)") }
                guard let text = rest.popFirst(), let seconds = Int(text), (0...3600).contains(seconds) else {
                    throw .usage("--seconds needs a whole number from 0 to 3600")
                }
                args["seconds"] = .number(Double(seconds))
            }
            let reply = try context.call("led-identify", args: args, as: LEDCommandReply.self)
            if context.json { return Output.json(reply) }
            if reply.milliseconds == 0 {
                Output.line("identify ended; the LEDs show their normal patterns")
            } else {
                Output.line("all \(reply.leds.count) LED(s) blink together for \(Output.span(milliseconds: reply.milliseconds))")
            }
        case nil:
            throw .usage("led needs a subcommand: test or identify")
        case let other?:
            throw .usage("unknown subcommand \"\(other)\"")
        }
    }
}
