/// The records handed to libmosquitto on one connection and not yet settled, in send order.
///
/// Why a ring in send order rather than a set of message ids: the acknowledged position may
/// only move over records that are all settled, and records settle out of order (one refused
/// before sending settles at once; MQTT lets a broker answer in any order). So a record is
/// marked settled where it sits and leaves only from the front, together with every settled
/// record behind it: the seq of the last one to leave is the new contiguous position.
///
/// Message ids belong to one libmosquitto handle (16 bits, recycled), so a window lives exactly
/// as long as its connection. Fixed capacity: its memory is the window, whatever happens.
struct InFlightWindow {
    private struct Entry {
        var seq: UInt64
        /// Kept for the words of a refusal, which name the record's topic.
        var topic: String
        var mid: Int32?
        var settled: Bool
    }

    let capacity: Int
    private var ring: [Entry]
    private var front = 0
    /// Entries in the ring, settled or not, from `front`.
    private(set) var count = 0
    /// Where each unsettled record's message id sits in `ring`.
    private var slotOfMid: [Int32: Int] = [:]

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        ring = Array(repeating: Entry(seq: 0, topic: "", mid: nil, settled: true), count: self.capacity)
        slotOfMid.reserveCapacity(self.capacity)
    }

    var isEmpty: Bool { count == 0 }
    var freeSlots: Int { capacity - count }
    /// Whether a record handed over still waits for its PUBACK (held records do not).
    var awaitsAcknowledgement: Bool { !slotOfMid.isEmpty }

    /// A record handed to libmosquitto as `mid`, or settled already (`mid` nil: refused before
    /// it was sent). The caller keeps seqs increasing and never exceeds `capacity`.
    mutating func append(seq: UInt64, topic: String, mid: Int32?) {
        precondition(count < capacity, "in-flight window overfilled")
        let slot = (front + count) % capacity
        ring[slot] = Entry(seq: seq, topic: topic, mid: mid, settled: mid == nil)
        if let mid { slotOfMid[mid] = slot }
        count += 1
    }

    /// The PUBACK for `mid` arrived: returns the seq and topic of the record it settles, or nil
    /// when the id is not a record's (the status message's).
    mutating func settle(mid: Int32) -> (seq: UInt64, topic: String)? {
        guard let slot = slotOfMid.removeValue(forKey: mid) else { return nil }
        ring[slot].settled = true
        return (ring[slot].seq, ring[slot].topic)
    }

    /// The broker refused `mid`'s record but it is kept: it no longer waits for a PUBACK, and
    /// it is not settled either, so the contiguous position stops before it (and everything
    /// behind it waits with it). Returns its seq and topic, or nil when `mid` is not a record's.
    mutating func hold(mid: Int32) -> (seq: UInt64, topic: String)? {
        guard let slot = slotOfMid.removeValue(forKey: mid) else { return nil }
        return (ring[slot].seq, ring[slot].topic)
    }

    /// Removes the settled records at the front; returns the seq of the last one removed, the
    /// new contiguous position, or nil when the front record is still waiting.
    mutating func popSettled() -> UInt64? {
        var through: UInt64?
        while count > 0, ring[front].settled {
            through = ring[front].seq
            front = (front + 1) % capacity
            count -= 1
        }
        return through
    }
}
