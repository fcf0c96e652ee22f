import KioskMQTT
import Synchronization

/// An in-memory `RecordFeed` that checks the publisher's promises on every call it receives.
///
/// Records are numbered 1, 2, 3… without gaps, on `{topicBase}{type}` (`health` unless a
/// record was given another type), with a JSON payload `{"pad":"…","seq":N}` made on demand,
/// so a feed of millions costs no memory. Checked as the publisher uses it (`violations`):
/// it never asks for more than `window` records at once, never has more than `window` handed
/// out beyond the acknowledged position, never asks for records before that position, and the
/// position never moves back or past what was handed out.
final class FakeRecordFeed: RecordFeed {
    struct Rejection: Equatable, Sendable {
        var seq: UInt64
        var reasonCode: Int
        var reason: String
    }

    private struct State: Sendable {
        var lastSeq: UInt64 = 0
        var acknowledged: UInt64 = 0
        var types: [UInt64: String] = [:]
        var paddings: [UInt64: Int] = [:]
        var rejections: [Rejection] = []
        var violations: [String] = []
        /// The most records ever handed out beyond the acknowledged position, at a `records` call.
        var largestInFlight = 0
        var highestHandedOut: UInt64 = 0
        var acknowledgeCalls = 0
    }

    let topicBase: String
    let window: Int
    /// Bytes of padding in each payload (the payload is about 30 bytes more).
    let padding: Int
    private let state = Mutex(State())

    init(topicBase: String, window: Int, padding: Int = 16) {
        self.topicBase = topicBase
        self.window = window
        self.padding = padding
    }

    // MARK: the test's side

    /// Makes `count` more records available (durable, in the store's words); returns their seqs.
    @discardableResult
    func append(_ count: Int, type: String? = nil, padding: Int? = nil) -> ClosedRange<UInt64> {
        state.withLock { state in
            let first = state.lastSeq + 1
            state.lastSeq += UInt64(count)
            for seq in first...state.lastSeq {
                if let type { state.types[seq] = type }
                if let padding { state.paddings[seq] = padding }
            }
            return first...state.lastSeq
        }
    }

    var lastSeq: UInt64 { state.withLock { $0.lastSeq } }
    var rejections: [Rejection] { state.withLock { $0.rejections } }
    var violations: [String] { state.withLock { $0.violations } }
    var largestInFlight: Int { state.withLock { $0.largestInFlight } }
    var highestHandedOut: UInt64 { state.withLock { $0.highestHandedOut } }
    var acknowledgeCalls: Int { state.withLock { $0.acknowledgeCalls } }

    func topic(of seq: UInt64) -> String {
        topicBase + (state.withLock { $0.types[seq] } ?? "health")
    }

    // MARK: RecordFeed

    func records(after seq: UInt64, limit: Int) -> [OutgoingRecord] {
        state.withLock { state in
            if limit > window {
                state.violations.append("asked for \(limit) records, more than the window of \(window)")
            }
            if seq < state.acknowledged {
                state.violations.append("asked for records after \(seq), before the acknowledged \(state.acknowledged)")
            }
            guard seq < state.lastSeq, limit > 0 else { return [] }
            let last = min(state.lastSeq, seq + UInt64(limit))
            let inFlight = Int(last - min(state.acknowledged, seq))
            state.largestInFlight = max(state.largestInFlight, inFlight)
            if inFlight > window {
                state.violations.append(
                    "\(inFlight) records out beyond the acknowledged \(state.acknowledged), window \(window)")
            }
            state.highestHandedOut = max(state.highestHandedOut, last)
            return (seq + 1...last).map { record(seq: $0, state: state) }
        }
    }

    var acknowledgedSeq: UInt64 { state.withLock { $0.acknowledged } }

    func acknowledge(through seq: UInt64) {
        state.withLock { state in
            state.acknowledgeCalls += 1
            if seq < state.acknowledged {
                state.violations.append("acknowledged position moved back from \(state.acknowledged) to \(seq)")
            }
            if seq > state.highestHandedOut {
                state.violations.append("acknowledged \(seq), never handed out (highest \(state.highestHandedOut))")
            }
            state.acknowledged = max(state.acknowledged, seq)
        }
    }

    func rejected(seq: UInt64, reasonCode: Int, reason: String) {
        state.withLock { $0.rejections.append(Rejection(seq: seq, reasonCode: reasonCode, reason: reason)) }
    }

    private func record(seq: UInt64, state: State) -> OutgoingRecord {
        let pad = String(repeating: "x", count: state.paddings[seq] ?? padding)
        return OutgoingRecord(
            seq: seq, topic: topicBase + (state.types[seq] ?? "health"),
            payload: Array(#"{"pad":"\#(pad)","seq":\#(seq)}"#.utf8))
    }
}
