import KioskCore
import KioskFleet
import Testing

@Suite struct FleetViewTests {
    static func record(_ type: String, seq: UInt64, device: String = "kiosk-a", site: String = "hn-01", data: String, ts: String = "2026-11-25T10:00:00.000Z") -> [UInt8] {
        Array(#"{"boot":"b","clock":"synced","data":\#(data),"device":"\#(device)","mono_ms":1,"schema":"kiosk.v1","seq":\#(seq),"site":"\#(site)","ts":"\#(ts)","type":"\#(type)"}"#.utf8)
    }

    /// 2026-11-25T12:00:00Z: the same local day as the records above in UTC+0…+11 and UTC-0…-9.
    let now: Int64 = 1_795_608_000_000

    @Test func presenceConnectivityAndBacklogComeFromTheRightRecords() {
        var view = FleetView(nowMs: now)
        view.receive(topic: "kiosk/v1/hn-01/kiosk-a/status", payload: Self.record("status", seq: 12, data: #"{"state":"online","version":"0.1.0","boot":"b","started":"2026-11-25T09:00:00.000Z"}"#), nowMs: now)
        view.receive(topic: "kiosk/v1/hn-01/kiosk-a/health", payload: Self.record("health", seq: 9, data: #"{"state":"portal","cause":"portal"}"#), nowMs: now)
        var kiosk = view.kiosks["kiosk-a"]
        #expect(kiosk?.presence == "online")
        #expect(kiosk?.connectivity == "portal")
        #expect(kiosk?.connectivityCause == "portal")
        #expect(kiosk?.backlog == 3)
        view.receive(topic: "kiosk/v1/hn-01/kiosk-a/session", payload: Self.record("session", seq: 10, data: #"{"end":"2026-11-25T09:59:00.000Z"}"#), nowMs: now)
        view.receive(topic: "kiosk/v1/hn-01/kiosk-a/outage", payload: Self.record("outage", seq: 11, data: #"{"end":"2026-11-25T09:00:00.000Z"}"#), nowMs: now)
        view.receive(topic: "kiosk/v1/hn-01/kiosk-a/event", payload: Self.record("event", seq: 12, data: #"{"kind":"boot","message":"m"}"#), nowMs: now)
        kiosk = view.kiosks["kiosk-a"]
        #expect(kiosk?.backlog == 0)
        #expect(kiosk?.sessionsToday == 1)
        #expect(kiosk?.outagesToday == 1)
        // The Last Will.
        view.receive(topic: "kiosk/v1/hn-01/kiosk-a/status", payload: Self.record("status", seq: 12, data: #"{"state":"offline","reason":"connection-lost","version":"0.1.0","boot":"b","started":"x"}"#), nowMs: now)
        #expect(view.kiosks["kiosk-a"]?.presence == "offline")
        #expect(view.kiosks["kiosk-a"]?.presenceReason == "connection-lost")
        // Status messages are not part of the sequence: no duplicate counted for seq 12.
        #expect(view.kiosks["kiosk-a"]?.ledger.duplicates == 0)
    }

    @Test func aRetainedStatusIsNotASignOfLife() {
        var view = FleetView(nowMs: now)
        let will = Self.record("status", seq: 3, data: #"{"state":"offline","reason":"connection-lost","version":"0.1.0","boot":"b","started":"x"}"#, ts: "2026-11-20T08:00:00.000Z")
        view.receive(topic: "kiosk/v1/hn-01/kiosk-a/status", payload: will, retained: true, nowMs: now)
        #expect(view.kiosks["kiosk-a"]?.lastSeenMs == nil)
        #expect(view.kiosks["kiosk-a"]?.statusTs == "2026-11-20T08:00:00.000Z")
        view.receive(topic: "kiosk/v1/hn-01/kiosk-a/health", payload: Self.record("health", seq: 4, data: #"{"state":"online"}"#), nowMs: now + 5)
        #expect(view.kiosks["kiosk-a"]?.lastSeenMs == now + 5)
    }

    @Test func commandsAndStrangersAreSkipped() {
        var view = FleetView(nowMs: now)
        view.receive(topic: "kiosk/v1/hn-01/kiosk-a/cmd/identify", payload: Array("{}".utf8), nowMs: now)
        view.receive(topic: "kiosk/v1/hn-01/kiosk-a/health", payload: Array("not json".utf8), nowMs: now)
        view.receive(topic: "kiosk/v2/hn-01/kiosk-a/health", payload: Array(#"{"schema":"kiosk.v2"}"#.utf8), nowMs: now)
        #expect(view.skipped == 3)
        #expect(view.kiosks.isEmpty)
    }

    @Test func aLossAnnouncedByTheKioskIsNotMissing() {
        var view = FleetView(nowMs: now)
        view.receive(topic: "t", payload: Self.record("health", seq: 1, data: "{}"), nowMs: now)
        view.receive(topic: "t", payload: Self.record("event", seq: 50, data: #"{"kind":"records-dropped","message":"m","reason":"cap-periodic","count":48,"first_seq":2,"last_seq":49}"#), nowMs: now)
        #expect(view.kiosks["kiosk-a"]?.ledger.missing == 0)
        #expect(view.kiosks["kiosk-a"]?.ledger.announcedDropped == 48)
        // History deleted after it was sent is not a loss: its gap stays a gap.
        view.receive(topic: "t", payload: Self.record("event", seq: 60, data: #"{"kind":"records-dropped","message":"m","reason":"retention","count":9,"first_seq":51,"last_seq":59}"#), nowMs: now)
        #expect(view.kiosks["kiosk-a"]?.ledger.missing == 9)
    }

    /// The fleet reads envelope times with KernelClock's parser, the one kioskd uses.
    @Test func rfc3339MillisecondsAreParsedExactly() {
        #expect(KernelClock.milliseconds(rfc3339: "1970-01-01T00:00:00.000Z") == 0)
        #expect(KernelClock.milliseconds(rfc3339: "2026-11-25T12:00:00.000Z") == now)
        #expect(KernelClock.milliseconds(rfc3339: "2000-02-29T23:59:59.999Z") == 951_868_799_999)
        #expect(KernelClock.milliseconds(rfc3339: KernelClock.rfc3339(milliseconds: 1_234_567_890_123)) == 1_234_567_890_123)
        // Without a fraction it is a whole second (the fleet's own parser refused it).
        #expect(KernelClock.milliseconds(rfc3339: "2026-11-25T12:00:00Z") == now)
        #expect(KernelClock.milliseconds(rfc3339: "2026-02-29T12:00:00.000Z") == nil)
        #expect(KernelClock.milliseconds(rfc3339: "2026-13-01T12:00:00.000Z") == nil)
        #expect(KernelClock.milliseconds(rfc3339: "2026-11-25T12:00:00.1234Z") == nil)
    }
}
