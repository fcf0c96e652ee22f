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
/// - The feed hears `acknowledge(through:)` only for records the broker acknowledged, or that can
///   never be sent (set aside), contiguously from the oldest one in flight: never because of a
///   timeout, a disconnect or a refusal that may pass.
/// - A refusal that may pass (0x87 not authorized, 0x97 quota exceeded, … : `RecordRefusal`)
///   keeps the record: the position stays before it, nothing new is sent, and after a backoff
///   the refused record alone is offered again; once the broker takes it, the queue goes on
///   from there in seq order. `progress.refusal` shows it meanwhile.
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
    /// Set-asides are logged above debug level once per reason code, not once per record.
    private var loggedRefusals: Set<Int32> = []
    /// The broker refuses records and they are kept: the refusal being waited out.
    private var hold: Hold?
    /// Between offers of a refused record: full jitter from `reconnect_min` to `reconnect_max`.
    private var retryBackoff: ReconnectBackoff
    /// What `status` shows; read by the loop after every turn.
    private(set) var progress: PublishingProgress

    /// A refusal being waited out.
    private struct Hold {
        var refusal: RecordRefusal
        /// The refused record nearest the head of the queue, and its topic.
        var seq: UInt64
        var topic: String
        var sinceWallMs: Int64
        var count: UInt64 = 1
        /// When the refused record is next offered (monotonic ms); nil while an offer is out.
        var retryAt: Int64?
    }

    init(feed: any RecordFeed, window capacity: Int, retryMinimum: Duration = .seconds(1),
         retryMaximum: Duration = .seconds(300), log: Logger) {
        self.feed = feed
        self.log = log
        window = InFlightWindow(capacity: capacity)
        progress = PublishingProgress(window: capacity)
        retryBackoff = Self.backoff(retryMinimum, retryMaximum)
    }

    private static func backoff(_ minimum: Duration, _ maximum: Duration) -> ReconnectBackoff {
        ReconnectBackoff(minimum: minimum, maximum: maximum, floor: max(minimum, .milliseconds(100)))
    }

    /// New `reconnect_min`/`reconnect_max` (a reload): the next wait between offers uses them.
    func setRetry(minimum: Duration, maximum: Duration) {
        retryBackoff = Self.backoff(minimum, maximum)
    }

    /// Whether records handed over on this connection still wait for their PUBACK (a refused
    /// record that is kept waits for nothing: it is offered again on a later turn).
    var hasUnsettled: Bool { window.awaitsAcknowledgement }

    /// Milliseconds until a refused record is due to be offered again, nil when none is: the
    /// loop's poll waits no longer than that.
    var millisecondsUntilRetry: Int64? {
        guard let at = hold?.retryAt else { return nil }
        return max(0, at - KernelClock.monotonicMilliseconds())
    }

    /// The connection is up and its status went first: resume after the acknowledged position.
    /// A refusal being waited out is tried again at once: the new connection may be allowed.
    func begin(window capacity: Int) {
        window = InFlightWindow(capacity: capacity)
        lastHanded = feed.acknowledgedSeq
        phase = halted ? .draining : .sending
        progress.window = capacity
        progress.inFlight = 0
        if hold != nil { hold?.retryAt = KernelClock.monotonicMilliseconds() }
        showHold()
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

    /// A PUBACK: true when `mid` was a record's (then it is settled, or held when the broker
    /// refused it for a reason that may pass).
    func settle(mid: Int32, reasonCode: Int32) -> Bool {
        if let refusal = RecordRefusal(pubackReasonCode: reasonCode), !refusal.canNeverBeSent {
            guard let (seq, topic) = window.hold(mid: mid) else { return false }
            kept(seq: seq, topic: topic, refusal)
            return true
        }
        guard let (seq, topic) = window.settle(mid: mid) else { return false }
        if let refusal = RecordRefusal(pubackReasonCode: reasonCode) {
            refused(seq: seq, topic: topic, refusal)
        } else {
            progress.published += 1
            acknowledgedSinceReport = true
            // The answer to an offer of the refused record (or of the one now at the head, if
            // the store dropped it meanwhile): the broker takes records again.
            if let hold, hold.retryAt == nil, seq >= hold.seq { accepted(hold) }
        }
        offerNextIfSetAside()
        return true
    }

    /// An offer that ended set aside (it can never be sent) answers nothing about the
    /// refusal: the next record at the head is offered on the next turn.
    private func offerNextIfSetAside() {
        if hold?.retryAt == nil, hold != nil, !window.awaitsAcknowledgement {
            hold?.retryAt = KernelClock.monotonicMilliseconds()
        }
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
    /// the window is full or the feed has nothing more; it never waits. While the broker
    /// refuses records, it only offers the refused record again when its backoff is over.
    func send(over connection: BrokerConnection) {
        if hold != nil {
            offerAgain(over: connection)
            return
        }
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

    /// When the backoff is over and nothing else waits for a PUBACK: forgets the window (the
    /// records behind the refused one go again, at least once) and offers the record at the
    /// head of the queue alone, so a broker that still refuses answers one PUBACK, not a window.
    private func offerAgain(over connection: BrokerConnection) {
        guard phase == .sending, var hold, let at = hold.retryAt else { return }
        guard KernelClock.monotonicMilliseconds() >= at, !window.awaitsAcknowledgement else { return }
        window = InFlightWindow(capacity: window.capacity)
        progress.inFlight = 0
        lastHanded = feed.acknowledgedSeq
        guard let head = feed.records(after: lastHanded, limit: 1).first, head.seq > lastHanded else {
            // Nothing left to offer (the size cap took the refused records): nothing is refused.
            accepted(hold)
            return
        }
        hold.retryAt = nil
        self.hold = hold
        if hand(head, to: connection) {
            offerNextIfSetAside()
        } else {
            self.hold?.retryAt = KernelClock.monotonicMilliseconds() + DurationUnits.milliseconds(retryBackoff.next())
        }
        showHold()
    }

    /// The broker refused a record for a reason that may pass: it stays queued (the position
    /// stops before it), and it is offered again after a backoff. Logged when the refusal
    /// begins or its reason changes, never per record.
    private func kept(seq: UInt64, topic: String, _ refusal: RecordRefusal) {
        let now = KernelClock.monotonicMilliseconds()
        let code = "0x" + String(refusal.reasonCode, radix: 16)
        guard var hold else {
            hold = Hold(refusal: refusal, seq: seq, topic: topic, sinceWallMs: KernelClock.wallMilliseconds(),
                        retryAt: now + DurationUnits.milliseconds(retryBackoff.next()))
            log.warning("broker refuses records; they stay queued and are offered again", [
                "reason": refusal.reason, "code": code, "seq": String(seq), "topic": topic,
            ])
            showHold()
            return
        }
        hold.count += 1
        if seq < hold.seq || hold.retryAt == nil {
            hold.seq = seq
            hold.topic = topic
        }
        if refusal.reasonCode != hold.refusal.reasonCode {
            log.warning("broker refuses records for another reason; they stay queued", [
                "reason": refusal.reason, "code": code, "was": hold.refusal.reason, "seq": String(seq),
            ])
            hold.refusal = refusal
        } else {
            log.debug("broker refused a record again; kept", ["seq": String(seq), "code": code])
        }
        if hold.retryAt == nil {  // the answer to an offer: wait before the next one
            hold.retryAt = now + DurationUnits.milliseconds(retryBackoff.next())
        }
        self.hold = hold
        showHold()
    }

    /// The broker took the record it refused: the queue goes on at full window.
    private func accepted(_ ended: Hold) {
        hold = nil
        retryBackoff.reset()
        log.notice("broker accepts records again", [
            "refusals": String(ended.count), "reason_was": ended.refusal.reason,
            "refused_for_ms": String(max(0, KernelClock.wallMilliseconds() - ended.sinceWallMs)),
        ])
        showHold()
    }

    private func showHold() {
        progress.refusal = hold.map { hold in
            PublishingProgress.Refusal(
                reasonCode: hold.refusal.reasonCode, reason: hold.refusal.reason, seq: hold.seq, topic: hold.topic,
                sinceWallMs: hold.sinceWallMs, count: hold.count, retryAtMonoMs: hold.retryAt)
        }
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
    /// The broker refuses records and they are kept (`BrokerStatus.refused`).
    var refusal: Refusal?

    struct Refusal: Equatable, Sendable {
        var reasonCode: Int32
        var reason: String
        var seq: UInt64
        var topic: String
        var sinceWallMs: Int64
        var count: UInt64
        /// Monotonic ms of the next offer; nil while one is out.
        var retryAtMonoMs: Int64?
    }
}
