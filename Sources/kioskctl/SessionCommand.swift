import KioskCore

/// `kioskctl session start|activity|end`: what the kiosk UI calls as visitors come and go.
enum SessionCommand: KioskctlCommand {
    static let name = "session"

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        let words = context.words
        guard let action = arguments.first else { throw .usage(words("session.needsAction")) }
        var args: [String: JSONValue] = [:]
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst() {
            guard action == "start", argument == "--label", let label = rest.popFirst() else {
                throw .usage(words("args.unknown", ["argument": argument]))
            }
            args["label"] = .string(label)
        }
        let reply: SessionReply
        switch action {
        case "start", "activity", "end":
            reply = try context.call("session-\(action)", args: args.isEmpty ? nil : args, as: SessionReply.self)
        default:
            throw .usage(words("session.unknownAction", ["action": action]))
        }
        if context.json {
            Output.json(reply)
            return
        }
        var lines: [String] = []
        if let ended = reply.ended {
            lines.append(words("session.ended", [
                "id": ended.id, "span": words.span(milliseconds: ended.durationMs), "reason": reason(ended.endReason, words),
            ]))
        }
        if let session = reply.session {
            lines.append(words("session.active", ["id": session.id, "span": words.span(milliseconds: session.elapsedMs)])
                + (session.label.map { words("session.label", ["label": $0]) } ?? ""))
        } else if reply.ended == nil {
            lines.append(words("session.none"))
        }
        Output.line(lines.joined(separator: "\n"))
    }

    /// Why a session ended, in words (`user`, `idle`… in English, as in the records).
    static func reason(_ reason: SessionEndReason, _ words: Words) -> String {
        words("session.end." + reason.rawValue)
    }
}
