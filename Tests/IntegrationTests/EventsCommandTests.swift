import Foundation
import KioskCore
import Testing
import TestSupport

@Suite struct EventsCommandTests {
    @Test func eventsTellWhatHappenedAlsoWhileKioskdIsDown() throws {
        let kioskd = try KioskdProcess(config: "[mqtt]\nport = 9\n")
        try kioskd.start()
        let running = try kioskd.kioskctl(["events"])
        #expect(running.status == 0, "\(running.stderr)")
        #expect(running.stdout.contains("boot"))
        #expect(running.stdout.contains("kioskd started"))
        try kioskd.stop()

        let down = try runCommand(try Binaries.path("kioskctl"), ["--socket", kioskd.socketPath, "--config", kioskd.configPath, "--json", "events", "--since", "1h"])
        #expect(down.status == 0, "\(down.stderr)")
        #expect(down.stderr.contains("kioskd is not running; read the store"))
        let entries = try JSON.decoder().decode([HistoryEntry].self, from: Data(down.stdout.utf8))
        #expect(entries.map { $0.data["kind"]?.string } == ["shutdown", "boot"])
        #expect(entries.allSatisfy { $0.type == "event" && $0.boot == KernelClock.bootID })

        let bad = try kioskd.kioskctl(["events", "--since", "soon"])
        #expect(bad.status == 64)
    }
}
