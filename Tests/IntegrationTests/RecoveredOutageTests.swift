import Foundation
import KioskCore
import Testing
import TestSupport

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
