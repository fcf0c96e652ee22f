#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// `state.json`: what the store must remember that no segment holds — counters of drops and
/// damage, and a seq high-water mark so seqs never go back even if every segment vanished.
///
/// Replaced atomically (temporary file, fdatasync, rename, fsync of the folder), and only on
/// rare events: before a segment is deleted or rewritten (so counters, the high-water mark
/// and the unannounced drop ranges are on the medium before the records are gone), after
/// damage is found, once a drop's announcement is durable, and at close.
/// The acknowledged position is carried too, but mostly lives in `A` frames of the tail.
/// Unreadable content is not fatal: the store starts with fresh counters and recovers seq and
/// acknowledged position from the segments.
struct PersistedState: Codable, Equatable {
    static let fileName = "state.json"

    var format = 1
    var acknowledged = AcknowledgedPosition()
    /// Every seq up to this one may have been used.
    var highWaterSeq: UInt64 = 0
    var drops: [DropCounter] = []
    var corrupt = CorruptCounter()
    /// Losses whose `records-dropped` event is not durable yet (see `DropAnnouncements`);
    /// absent from files written before it existed, and when there is none.
    var unannouncedDrops: [DropReport]?

    /// The state at `path`, whether it had to be reset, and the file's size.
    static func load(path: String) -> (state: PersistedState, reset: Bool, size: UInt64) {
        let bytes: [UInt8]
        do {
            let file = try LocalFile(path: path)
            bytes = try file.readAll()
        } catch {
            return (PersistedState(), error.rawValue != ENOENT, 0)
        }
        guard let state = try? JSON.decoder().decode(PersistedState.self, from: Data(bytes)), state.format == 1 else {
            return (PersistedState(), true, UInt64(bytes.count))
        }
        return (state, false, UInt64(bytes.count))
    }

    func encoded() -> [UInt8] {
        // Encoding plain integers and strings cannot fail.
        (try? JSON.line(self)) ?? []
    }

    mutating func count(_ report: DropReport, atWallMs: Int64) {
        if let index = drops.firstIndex(where: { $0.reason == report.reason }) {
            drops[index].add(report, atWallMs: atWallMs)
        } else {
            var counter = DropCounter(reason: report.reason)
            counter.add(report, atWallMs: atWallMs)
            drops.append(counter)
            drops.sort { DropReason.allCases.firstIndex(of: $0.reason)! < DropReason.allCases.firstIndex(of: $1.reason)! }
        }
    }
}
