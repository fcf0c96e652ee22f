import CMosquitto
import KioskCore

/// The at-least-once publisher: the feed's records, QoS 1, in seq order, over the connection of
/// the moment, never more than the window unacknowledged.
///
/// Guarantees:
/// - It sends only between `begin` and `stopSending`/`end`. `ConnectionLoop` calls `begin` once
///   the connection's retained `online` has been handed to libmosquitto, so on every connection
///   the current status goes first and the backlog follows, on the same socket, in order.
/// - Every `begin` resumes after the feed's `acknowledgedSeq`: what an earlier connection sent
///   and never saw acknowledged goes again with the same seq (at least once, never skipped).
/// - The feed hears `acknowledge(through:)` only for records the broker acknowledged or refused,
///   contiguously from the oldest one in flight: never because of a timeout or a disconnect.
/// - Memory is the window: at most `capacity` records inside libmosquitto, and the feed is never
///   asked for more records than there are free slots.
///
/// Network thread only, like the `ConnectionLoop` that owns it; no locks.
final class RecordPublisher {
    private enum Phase {
        /// No connection ready for records.
        case idle
        case sending
        /// The connection is about to close (stop, reconfigure): PUBACKs still count, nothing
        /// new is sent.
        case draining
    }

    private let feed: any RecordFeed
    private let log: Logger
    private var window: InFlightWindow
    private var phase = Phase.idle
    /// Set by a clean stop: a connection completed afterwards sends no records either.
    private var halted = false
    /// The seq of the last record handed to libmosquitto on this connection.
    private var lastHanded: UInt64 = 0
    /// The highest seq handed over since the client started: a record at or below it is a resend.
    private var highestHanded: UInt64 = 0
    /// A record was acknowledged since the last `reportSettled`.
    private var acknowledgedSinceReport = false
    /// Refusals are logged above debug level once per reason code, not once per record.
    private var loggedRefusals: Set<Int32> = []
    /// What `status` shows; read by the loop after every turn.
    private(set) var progress: PublishingProgress

    init(feed: any RecordFeed, window capacity: Int, log: Logger) {
        self.feed = feed
        self.log = log
        window = InFlightWindow(capacity: capacity)
        progress = PublishingProgress(window: capacity)
    }

    /// Whether records handed over on this connection still wait for their PUBACK.
    var hasUnsettled: Bool { !window.isEmpty }

    /// The connection is up and its status went first: resume after the acknowledged position.
    func begin(window capacity: Int) {
        window = InFlightWindow(capacity: capacity)
        lastHanded = feed.acknowledgedSeq
        phase = halted ? .draining : .sending
        progress.window = capacity
        progress.inFlight = 0
    }

    /// Sends nothing more on this connection (a clean stop when `permanently`, or a
    /// reconfiguration); PUBACKs of what is in flight still count.
    func stopSending(permanently: Bool = false) {
        halted = halted || permanently
        if phase == .sending { phase = .draining }
    }

    /// The connection is gone (or replaced): what settled is reported, the rest is forgotten,
    /// to be sent again from the feed's acknowledged position on the next connection.
    func end() {
        reportSettled()
        if !window.isEmpty {
            window = InFlightWindow(capacity: window.capacity)
        }
        phase = .idle
        progress.inFlight = 0
    }

    /// A PUBACK: true when `mid` was a record's (then it is settled, accepted or refused).
    func settle(mid: Int32, reasonCode: Int32) -> Bool {
        guard let (seq, topic) = window.settle(mid: mid) else { return false }
        if let refusal = RecordRefusal(pubackReasonCode: reasonCode) {
            refused(seq: seq, topic: topic, refusal)
        } else {
            progress.published += 1
            acknowledgedSinceReport = true
        }
        return true
    }

    /// Tells the feed how far the settled records now reach without a gap. Once per turn of the
    /// loop: a batch of PUBACKs costs one `acknowledge(through:)`.
    func reportSettled() {
        if let through = window.popSettled() {
            feed.acknowledge(through: through)
        }
        progress.inFlight = window.count
        if acknowledgedSinceReport {
            acknowledgedSinceReport = false
            progress.lastAckWallMs = KernelClock.wallMilliseconds()
        }
    }

    /// Fills the window from the feed, in seq order. Returns at once when not sending, when
    /// the window is full or the feed has nothing more; it never waits.
    func send(over connection: BrokerConnection) {
        while phase == .sending {
            reportSettled()  // records refused before sending free their slots at once
            let free = window.freeSlots
            guard free > 0 else { return }
            let batch = feed.records(after: lastHanded, limit: free)
            var handed = 0
            for record in batch.prefix(free) where record.seq > lastHanded {
                guard hand(record, to: connection) else { return }
                handed += 1
            }
            // Fewer than asked: the feed has nothing more. None usable (seqs not above the
            // last one handed over, a feed's bug): never spin on it.
            if batch.count < free || handed == 0 { return }
        }
    }

    /// Hands one record to libmosquitto; false when the connection cannot take records now.
    private func hand(_ record: OutgoingRecord, to connection: BrokerConnection) -> Bool {
        do {
            let mid = try connection.publish(record.topic, payload: record.payload, qos: 1, retain: false)
            window.append(seq: record.seq, topic: record.topic, mid: mid)
        } catch {
            if let refusal = RecordRefusal(publishError: error) {
                window.append(seq: record.seq, topic: record.topic, mid: nil)
                refused(seq: record.seq, topic: record.topic, refusal)
            } else {
                if error.is(MOSQ_ERR_QOS_NOT_SUPPORTED) {
                    // An MQTT 5 broker that allows QoS 0 only: at-least-once is impossible there,
                    // so records stay in the store rather than go out unacknowledged.
                    log.warning("broker does not accept QoS 1; records stay queued until it does")
                    phase = .draining
                } else {
                    // The connection is failing; the loop notices in its next turn.
                    log.debug("record not handed to libmosquitto", ["seq": String(record.seq), "reason": error.summary])
                }
                return false
            }
        }
        if record.seq <= highestHanded {
            progress.resent += 1
        } else {
            highestHanded = record.seq
        }
        lastHanded = record.seq
        return true
    }

    private func refused(seq: UInt64, topic: String, _ refusal: RecordRefusal) {
        progress.rejected += 1
        progress.lastRejection = "seq \(seq) on \(topic): \(refusal.reason)"
        let metadata: KeyValuePairs<String, String> = [
            "seq": String(seq), "topic": topic, "reason": refusal.reason,
            "code": "0x" + String(refusal.reasonCode, radix: 16),
        ]
        if loggedRefusals.insert(refusal.reasonCode).inserted {
            log.warning("broker refused a record; set aside, the queue goes on", metadata)
        } else {
            log.debug("broker refused a record; set aside", metadata)
        }
        feed.rejected(seq: seq, reasonCode: Int(refusal.reasonCode), reason: refusal.reason)
    }
}

/// The publisher's counters as `BrokerStatus` shows them (since the client started).
struct PublishingProgress: Equatable, Sendable {
    var window: Int
    var inFlight = 0
    var published: UInt64 = 0
    var resent: UInt64 = 0
    var rejected: UInt64 = 0
    var lastRejection: String?
    /// Wall time of the latest PUBACK success, ms; formatted only when `status` is read.
    var lastAckWallMs: Int64?
}
