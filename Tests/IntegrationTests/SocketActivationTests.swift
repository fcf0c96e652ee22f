import Foundation
import KioskCore
import Testing
import TestSupport

/// kioskd.socket: systemd binds the control socket and passes it as descriptor 3 with
/// LISTEN_FDS and LISTEN_PID. A Python launcher plays systemd's part: it binds and listens,
/// moves the socket to descriptor 3, sets the variables for its own pid and execs kioskd.
@Suite struct SocketActivationTests {
    static let launcher = """
        import os, socket, sys
        path, pid_for = sys.argv[1], sys.argv[2]
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind(path); os.chmod(path, 0o660); s.listen(16)
        os.dup2(s.fileno(), 3); os.set_inheritable(3, True)
        os.environ["LISTEN_FDS"] = "1"
        os.environ["LISTEN_PID"] = str(os.getpid()) if pid_for == "self" else pid_for
        os.execv(sys.argv[3], sys.argv[3:])
        """

    /// Starts kioskd through the launcher, with the passed socket bound at `passedPath`.
    func launch(_ kioskd: KioskdProcess, passedPath: String, pidFor: String = "self") throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", Self.launcher, passedPath, pidFor, try Binaries.path("kioskd"), "--config", kioskd.configPath]
        _ = FileManager.default.createFile(atPath: kioskd.logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: kioskd.logPath))
        process.standardError = log
        process.standardOutput = log
        try process.runWithDefaultSignalMask()
        return process
    }

    @Test func servesOnTheSocketSystemdPassesAndLeavesItsFileAlone() throws {
        let kioskd = try KioskdProcess(config: LifecycleTests.noBroker)
        let process = try launch(kioskd, passedPath: kioskd.socketPath)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() } }
        #expect(waitUntil(timeout: 15) { kioskd.log.contains("control socket passed by systemd") }, "log:\n\(kioskd.log)")
        let status = try kioskd.status()
        #expect(status.pid == process.processIdentifier)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // systemd made the socket file and removes it (RemoveOnStop=), not kioskd.
        #expect(FileManager.default.fileExists(atPath: kioskd.socketPath))
        #expect(!kioskd.log.contains("warning"))
    }

    @Test func socketsMeantForAnotherProcessAreLeftAlone() throws {
        let kioskd = try KioskdProcess(config: LifecycleTests.noBroker)
        let elsewhere = kioskd.folder.appendingPathComponent("systemd.sock").path
        let process = try launch(kioskd, passedPath: elsewhere, pidFor: "1")
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() } }
        #expect(waitUntil(timeout: 15) { (try? ControlClient(path: kioskd.socketPath, timeout: .seconds(1))) != nil }, "log:\n\(kioskd.log)")
        #expect(try kioskd.status().pid == process.processIdentifier)
        #expect(!kioskd.log.contains("passed by systemd"))
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        // Its own socket: kioskd removes the file.
        #expect(!FileManager.default.fileExists(atPath: kioskd.socketPath))
    }

    @Test func aPassedSocketBoundElsewhereWinsWithAWarning() throws {
        let kioskd = try KioskdProcess(config: LifecycleTests.noBroker)
        let elsewhere = kioskd.folder.appendingPathComponent("systemd.sock").path
        let process = try launch(kioskd, passedPath: elsewhere)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() } }
        #expect(waitUntil(timeout: 15) { kioskd.log.contains("control socket passed by systemd") }, "log:\n\(kioskd.log)")
        let result = try runCommand(try Binaries.path("kioskctl"), ["--socket", elsewhere, "status", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(kioskd.log.contains("systemd's control socket is not [control] socket"))
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }
}
