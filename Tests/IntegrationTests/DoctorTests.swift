import Foundation
import KioskCore
import Testing
import TestSupport

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
