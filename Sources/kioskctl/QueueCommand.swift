import KioskCore

/// `kioskctl queue`: what waits to be published, what was dropped and why.
enum QueueCommand: KioskctlCommand {
    static let name = "queue"

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        let words = context.words
        guard arguments.isEmpty else { throw .usage(words("usage.noArguments", ["command": name])) }
        let stats = try stats(context)
        if context.json {
            Output.json(stats)
        } else {
            Output.line(render(stats, nowWallMs: KernelClock.wallMilliseconds(), words))
        }
    }

    /// From kioskd, or from the store itself while kioskd is down.
    static func stats(_ context: Context) throws(CommandFailure) -> QueueStats {
        do throws(CommandFailure) {
            return try context.call("queue", as: QueueStats.self)
        } catch {
            guard case .unreachable = error else { throw error }
            let store = try context.openStoreReadOnly()
            do throws(StoreError) {
                return try store.stats()
            } catch {
                throw .failed(context.words("records.unreadable", ["reason": "\(error)"]))
            }
        }
    }

    static func render(_ q: QueueStats, nowWallMs: Int64, _ words: Words) -> String {
        var lines = [words("queue.pending", ["records": "\(q.pendingRecords)", "bytes": "\(q.pendingBytes)"])]
        if let oldest = q.oldestPending {
            lines.append(words("queue.oldest", [
                "seq": "\(oldest.seq)", "type": oldest.type, "age": words.span(milliseconds: nowWallMs - oldest.wallMs),
            ]))
        }
        if let at = q.ackedAtWallMs {
            lines.append(words("queue.ackedAt", ["seq": "\(q.ackedSeq)", "time": words.time(milliseconds: at, now: nowWallMs)]))
        } else {
            lines.append(words("queue.acked", ["seq": "\(q.ackedSeq)"]))
        }
        lines.append(words("queue.stored", ["last": "\(q.lastSeq)", "durable": "\(q.durableSeq)"]))
        lines.append(words("queue.disk", ["segments": "\(q.segments)", "bytes": "\(q.diskBytes)", "max": "\(q.maxSize)"]))
        let drops = q.drops.filter { $0.count > 0 }
        if drops.isEmpty {
            lines.append(words("queue.droppedNone"))
        }
        for drop in drops {
            var line = words("queue.dropped", ["count": "\(drop.count)", "reason": words("queue.reason." + drop.reason.rawValue)])
            if !drop.reason.isLoss { line += words("queue.notALoss") }
            if let first = drop.firstSeq, let last = drop.lastSeq { line += words("queue.droppedSeqs", ["first": "\(first)", "last": "\(last)"]) }
            lines.append(line)
        }
        lines.append(words("queue.damaged", ["records": "\(q.corrupt.records)", "segments": "\(q.corrupt.segments)"]))
        return lines.joined(separator: "\n")
    }
}
