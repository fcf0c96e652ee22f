import Foundation
import KioskCore
import Testing
import TestSupport

/// A broker that refuses kioskd's records (an ACL that does not allow its topics, the mistake a
/// province makes when it adds a kiosk) costs nothing: the records wait in the store, `status`,
/// `doctor`, the log and the fault LED say why, and once the ACL is fixed every one arrives.
@Suite struct BrokerRefusalTests {
    static let config = """
        [device]
        id = kiosk-acl
        site = xa-acl
        [led.fault]
        role = fault
        driver = none

        """
    static let filter = "kiosk/v1/xa-acl/kiosk-acl/#"
    /// Anonymous clients (kioskd and the test's subscriber) may read everything, write nothing.
    static let denyWrites = "topic read #\n"
    static let allowAll = "topic readwrite #\n"



    /// The `records-dropped` events in the store.
    func dropEvents(_ kioskd: KioskdProcess) throws -> Int {
        let result = try kioskd.kioskctl(["events", "--json", "--limit", "100000"])
        guard result.status == 0 else { throw TestFailure("kioskctl events failed: \(result.stderr)") }
        return result.stdout.components(separatedBy: "\"records-dropped\"").count - 1
    }

    @Test func refusedRecordsStayQueuedAndArriveInOrderOnceTheACLAllowsThem() throws {
        let broker = try MosquittoBroker(options: MosquittoBroker.Options(acl: Self.denyWrites))
        let watch = try MQTTSubscription(on: Self.filter, from: SubscriberConnection(broker))
        let kioskd = try KioskdProcess(config: Self.config, brokerPort: broker.port)
        try kioskd.start()
        #expect(waitUntil(timeout: 15) { (try? kioskd.status().broker.state) == .connected }, "log:\n\(kioskd.log)")
        let last = try kioskd.debugAppend(count: 26)

        // The refusal is noticed and shown; then a fixed stretch in which the old publisher
        // wrote the whole backlog off and announced each record, each announcement refused and
        // announced in turn.
        #expect(waitUntil(timeout: 15) { (try? kioskd.status().broker.refused) != nil }, "log:\n\(kioskd.log)")
        Thread.sleep(forTimeInterval: 8)
        let drops = try dropEvents(kioskd)
        let held = try kioskd.queue()
        let rejected = held.drops.first { $0.reason == .rejected }?.count ?? 0
        #expect(drops == 0, "records-dropped events: \(drops); acknowledged away: \(held.ackedSeq) of \(held.lastSeq)")
        #expect(held.ackedSeq == 0, "nothing is acknowledged while the broker refuses")
        #expect(rejected == 0)
        #expect(held.lostRecords == 0)

        let status = try kioskd.status()
        #expect(status.broker.refused?.reasonCode == 0x87)
        #expect(status.broker.refused?.reason == "not authorized")
        #expect(status.broker.refused?.seq == 1, "the head of the queue: the boot event")
        #expect((status.broker.refused?.count ?? 0) >= 2, "offered again after a backoff")
        // The first window's records, then one record per offer (backoff ≥ reconnect_min, 1 s):
        // no flood of refusals.
        #expect((status.broker.refused?.count ?? 0) <= held.lastSeq + 30, "refusals: \(String(describing: status.broker.refused))")
        #expect(status.broker.state == .connected)
        #expect(status.leds?.first?.pattern == "on", "the fault LED is lit: \(String(describing: status.leds))")
        let text = try kioskd.kioskctl(["status"]).stdout
        #expect(text.contains("refused   not authorized (0x87) since "), "\(text)")
        #expect(text.contains("records stay queued"), "\(text)")

        let doctor = try kioskd.kioskctl(["--config", kioskd.configPath, "doctor", "--json"])
        let mqtt = (try? JSONSerialization.jsonObject(with: Data(doctor.stdout.utf8)) as? [String: Any])
            .flatMap { ($0["layers"] as? [[String: Any]])?.first { $0["layer"] as? String == "mqtt" } }
        #expect(mqtt?["result"] as? String == "FAIL", "\(doctor.stdout)")
        #expect((mqtt?["hint"] as? String)?.contains("ACL") == true, "\(doctor.stdout)")
        let probes = mqtt?["probes"] as? [[String: Any]] ?? []
        #expect(probes.first { $0["name"] as? String == "broker-connection" }?["ok"] as? Bool == true, "connected: \(probes)")
        #expect(probes.first { $0["name"] as? String == "broker-publish" }?["ok"] as? Bool == false, "not authorised to publish: \(probes)")

        // Said once, not once per record or per retry.
        let refusalLines = kioskd.log.components(separatedBy: "broker refuses records").count - 1
        #expect(refusalLines == 1, "log:\n\(kioskd.log)")

        try broker.setACL(Self.allowAll)
        #expect(waitUntil(timeout: 30) { (try? kioskd.queue().pendingRecords) == 0 }, "log:\n\(kioskd.log)")
        let durable = try kioskd.queue().durableSeq
        #expect(durable >= last)
        #expect(waitUntil(timeout: 15) { ReceivedRecord.records(in: watch.messages).contains { $0.seq == durable } })
        let records = ReceivedRecord.records(in: watch.messages)
        var firsts: [UInt64] = []
        var seen = Set<UInt64>()
        for record in records where seen.insert(record.seq).inserted { firsts.append(record.seq) }
        #expect(firsts == Array(1...max(1, firsts.last ?? 0)), "first arrivals: \(firsts)")
        #expect((firsts.last ?? 0) >= durable)
        let after = try kioskd.status()
        #expect(after.broker.refused == nil)
        #expect(try dropEvents(kioskd) == 0)
        #expect(try kioskd.queue().lostRecords == 0)
        #expect(waitUntil(timeout: 5) { (try? kioskd.status().leds?.first?.pattern) == "off" })
        #expect(kioskd.log.contains("broker accepts records again"), "log:\n\(kioskd.log)")
        try kioskd.stop()
    }
}
