import KioskCore
import KioskMQTT
import Synchronization

/// The real `RecordStore` as the publisher's feed, the way kioskd connects them: durable
/// records only (`pending`), envelopes built at send time, the acknowledged position kept by
/// the store, refusals counted as `rejected` drops.
final class StoreRecordFeed: RecordFeed {
    let store: RecordStore
    let device: String
    let site: String
    private let rejectedSeqs = Mutex<[UInt64]>([])

    init(store: RecordStore, device: String, site: String) {
        self.store = store
        self.device = device
        self.site = site
    }

    var rejections: [UInt64] { rejectedSeqs.withLock { $0 } }

    func records(after seq: UInt64, limit: Int) -> [OutgoingRecord] {
        guard let pending = try? store.pending(after: seq, limit: limit) else { return [] }
        return pending.map { record in
            OutgoingRecord(
                seq: record.seq, topic: "kiosk/v1/\(site)/\(device)/\(record.type)",
                payload: record.envelopeJSON(device: device, site: site))
        }
    }

    var acknowledgedSeq: UInt64 { store.acknowledgedSeq }

    func acknowledge(through seq: UInt64) {
        store.acknowledge(through: seq)
    }

    func rejected(seq: UInt64, reasonCode: Int, reason: String) {
        store.recordRejected(seq: seq)
        rejectedSeqs.withLock { $0.append(seq) }
    }
}
