import KioskCore

/// `kioskctl queue`: what waits to be published, what was dropped and why.
enum QueueCommand: KioskctlCommand {
    static let name = "queue"

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        guard arguments.isEmpty else { throw .usage("queue takes no arguments") }
        let stats = try stats(context)
        if context.json {
            Output.json(stats)
        } else {
            Output.line(render(stats, nowWallMs: KernelClock.wallMilliseconds()))
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
                throw .failed("cannot read the record store: \(error)")
            }
        }
    }

    static func render(_ q: QueueStats, nowWallMs: Int64) -> String {
        var lines = ["pending   \(q.pendingRecords) record(s), \(q.pendingBytes) bytes"]
        if let oldest = q.oldestPending {
            lines.append("oldest    seq \(oldest.seq) (\(oldest.type)), \(Output.span(milliseconds: nowWallMs - oldest.wallMs)) old")
        }
        var acked = "acked     up to seq \(q.ackedSeq)"
        if let at = q.ackedAtWallMs { acked += " at \(KernelClock.rfc3339(milliseconds: at))" }
        lines.append(acked)
        lines.append("stored    seq \(q.lastSeq) newest, \(q.durableSeq) durable; \(q.segments) segment(s), \(q.diskBytes) of \(q.maxSize) bytes")
        let drops = q.drops.filter { $0.count > 0 }
        if drops.isEmpty {
            lines.append("dropped   none")
        } else {
            for drop in drops {
                var line = "dropped   \(drop.count) \(drop.reason.rawValue)" + (drop.reason.isLoss ? "" : " (history, not a loss)")
                if let first = drop.firstSeq, let last = drop.lastSeq { line += ", seq \(first)-\(last)" }
                lines.append(line)
            }
        }
        lines.append("damaged   \(q.corrupt.records) record(s), \(q.corrupt.segments) segment header(s) set aside")
        return lines.joined(separator: "\n")
    }
}
