#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KioskCore
import KioskMQTT
import Synchronization

/// The publisher's view of the record store: durable records as topic and envelope bytes.
///
/// Envelopes are built at send time, so a record stamped while the clock was unsynced goes out
/// re-anchored on the synced clock (`clock: corrected`) once this boot has synced, and a kiosk
/// renamed by a reload publishes its backlog under its new name.
///
/// In KioskOutbox, below the daemon, so the fleet simulator (`kiosk-fleet-sim`) and the MQTT
/// tests publish through this very code.
public final class StoreFeed: RecordFeed {
    /// nil until the store opens (a storage fault at start is retried).
    private let store = Mutex<RecordStore?>(nil)
    private let identity: Mutex<Identity>
    private let log = Logger("publisher")

    struct Identity: Sendable {
        var device: String
        var site: String
        var topicPrefix: String
        /// Set once this boot's clock is synced.
        var anchor: ClockAnchor?
    }

    public init(config: Config) {
        identity = Mutex(Identity(device: config.device.id, site: config.device.site, topicPrefix: config.mqtt.topicPrefix))
    }

    public func update(config: Config) {
        identity.withLock {
            $0.device = config.device.id
            $0.site = config.device.site
            $0.topicPrefix = config.mqtt.topicPrefix
        }
    }

    public func attach(_ store: RecordStore?) {
        self.store.withLock { $0 = store }
    }

    /// What a `status` message carries: the seq of the newest durable record, one a consumer
    /// holds or will receive. The newest appended one may still be taken back by a power cut
    /// and given to another record.
    public var statusSeq: UInt64 { store.withLock { $0 }?.durableSeq ?? 0 }

    /// The retained `status` message and the Last Will: this kiosk's presence under its current
    /// name, with the seq of the newest durable record when it was made.
    public func presence(_ state: PresenceData.State, reason: String?, startedWallMs: Int64) -> [UInt8] {
        let id = identity.withLock { $0 }
        let data = PresenceData(
            state: state, reason: reason, version: KioskAgent.version, boot: KernelClock.bootID,
            started: KernelClock.rfc3339(milliseconds: startedWallMs))
        let envelope = Envelope(device: id.device, site: id.site, type: "status", seq: statusSeq, data: data)
        return (try? JSON.line(envelope)) ?? []
    }

    public func clockSynced(_ anchor: ClockAnchor) {
        identity.withLock { $0.anchor = anchor }
    }

    public func records(after seq: UInt64, limit: Int) -> [OutgoingRecord] {
        guard let store = store.withLock({ $0 }) else { return [] }
        let pending: [StoredRecord]
        do throws(StoreError) {
            pending = try store.pending(after: seq, limit: limit)
        } catch {
            log.error("cannot read the record store", ["error": "\(error)"])
            return []
        }
        let id = identity.withLock { $0 }
        return pending.map { record in
            OutgoingRecord(
                seq: record.seq, topic: "\(id.topicPrefix)/\(id.site)/\(id.device)/\(record.type)",
                payload: record.envelopeJSON(device: id.device, site: id.site, anchor: id.anchor))
        }
    }

    public var acknowledgedSeq: UInt64 { store.withLock { $0 }?.acknowledgedSeq ?? 0 }

    public func acknowledge(through seq: UInt64) { store.withLock { $0 }?.acknowledge(through: seq) }

    public func rejected(seq: UInt64, reasonCode: Int, reason: String) {
        guard let store = store.withLock({ $0 }) else { return }
        let announcement = Self.isDropAnnouncement(store, seq: seq)
        store.recordRejected(seq: seq, announce: !announcement)
        // The publisher warns once per distinct reason; each record is only worth a debug line.
        log.debug("record can never be sent; set aside", [
            "seq": "\(seq)", "reason": reason, "code": "\(reasonCode)", "announced": announcement ? "no" : "yes",
        ])
    }

    /// Whether the record at `seq` is a `records-dropped` event: its own loss is counted but
    /// never announced, or a set-aside announcement would announce itself without end.
    static func isDropAnnouncement(_ store: RecordStore, seq: UInt64) -> Bool {
        guard seq > 0, let record = try? store.pending(after: seq - 1, limit: 1).first, record.seq == seq,
              record.type == "event" else { return false }
        struct Kind: Decodable { var kind: String }
        return (try? JSON.decoder().decode(Kind.self, from: Data(record.data)))?.kind == "records-dropped"
    }
}
