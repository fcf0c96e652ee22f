import CMosquitto
@testable import KioskMQTT
import Testing

/// The window's bookkeeping on its own: the contiguous position only moves over settled records.
@Suite struct InFlightWindowTests {
    @Test func positionMovesOnlyOverASettledFront() {
        var window = InFlightWindow(capacity: 4)
        window.append(seq: 10, topic: "t", mid: 1)
        window.append(seq: 11, topic: "t", mid: 2)
        window.append(seq: 13, topic: "t", mid: 3)  // seq 12 does not exist (dropped by the store)
        #expect(window.freeSlots == 1)

        #expect(window.settle(mid: 2)?.seq == 11)
        #expect(window.popSettled() == nil, "seq 10 still waits: 11 must not count yet")
        #expect(window.settle(mid: 1)?.seq == 10)
        #expect(window.popSettled() == 11)
        #expect(window.count == 1)
        #expect(window.settle(mid: 3)?.seq == 13)
        #expect(window.popSettled() == 13)
        #expect(window.isEmpty)
    }

    @Test func unknownAndRepeatedMessageIdsSettleNothing() {
        var window = InFlightWindow(capacity: 2)
        window.append(seq: 1, topic: "t", mid: 7)
        #expect(window.settle(mid: 99) == nil, "the status message's PUBACK")
        #expect(window.settle(mid: 7)?.seq == 1)
        #expect(window.settle(mid: 7) == nil)
    }

    @Test func recordRefusedBeforeSendingIsSettledAtOnce() {
        var window = InFlightWindow(capacity: 3)
        window.append(seq: 1, topic: "t", mid: nil)
        window.append(seq: 2, topic: "t", mid: 5)
        #expect(window.popSettled() == 1)
        #expect(window.count == 1)
    }

    @Test func ringWrapsAroundWithoutLosingOrder() {
        var window = InFlightWindow(capacity: 3)
        var mid: Int32 = 0
        var acknowledged: UInt64 = 0
        for seq in UInt64(1)...100 {
            mid += 1
            window.append(seq: seq, topic: "t/\(seq)", mid: mid)
            if window.freeSlots == 0 {
                // Settle the newest first, then the oldest: only then does the position move.
                #expect(window.settle(mid: mid)?.topic == "t/\(seq)")
                #expect(window.popSettled() == nil)
                #expect(window.settle(mid: mid - 2)?.seq == seq - 2)
                #expect(window.settle(mid: mid - 1)?.seq == seq - 1)
                acknowledged = window.popSettled() ?? acknowledged
                #expect(acknowledged == seq)
            }
        }
        #expect(acknowledged == 99)
        #expect(window.count == 1)
    }

    @Test func refusalsCarryTheBrokersReasonCode() {
        #expect(RecordRefusal(pubackReasonCode: 0) == nil)
        #expect(RecordRefusal(pubackReasonCode: 0x10) == nil, "no matching subscribers is a success")
        #expect(RecordRefusal(pubackReasonCode: 0x87)?.reason == "not authorized")
        #expect(RecordRefusal(pubackReasonCode: 0x97)?.reason == "quota exceeded")

        let tooLarge = RecordRefusal(publishError: MosquittoError(MOSQ_ERR_OVERSIZE_PACKET))
        #expect(tooLarge?.reasonCode == 0x95)
        #expect(RecordRefusal(publishError: MosquittoError(MOSQ_ERR_INVAL))?.reasonCode == 0x90)
        #expect(RecordRefusal(publishError: MosquittoError(MOSQ_ERR_NO_CONN)) == nil, "the connection, not the record")
        #expect(RecordRefusal(publishError: MosquittoError(MOSQ_ERR_NOMEM)) == nil)
    }
}
