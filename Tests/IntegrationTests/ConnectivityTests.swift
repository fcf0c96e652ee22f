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

/// `kioskctl doctor` against real local endpoints: every layer with pass or FAIL and a hint.
@Suite struct DoctorTests {
    @Test func doctorNamesTheFirstFailingLayerWithAHint() throws {
        let broker = try MosquittoBroker()
        let closed = FreePort.next()
        let kioskd = try KioskdProcess(config: """
            [mqtt]
            host = 127.0.0.1
            port = \(broker.port)
            [health]
            interval = 5s
            [probe.internet]
            type = tcp
            target = 127.0.0.1:\(broker.port)
            timeout = 1s
            [probe.closed]
            type = tcp
            target = 127.0.0.1:\(closed)
            timeout = 1s

            """)
        try kioskd.start()
        #expect(waitUntil(timeout: 15) { (try? kioskd.status().broker.state) == .connected })
        let result = try runCommand(try Binaries.path("kioskctl"), ["--socket", kioskd.socketPath, "--config", kioskd.configPath, "doctor"])
        #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("internet  FAIL     tcp 127.0.0.1:\(closed)"), "\(result.stdout)")
        #expect(result.stdout.contains("connection refused"))
        #expect(result.stdout.contains("→ The router has no internet"))
        #expect(result.stdout.contains("mqtt      pass     mqtt 127.0.0.1:\(broker.port)"), "\(result.stdout)")
        #expect(result.stdout.hasSuffix("verdict: offline — first failing layer: internet\n"))

        let json = try runCommand(try Binaries.path("kioskctl"), ["--socket", kioskd.socketPath, "--config", kioskd.configPath, "--json", "doctor"])
        let report = try JSONDecoder().decode(JSONValue.self, from: Data(json.stdout.utf8))
        #expect(report["verdict"] == .string("offline"))
        #expect(report["cause"] == .string("internet"))
    }
}

/// An outage that ended just before a power cut, before its record reached the store, is still
/// in the ledger: the next kioskd stores it once, and never twice.
@Suite struct RecoveredOutageTests {
    static let ledger = """
        {"format":1,"unpublished":[{"cause":"link","clock":"synced","duration_ms":42000,\
        "end":"2026-11-24T10:00:42.000Z","end_boot":"b1","reboots":0,"start":"2026-11-24T10:00:00.000Z",\
        "start_boot":"b1","unobserved_ms":0}]}
        """

    @Test func anOutageLeftInTheLedgerIsStoredOnceAcrossRestarts() throws {
        let kioskd = try KioskdProcess(config: "[health]\ninterval = 1s\n[probe.lo]\ntype = link\ntarget = lo\ntimeout = 500ms\n", brokerPort: FreePort.next())
        let health = kioskd.folder.appendingPathComponent("state/health")
        try FileManager.default.createDirectory(at: health, withIntermediateDirectories: true)
        let ledgerFile = health.appendingPathComponent("outages.json")
        try Self.ledger.write(to: ledgerFile, atomically: true, encoding: .utf8)

        func storedOutages() throws -> [HistoryEntry] {
            let result = try kioskd.kioskctl(["outages", "--json"])
            return try JSON.decoder().decode([HistoryEntry].self, from: Data(result.stdout.utf8))
        }
        try kioskd.start()
        #expect(waitUntil(timeout: 10) { (try? storedOutages().count) == 1 }, "log:\n\(kioskd.log)")
        // Confirmed: the health thread strikes it from the ledger within a round.
        #expect(waitUntil(timeout: 5) {
            ((try? String(contentsOf: ledgerFile, encoding: .utf8)) ?? "").contains("\"unpublished\":[]")
        })
        try kioskd.stop()

        // As if the confirmation had been lost to a power cut: the same outage in the ledger again.
        try Self.ledger.write(to: ledgerFile, atomically: true, encoding: .utf8)
        try kioskd.start()
        #expect(waitUntil(timeout: 5) {
            ((try? String(contentsOf: ledgerFile, encoding: .utf8)) ?? "").contains("\"unpublished\":[]")
        }, "log:\n\(kioskd.log)")
        let outages = try storedOutages()
        #expect(outages.count == 1)
        #expect(outages.first?.data["duration_ms"]?.number == 42000)
        try kioskd.stop()
    }
}
