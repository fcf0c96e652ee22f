import KioskFleet
import Testing

@Suite struct SeqLedgerTests {
    @Test func inOrderRecordsLeaveNoGap() {
        var ledger = SeqLedger()
        for seq in UInt64(10)...20 { let fresh = ledger.receive(seq); #expect(fresh) }
        #expect(ledger.received == 11)
        #expect(ledger.missing == 0)
        #expect(ledger.duplicates == 0)
        #expect(ledger.contiguousThrough == 20)
    }

    @Test func duplicatesAreCountedAndRefused() {
        var ledger = SeqLedger()
        ledger.receive(1)
        ledger.receive(2)
        let again2 = ledger.receive(2); #expect(!again2)
        let again1 = ledger.receive(1); #expect(!again1)
        ledger.receive(5)
        let again5 = ledger.receive(5); #expect(!again5)
        #expect(ledger.duplicates == 3)
        #expect(ledger.received == 3)
    }

    @Test func aGapIsMissingUntilItsRecordsArrive() {
        var ledger = SeqLedger()
        ledger.receive(1)
        ledger.receive(4)
        ledger.receive(6)
        #expect(ledger.missing == 3)
        #expect(ledger.missingSeqs() == [2, 3, 5])
        let late3 = ledger.receive(3); #expect(late3)
        let late2 = ledger.receive(2); #expect(late2)
        #expect(ledger.contiguousThrough == 4)
        #expect(ledger.missingSeqs() == [5])
        #expect(ledger.late == 2)
        ledger.receive(5)
        #expect(ledger.missing == 0)
        #expect(ledger.contiguousThrough == 6)
    }

    @Test func anAnnouncedDropClosesTheGapAsALoss() {
        var ledger = SeqLedger()
        ledger.receive(1)
        ledger.receive(9)  // the records-dropped event itself
        ledger.announceDropped(2, 8)
        #expect(ledger.missing == 0)
        #expect(ledger.announcedDropped == 7)
        #expect(ledger.contiguousThrough == 9)
    }

    @Test func recordsBeforeTheFirstSeenAreHistoryNotGaps() {
        var ledger = SeqLedger()
        ledger.receive(100)
        let old = ledger.receive(40); #expect(!old)  // a resend of something sent before the consumer subscribed
        #expect(ledger.missing == 0)
    }
}
