/// Where the publisher takes records from; implemented by the daemon over `RecordStore`.
///
/// The publisher calls it on the broker client's network thread only, so an implementation
/// needs to be thread-safe against the daemon's own threads (appends, syncs), not against
/// concurrent calls from the publisher. Every method should return quickly: the network thread
/// serves the connection's keepalive between calls.
public protocol RecordFeed: Sendable {
    /// Up to `limit` records with seq > `seq` that are durable, in seq order, ready to send.
    ///
    /// Seqs may skip (records dropped by the size cap, set aside as corrupt): the publisher only
    /// relies on them increasing. Asked for at most `BrokerSettings.publishWindow` at a time.
    func records(after seq: UInt64, limit: Int) -> [OutgoingRecord]

    /// The highest seq the broker acknowledged contiguously (persisted by the store). The
    /// publisher resumes after it on every (re)connect, so unacknowledged records are resent.
    var acknowledgedSeq: UInt64 { get }

    /// Every record up to and including `seq` is acknowledged (PUBACK), contiguously.
    func acknowledge(through seq: UInt64)

    /// This record can never be sent: counted, set aside, and it counts as handled for the
    /// contiguous position (the queue must not block on it). Called for a record larger than
    /// the broker's maximum packet size (0x95) or with a topic that is not a valid MQTT topic
    /// name (0x90), whether the broker's PUBACK said so or libmosquitto refused to send it.
    ///
    /// Never for other refusals (0x87 not authorized, 0x97 quota exceeded…): the publisher
    /// keeps those records and offers them again.
    func rejected(seq: UInt64, reasonCode: Int, reason: String)
}

/// One record as it goes on the wire: its seq (for ordering and acknowledgement), its topic and
/// the complete payload (the envelope JSON), built by the feed.
public struct OutgoingRecord: Sendable, Equatable {
    public var seq: UInt64
    public var topic: String
    public var payload: [UInt8]

    public init(seq: UInt64, topic: String, payload: [UInt8]) {
        self.seq = seq
        self.topic = topic
        self.payload = payload
    }
}
