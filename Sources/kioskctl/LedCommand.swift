import KioskCore

/// `kioskctl led test`, `kioskctl led identify [--seconds N]` and `kioskctl led card`: for the
/// technician in front of the kiosk, after wiring, to find one kiosk among many, or to print
/// what the LEDs mean.
enum LedCommand: KioskctlCommand {
    static let name = "led"

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        let words = context.words
        switch arguments.first {
        case "test":
            guard arguments.count == 1 else { throw .usage(words("usage.noArguments", ["command": "led test"])) }
            let reply = try context.call("led-test", as: LEDCommandReply.self)
            if context.json { return Output.json(reply) }
            let step = words.span(milliseconds: reply.milliseconds)
            var lines = [words("led.testing", ["step": step])]
            for (index, led) in reply.leds.enumerated() {
                lines.append("  \(index + 1). \(led.name.padding(to: 12))\(led.role.padding(to: 9))\(led.driver)"
                    + (led.fault.map { "  " + words("led.testFault", ["fault": $0]) } ?? ""))
            }
            let total = words.span(milliseconds: reply.milliseconds * Int64(reply.leds.count + 1))
            lines.append(words("led.testEnd", ["step": step, "total": total]))
            Output.line(lines.joined(separator: "\n"))
        case "identify":
            var args: [String: JSONValue] = [:]
            var rest = arguments.dropFirst()
            while let option = rest.popFirst() {
                guard option == "--seconds" else { throw .usage(words("usage.unknownOption", ["option": option])) }
                guard let text = rest.popFirst(), let seconds = Int(text), (0...3600).contains(seconds) else {
                    throw .usage(words("led.needsSeconds"))
                }
                args["seconds"] = .number(Double(seconds))
            }
            let reply = try context.call("led-identify", args: args, as: LEDCommandReply.self)
            if context.json { return Output.json(reply) }
            if reply.milliseconds == 0 {
                Output.line(words("led.identifyEnded"))
            } else {
                Output.line(words("led.identifying", ["count": "\(reply.leds.count)", "span": words.span(milliseconds: reply.milliseconds)]))
            }
        case "card":
            guard arguments.count == 1 else { throw .usage(words("usage.noArguments", ["command": "led card"])) }
            guard !context.json else { throw .usage(words("led.cardNoJSON")) }
            Output.line(LEDCard(words: words).svg())
        case nil:
            throw .usage(words("led.needsSubcommand"))
        case let other?:
            throw .usage(words("led.unknownSubcommand", ["name": other]))
        }
    }
}
