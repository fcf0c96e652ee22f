import Foundation
import KioskCore
import Testing
import TestSupport

/// Commands from the province's broker (`cmd/report`) against a real kioskd and mosquitto.
@Suite struct BrokerCommandTests {
    /// 500 `cmd/report` at once — what a kiosk finds waiting in its MQTT 5 session after a day
    /// offline — become one summary (and one more for those that came during the 5 s
    /// coalescing window), not 500; the summaries are computed off the main loop, so the
    /// systemd watchdog is fed on time throughout, even with a day of records to read.
    @Test func aBurstOfReportRequestsIsCoalescedAndTheWatchdogKeepsBeingFed() throws {
        let broker = try MosquittoBroker()
        let subscription = try MQTTSubscription(on: "kiosk/v1/xa-an-binh/report-me/summary", from: SubscriberConnection(broker))
        let notify = try NotifySocketListener()
        let kioskd = try KioskdProcess(config: "[device]\nid = report-me\nsite = xa-an-binh\n", brokerPort: broker.port)
        // WATCHDOG_USEC=1000000: systemd would restart kioskd after 1 s without a ping; kioskd pings every 500 ms.
        try kioskd.start(environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "1000000"])
        #expect(notify.waitFor("READY=1"), "no READY=1; log:\n\(kioskd.log)")
        #expect(waitUntil(timeout: 15) { (try? kioskd.status().broker.state) == .connected })
        // Today's records for each summary to read: 30,000 of them.
        for _ in 0..<3 {
            let reply = try kioskd.connect().call("debug-append", args: ["count": .number(10_000), "size": .number(100)], as: JSONValue.self)
            #expect((try? reply.get()) != nil, "debug-append failed: \(reply)")
        }
        // Published and acknowledged before the burst: the pings measured are the reports' alone.
        #expect(waitUntil(timeout: 60) { (try? kioskd.status().queue?.pendingRecords) == 0 }, "log:\n\(kioskd.log.suffix(2000))")
        notify.receive(timeout: 1)

        let started = Date()
        let requests = String(repeating: "{}\n", count: 500)
        let published = try runCommand(
            try MosquittoBroker.executable("mosquitto_pub", package: "mosquitto-clients"),
            SubscriberConnection(broker).arguments + ["-q", "1", "-t", "kiosk/v1/xa-an-binh/report-me/cmd/report", "-l"],
            input: requests)
        #expect(published.status == 0, "\(published.stderr)")
        // Watch the pings for 10 s: both coalesced reports are made within that time.
        while Date().timeIntervalSince(started) < 10 { notify.receive(timeout: 0.05) }

        let summaries = subscription.messages.filter { $0.topic.hasSuffix("/summary") }
        #expect((1...2).contains(summaries.count), "\(summaries.count) summary records for 500 cmd/report; log:\n\(kioskd.log.suffix(2000))")
        let pings = notify.messages.filter { $0.text == "WATCHDOG=1" && $0.at >= started }.map(\.at)
        let gaps = zip(pings.dropFirst(), pings).map { $0.timeIntervalSince($1) }
        let longest = gaps.max() ?? 10
        // 500 ms between pings, with 250 ms of slack for a loaded test machine.
        let late = zip(pings.dropFirst(), pings).filter { $0.timeIntervalSince($1) >= 0.75 }
            .map { "\(Int($1.timeIntervalSince(started) * 1000))+\(Int($0.timeIntervalSince($1) * 1000)) ms" }
        #expect(longest < 0.75, "the longest gap between watchdog pings was \(Int(longest * 1000)) ms (\(pings.count) pings in 10 s; late: \(late))")
        #expect(pings.count >= 15, "only \(pings.count) watchdog pings in 10 s")
        #expect(try kioskd.status().pid == kioskd.pid)
    }
}
