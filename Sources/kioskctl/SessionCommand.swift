import KioskCore

/// `kioskctl session start|activity|end`: what the kiosk UI calls as visitors come and go.
enum SessionCommand: KioskctlCommand {
    static let name = "session"

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        guard let action = arguments.first else { throw .usage("session needs start, activity or end") }
        var args: [String: JSONValue] = [:]
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst() {
            guard action == "start", argument == "--label", let label = rest.popFirst() else {
                throw .usage("unknown argument \(argument)")
            }
            args["label"] = .string(label)
        }
        let reply: SessionReply
        switch action {
        case "start", "activity", "end":
            reply = try context.call("session-\(action)", args: args.isEmpty ? nil : args, as: SessionReply.self)
        default:
            throw .usage("unknown session action \(action): use start, activity or end")
        }
        if context.json {
            Output.json(reply)
            return
        }
        var lines: [String] = []
        if let ended = reply.ended {
            lines.append("ended session \(ended.id): \(Output.span(milliseconds: ended.durationMs)) (\(ended.endReason.rawValue))")
        }
        if let session = reply.session {
            lines.append("session \(session.id) active \(Output.span(milliseconds: session.elapsedMs))" + (session.label.map { ", label \($0)" } ?? ""))
        } else if reply.ended == nil {
            lines.append("no session was going on")
        }
        Output.line(lines.joined(separator: "\n"))
    }
}
