import Foundation
import KioskCore
import Testing
import TestSupport

/// kioskd's life as systemd sees it: readiness, watchdog, reload, stop, and refusing bad files.
@Suite struct LifecycleTests {
    /// No broker listens on port 9: kioskd runs regardless, and says so.
    static let noBroker = "[mqtt]\nhost = 127.0.0.1\nport = 9\nreconnect_max = 1s\n"

    @Test func notifiesReadyStatusWatchdogAndStopping() throws {
        let notify = try NotifySocketListener()
        let kioskd = try KioskdProcess(config: Self.noBroker)
        try kioskd.start(environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "200000"])
        #expect(notify.waitFor("READY=1"), "no READY=1; log:\n\(kioskd.log)")
        let ready = notify.messages.first { $0.text.contains("READY=1") }?.text ?? ""
        #expect(ready.contains("STATUS="))
        // WATCHDOG_USEC=200000 means a ping every 100 ms from the main loop.
        #expect(waitUntil(timeout: 5) { notify.receive(timeout: 0.05); return notify.count("WATCHDOG=1") >= 5 })
        try kioskd.stop()
        #expect(notify.waitFor("STOPPING=1"))
    }

    @Test func watchdogForAnotherPIDIsIgnored() throws {
        let notify = try NotifySocketListener()
        let kioskd = try KioskdProcess(config: Self.noBroker)
        try kioskd.start(environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "100000", "WATCHDOG_PID": "1"])
        #expect(notify.waitFor("READY=1"))
        notify.receive(timeout: 0.5)
        #expect(notify.count("WATCHDOG=1") == 0)
    }

    @Test func sigtermStopsCleanlyAndRemovesTheSocket() throws {
        let kioskd = try KioskdProcess(config: Self.noBroker)
        try kioskd.start()
        #expect(try kioskd.stop(signal: SIGTERM) == 0)
        #expect(!FileManager.default.fileExists(atPath: kioskd.socketPath))
        #expect(kioskd.log.contains("<5>kioskd stopped"))
    }

    @Test func sigintStopsToo() throws {
        let kioskd = try KioskdProcess(config: Self.noBroker)
        try kioskd.start()
        #expect(try kioskd.stop(signal: SIGINT) == 0)
        #expect(kioskd.log.contains("received a stop signal signal=SIGINT"))
    }

    @Test func sighupAppliesAGoodFileAndKeepsTheOldOneOnErrors() throws {
        let kioskd = try KioskdProcess(config: "[device]\nid = first-name\n" + Self.noBroker)
        let notify = try NotifySocketListener()
        try kioskd.start(environment: ["NOTIFY_SOCKET": notify.path])
        #expect(try kioskd.status().device == "first-name")

        let good = try String(contentsOfFile: kioskd.configPath, encoding: .utf8)
            .replacingOccurrences(of: "id = first-name", with: "id = second-name")
        try good.write(toFile: kioskd.configPath, atomically: true, encoding: .utf8)
        kioskd.signal(SIGHUP)
        #expect(waitUntil { (try? kioskd.status().device) == "second-name" }, "log:\n\(kioskd.log)")
        #expect(notify.waitFor("RELOADING=1"))

        let bad = good.replacingOccurrences(of: "id = second-name", with: "id = Bad_Name")
        try bad.write(toFile: kioskd.configPath, atomically: true, encoding: .utf8)
        kioskd.signal(SIGHUP)
        #expect(waitUntil { kioskd.log.contains("<3>\(kioskd.configPath):2: [device] id: \"Bad_Name\"") }, "log:\n\(kioskd.log)")
        #expect(kioskd.log.contains("reload refused"))
        #expect(try kioskd.status().device == "second-name")
        #expect(kioskd.isRunning)
    }

    /// Issue 14: a reload that changes only `[control] group` logged "configuration reloaded",
    /// then refused to rebind, finding its own socket ("another kioskd is already listening").
    /// The socket stays where it is and takes the new group.
    @Test func reloadingOnlyTheControlGroupRegroupsTheSocket() throws {
        let kioskd = try KioskdProcess(config: Self.noBroker + "[control]\nsocket = $SOCKET\ngroup = daemon\n")
        try kioskd.start()
        func group() throws -> UInt32 {
            (try FileManager.default.attributesOfItem(atPath: kioskd.socketPath)[.groupOwnerAccountID] as? NSNumber)?.uint32Value ?? .max
        }
        let daemon = try #require(getgrnam("daemon")).pointee.gr_gid, adm = try #require(getgrnam("adm")).pointee.gr_gid
        #expect(try group() == daemon)
        // Only the group changes (the test's own store and socket stay as KioskdProcess set them).
        try String(contentsOfFile: kioskd.configPath, encoding: .utf8).replacingOccurrences(of: "group = daemon", with: "group = adm")
            .write(toFile: kioskd.configPath, atomically: true, encoding: .utf8)
        let reload = try kioskd.kioskctl(["reload"])
        #expect(reload.status == 0, "\(reload.stderr)")
        #expect(waitUntil(timeout: 5) { (try? group()) == adm }, "the socket's group: \((try? group()) ?? 0); log:\n\(kioskd.log)")
        #expect(!kioskd.log.contains("cannot move the control socket"), "\(kioskd.log)")
        #expect(try kioskd.status().device.isEmpty == false)
        try kioskd.stop()
    }

    @Test func reloadThroughKioskctlReportsErrors() throws {
        let kioskd = try KioskdProcess(config: Self.noBroker)
        try kioskd.start()
        var text = try String(contentsOfFile: kioskd.configPath, encoding: .utf8)
        text += "\n[sessions]\nidle_timeout = soon\n"
        try text.write(toFile: kioskd.configPath, atomically: true, encoding: .utf8)
        let result = try kioskd.kioskctl(["reload"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("[sessions] idle_timeout"))
        #expect(kioskd.isRunning)
    }

    @Test func refusesToStartOnABadFileNamingFileLineAndKey() throws {
        let kioskd = try KioskdProcess(config: "[mqtt]\nport = 70000\n")
        let result = try runCommand(try Binaries.path("kioskd"), ["--config", kioskd.configPath])
        #expect(result.status == 78)
        #expect(result.stderr.hasPrefix("\(kioskd.configPath):2: [mqtt] port: \"70000\" is not a port (1-65535)\n"))
        #expect(result.stderr.contains("kioskd: refusing to start with configuration errors"))
    }

    @Test func checkConfigValidatesAndExits() throws {
        let kioskd = try KioskdProcess(config: Self.noBroker)
        let ok = try runCommand(try Binaries.path("kioskd"), ["--check-config", kioskd.configPath])
        #expect(ok.status == 0)
        #expect(ok.stdout == "\(kioskd.configPath): configuration is valid\n")
        let missing = try runCommand(try Binaries.path("kioskd"), ["--check-config", "/nonexistent/kioskd.conf"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/kioskd.conf"))
    }

    @Test func usageErrorsExit64() throws {
        let result = try runCommand(try Binaries.path("kioskd"), ["--frobnicate"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("kioskd: unknown argument --frobnicate\nusage: kioskd"))
    }

    /// As a user who is not root and has no configuration file, kioskd runs on its built-in
    /// defaults with state and socket under that user's own folders.
    @Test func runsAsAnOrdinaryUserOnBuiltInDefaults() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("home-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("run"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        chown(home.path, 65534, 65534)
        chown(home.appendingPathComponent("run").path, 65534, 65534)
        let kioskd = try Binaries.path("kioskd"), kioskctl = try Binaries.path("kioskctl")
        let env = ["HOME": home.path, "XDG_RUNTIME_DIR": home.path + "/run", "PATH": "/usr/bin:/bin"]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", kioskd]
        process.environment = env
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }

        let socket = home.path + "/run/kioskd/control.sock"
        #expect(waitUntil { FileManager.default.fileExists(atPath: socket) }, "no socket at \(socket)")
        let status = try runCommand("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", kioskctl, "status", "--json"], environment: env)
        #expect(status.status == 0, "\(status.stderr)")
        let report = try JSON.decoder().decode(StatusReport.self, from: Data(status.stdout.utf8))
        #expect(report.configFile == nil)
        #expect(report.broker.host == "127.0.0.1")
        #expect(report.broker.port == 1883)
        #expect(FileManager.default.fileExists(atPath: home.path + "/.local/state/kioskd"))
    }
}
