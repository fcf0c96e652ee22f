/// Drop reports on their way to the `records-dropped` events that announce them.
///
/// A loss must never go unannounced, whatever stops kioskd: a report stays `unannounced`
/// (and is written into `state.json` with every state write, the one that precedes a
/// segment's delete included) until the record announcing it is durable. After a restart
/// the unannounced reports are handed to the daemon again, so a kill or power cut between a
/// drop and its event at worst announces a drop twice, never not at all.
struct DropAnnouncements {
    /// Not yet handed to the daemon by this process.
    private(set) var waiting: [DropReport] = []
    /// Every report whose announcement is not durable yet: what `state.json` carries.
    private(set) var unannounced: [DropReport] = []
    /// Handed out and announced in the record with this seq, not durable yet.
    private var announcedIn: [(report: DropReport, seq: UInt64)] = []
    /// More unannounced reports than this are merged (oldest first, same reason) into one
    /// covering range, so a flood of small drops cannot grow the state file without bound.
    static let limit = 64

    init(restoring reports: [DropReport] = []) {
        waiting = reports
        unannounced = reports
    }

    mutating func append(_ report: DropReport) {
        waiting.append(report)
        unannounced.append(report)
        guard unannounced.count > Self.limit,
            let second = unannounced.indices.dropFirst().first(where: { unannounced[$0].reason == unannounced[0].reason })
        else { return }
        let old = unannounced.remove(at: second)
        unannounced[0].count += old.count
        unannounced[0].bytes += old.bytes
        unannounced[0].firstSeq = min(unannounced[0].firstSeq, old.firstSeq)
        unannounced[0].lastSeq = max(unannounced[0].lastSeq, old.lastSeq)
    }

    /// The reports not handed out yet, oldest first.
    mutating func take() -> [DropReport] {
        defer { waiting = [] }
        return waiting
    }

    /// `reports` are announced by the record with `seq`; forgotten once it is durable.
    mutating func announced(_ reports: [DropReport], inRecord seq: UInt64) {
        for report in reports where unannounced.contains(report) { announcedIn.append((report, seq)) }
    }

    /// Forgets the reports whose announcement is durable now; true when one was (the state
    /// file then has to be written again).
    mutating func settle(durableSeq: UInt64) -> Bool {
        let done = announcedIn.filter { $0.seq <= durableSeq }
        guard !done.isEmpty else { return false }
        announcedIn.removeAll { $0.seq <= durableSeq }
        for entry in done {
            if let index = unannounced.firstIndex(of: entry.report) { unannounced.remove(at: index) }
        }
        return true
    }
}
