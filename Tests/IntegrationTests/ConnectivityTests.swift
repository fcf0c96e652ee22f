import Foundation
import KioskCore
import Testing
import TestSupport

/// Connectivity health against real links: a network namespace whose veth link the test cuts.
@Suite(.serialized) struct ConnectivityTests {
    @Test func aCutLinkIsAnOutageWithItsCauseAndDuration() throws {
        let net = try NetworkNamespace()
        // The broker listens on the host's side of the link, as the province's would beyond the router.
        let brokerPort = FreePort.next()
        let broker = try MosquittoBroker(options: .init(extraConfig: ["listener \(brokerPort) \(net.hostAddress)"]))
        let kioskd = try KioskdProcess(config: """
            [device]
            id = kiosk-net
            [mqtt]
            host = \(net.hostAddress)
            port = \(brokerPort)
            reconnect_min = 100ms
            reconnect_max = 500ms
            keepalive = 5s
            [health]
            interval = 1s
            publish_interval = 2s
            [probe.link]
            type = link
            target = \(net.innerInterface)
            timeout = 500ms
            [probe.gateway]
            type = icmp
            target = \(net.hostAddress)
            timeout = 900ms

            """)
        try kioskd.start(namespace: net)
        func connectivity() -> ConnectivityStatus? { try? kioskd.status().connectivity }
        #expect(waitUntil(timeout: 10) { connectivity()?.probes.contains { $0.layer == .gateway && $0.ok } == true },
                "log:\n\(kioskd.log)")
        #expect(connectivity()?.probes.first { $0.layer == .link }?.ok == true)
        #expect(waitUntil(timeout: 10) { connectivity()?.state == .online }, "\(String(describing: connectivity()))")
        #expect(connectivity()?.outageSince == nil)

        try net.linkDown()
        let cut = Date()
        // Detected within two probe intervals (plus a probe timeout and the polling here).
        #expect(waitUntil(timeout: 6) { connectivity()?.outageSince != nil }, "log:\n\(kioskd.log)")
        #expect(Date().timeIntervalSince(cut) < 4)
        #expect(connectivity()?.cause == .link)
        #expect(connectivity()?.state == .offline)
        usleep(2_000_000)

        try net.linkUp()
        let restored = Date()
        #expect(waitUntil(timeout: 6) { connectivity()?.outageSince == nil }, "log:\n\(kioskd.log)")
        #expect(Date().timeIntervalSince(restored) < 3)

        // The outage is in the ledger, with its cause and a duration close to the real cut.
        var outages: [HistoryEntry] = []
        #expect(waitUntil(timeout: 5) {
            let result = try? kioskd.kioskctl(["outages", "--json"])
            outages = (try? JSON.decoder().decode([HistoryEntry].self, from: Data((result?.stdout ?? "").utf8))) ?? []
            return !outages.isEmpty
        })
        let outage = try #require(outages.first)
        #expect(outage.data["cause"] == .string("link"))
        let duration = try #require(outage.data["duration_ms"]?.number)
        #expect(duration > 1500 && duration < 6000, "duration \(duration) ms for a cut of ~2 s")
        try kioskd.stop()
        withExtendedLifetime(broker) {}
    }
}
