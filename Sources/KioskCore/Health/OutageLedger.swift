#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The outage ledger: the open outage, and finished outages not yet handed to the store, in
/// one small file (`outages.json`) inside the folder kioskd gives it.
///
/// Guarantees:
/// - Every change that matters (an outage starting, resuming after a restart, changing state,
///   ending) is on the medium before the call returns: the file is replaced atomically
///   (temporary file, fdatasync, rename, fsync of the folder), so a power cut leaves the old
///   or the new ledger, never a mix.
/// - The last-alive time is rewritten at most once per `heartbeatPersistInterval` (30 s by
///   default), so a power cut's outage end is known to within that interval plus one round,
///   and the SD card sees one small write per interval only while an outage is open.
/// - A damaged file (truncated, not JSON, an unknown format, figures that cannot be) never
///   stops kioskd: it is set aside as `outages.json.corrupt`, counted in `damagedFiles`, and
///   described in `lastProblem`; the ledger starts empty. A write that fails is counted in
///   `failedWrites`, kept in memory, and retried at the next heartbeat.
///
/// Not Sendable: it belongs to the daemon's health thread, like the tracker that drives it.
public final class OutageLedger {
    public static let fileName = "outages.json"
    /// How many finished outages are kept while waiting for `markPublished`; older ones go.
    public static let unpublishedLimit = 16

    public let path: String
    /// The outage in progress, if any.
    public private(set) var open: OpenOutage?
    /// Finished outages, oldest first, that the daemon has not confirmed with `markPublished`:
    /// after a power cut between an outage's end and its record reaching the store, these are
    /// the records to append at start.
    public private(set) var unpublished: [OutageRecord]
    /// Damaged ledger files set aside since this ledger was opened (0 or 1).
    public private(set) var damagedFiles = 0
    /// Writes that failed since this ledger was opened.
    public private(set) var failedWrites = 0
    /// The latest problem, in a technician's words; nil when there was none.
    public private(set) var lastProblem: String?

    private let directory: StoreFile
    private let heartbeatPersistMs: Int64
    /// False while an outage found on disk has not been seen again by this run: until then
    /// its last-alive time is that of the previous run, which may be the outage's end.
    private var resumed: Bool
    /// The last-alive round last written, and whether memory is ahead of the file.
    private var persistedAlive: ClockReading?
    private var dirty = false

    /// Opens (creating the folder when needed) and reads the ledger in `directory`.
    /// Throws only when the folder cannot be created or opened; a bad file is not an error.
    public init(directory: String, heartbeatPersistInterval: Duration = .seconds(30)) throws(StoreError) {
        try StoreFiles.makeDirectory(directory)
        self.directory = try StoreFile.openDirectory(directory)
        path = directory + "/" + Self.fileName
        heartbeatPersistMs = max(0, heartbeatPersistInterval.inMilliseconds)
        let loaded = Self.load(path)
        open = loaded.file.open
        unpublished = loaded.file.unpublished
        resumed = open == nil
        persistedAlive = open?.lastAlive
        if let problem = loaded.problem {
            lastProblem = problem
            if loaded.damaged {
                damagedFiles = 1
                try? StoreFiles.rename(path, to: path + ".corrupt")
            }
        }
    }

    /// Called each round while an outage is open: kioskd is alive now. Cheap; writes at most
    /// once per heartbeat interval. Ignored when no outage is open, and while an outage found
    /// on disk has not been seen again by this run (its last-alive time may be its end).
    /// `ConnectivityTracker.observe` already calls this; calling it too does no harm.
    public func heartbeat(monoMs: Int64, wallMs: Int64, boot: String, clock: ClockState = KernelClock.state()) {
        heartbeat(at: ClockReading(boot: boot, monoMs: monoMs, wallMs: wallMs, clock: clock))
    }

    /// Writes a last-alive time that is still only in memory: for a clean stop.
    public func flush() {
        if dirty { persist() }
    }

    /// The daemon has appended `record` to the record store: forget it.
    public func markPublished(_ record: OutageRecord) {
        guard let index = unpublished.firstIndex(of: record) else { return }
        unpublished.remove(at: index)
        persist()
    }

    // MARK: Driven by ConnectivityTracker

    func heartbeat(at moment: ClockReading) {
        guard var outage = open, resumed, moment.boot == outage.lastAliveBoot else { return }
        outage.alive(at: moment)
        open = outage
        dirty = true
        if let last = persistedAlive, last.boot == moment.boot, moment.monoMs - last.monoMs < heartbeatPersistMs {
            return
        }
        persist()
    }

    func begin(_ outage: OpenOutage) {
        open = outage
        resumed = true
        persist()
    }

    /// This run has seen the outage found on disk again, first at `first`.
    func resume(at first: ClockReading) {
        guard var outage = open, !resumed else { return }
        outage.resume(at: first)
        open = outage
        resumed = true
        persist()
    }

    func note(state: ConnectivityState, cause: HealthLayer?) {
        guard var outage = open, outage.state != state || outage.latestCause != cause else { return }
        outage.state = state
        outage.latestCause = cause
        open = outage
        persist()
    }

    /// Ends the open outage at `end`, or at its last-alive round when `end` is nil.
    func end(at end: ClockReading?) -> OutageRecord? {
        guard let outage = open else { return nil }
        let record = outage.closed(at: end ?? outage.lastAlive)
        open = nil
        resumed = true
        unpublished.append(record)
        if unpublished.count > Self.unpublishedLimit { unpublished.removeFirst(unpublished.count - Self.unpublishedLimit) }
        persist()
        return record
    }

    // MARK: The file

    struct File: Codable, Equatable {
        var format = 1
        var open: OpenOutage?
        var unpublished: [OutageRecord] = []
    }

    private func persist() {
        let file = File(open: open, unpublished: unpublished)
        do {
            try StoreFiles.replaceAtomically(path, with: try JSON.line(file), directory: directory)
            persistedAlive = open?.lastAlive
            dirty = false
        } catch {
            failedWrites += 1
            lastProblem = "cannot write the outage ledger: \(error)"
            dirty = true
        }
    }

    /// The ledger at `path`; a missing file is an empty ledger, anything unusable is a problem.
    static func load(_ path: String) -> (file: File, problem: String?, damaged: Bool) {
        let bytes: [UInt8]
        do {
            bytes = try LocalFile(path: path).readAll()
        } catch {
            if error.rawValue == ENOENT { return (File(), nil, false) }
            return (File(), "cannot read \(path): \(error); starting with an empty outage ledger", false)
        }
        let why: String
        do {
            let file = try JSON.decoder().decode(File.self, from: Data(bytes))
            if file.format != 1 {
                why = "format \(file.format) is not one this kioskd reads"
            } else if let open = file.open, !open.isConsistent {
                why = "its open outage has impossible figures"
            } else {
                return (file, nil, false)
            }
        } catch {
            why = bytes.isEmpty ? "it is empty" : "it is truncated or not JSON (\(bytes.count) bytes)"
        }
        return (
            File(),
            "\(path) is damaged: \(why); set aside as \(fileName).corrupt, starting with an empty outage ledger "
                + "(an outage open before the damage will be recorded as a new one)",
            true
        )
    }
}
