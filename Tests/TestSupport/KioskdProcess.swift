import Foundation
import KioskCore

/// A real kioskd started by a test: its own folder, configuration file, socket and log.
///
/// The configuration holds what the test passes in `[section] key = value` text plus a storage
/// dir and a control socket inside the test's folder, so tests never share state.
public final class KioskdProcess: @unchecked Sendable {
    // @unchecked: a test drives one instance from one task; the Process is not touched concurrently.
    public let folder: URL
    public let configPath: String
    public let socketPath: String
    public let logPath: String
    public private(set) var process: Process?

    /// Writes the configuration; `start()` runs kioskd with it.
    /// - Parameter config: INI text; `$FOLDER` and `$SOCKET` in it become the test's folder and
    ///   socket path. `[storage] dir` and `[control] socket` are added when the text has no such
    ///   section, `[mqtt]` pointing at `brokerPort` when given, and an icmp probe of 127.0.0.1
    ///   when the text configures no probe: kioskd's built-in set would ping the machine's real
    ///   gateway, and tests send traffic only to loopback or namespaces of their own.
    public init(config: String, brokerPort: UInt16? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kioskd-test-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        configPath = folder.appendingPathComponent("kioskd.conf").path
        socketPath = folder.appendingPathComponent("control.sock").path
        logPath = folder.appendingPathComponent("kioskd.log").path
        var text = config.replacingOccurrences(of: "$SOCKET", with: socketPath)
            .replacingOccurrences(of: "$FOLDER", with: folder.path)
        if let brokerPort, !config.contains("[mqtt]") {
            text += "\n[mqtt]\nhost = 127.0.0.1\nport = \(brokerPort)\nreconnect_max = 1s\nwill_delay = 1s\n"
        }
        if !config.contains("[probe.") { text += "\n[probe.loopback]\ntype = icmp\ntarget = 127.0.0.1\ntimeout = 200ms\n" }
        if !config.contains("[storage]") { text += "\n[storage]\ndir = \(folder.path)/state\n" }
        if !config.contains("[control]") { text += "\n[control]\nsocket = \(socketPath)\n" }
        try text.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    deinit {
        if let process, process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Starts kioskd and waits until its control socket answers `status`.
    /// - Parameter namespace: run it inside this network namespace (the socket is a file, so it
    ///   is reachable from the host all the same).
    public func start(environment extra: [String: String] = [:], waitForSocket: Bool = true, namespace: NetworkNamespace? = nil) throws {
        // A test that rewrote the file without `[storage]` would run on the machine's own store.
        let text = try String(contentsOfFile: configPath, encoding: .utf8)
        guard text.contains("[storage]"), text.contains("[control]") else {
            throw TestFailure("\(configPath) has no [storage] or [control]: kioskd would use the machine's own store or socket")
        }
        let process = Process()
        let kioskd = try Binaries.path("kioskd")
        if let namespace {
            let wrapped = namespace.wrap([kioskd, "--config", configPath])
            process.executableURL = URL(fileURLWithPath: wrapped.executable)
            process.arguments = wrapped.arguments
        } else {
            process.executableURL = URL(fileURLWithPath: kioskd)
            process.arguments = ["--config", configPath]
        }
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "NOTIFY_SOCKET")
        environment.removeValue(forKey: "WATCHDOG_USEC")
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        if !FileManager.default.fileExists(atPath: logPath) {
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        log.seekToEndOfFile()
        process.standardError = log
        process.standardOutput = log
        process.standardInput = FileHandle.nullDevice
        try process.runWithDefaultSignalMask()
        self.process = process
        guard waitForSocket else { return }
        let up = waitUntil(timeout: 15) {
            guard process.isRunning else { return true }
            return (try? ControlClient(path: socketPath, timeout: .seconds(1))) != nil
        }
        guard up, process.isRunning else {
            throw TestFailure("kioskd did not start (running: \(process.isRunning)); its log:\n\(self.log)")
        }
    }

    public var pid: Int32 { process?.processIdentifier ?? -1 }
    public var isRunning: Bool { process?.isRunning ?? false }
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    public func signal(_ number: Int32) { if let process { kill(process.processIdentifier, number) } }

    /// Sends `signal` and waits for the exit; returns the exit status.
    @discardableResult
    public func stop(signal number: Int32 = SIGTERM, timeout: TimeInterval = 15) throws -> Int32 {
        guard let process else { throw TestFailure("kioskd was never started") }
        kill(process.processIdentifier, number)
        guard waitUntil(timeout: timeout, { !process.isRunning }) else {
            kill(process.processIdentifier, SIGKILL)
            throw TestFailure("kioskd did not exit within \(timeout) s of signal \(number); its log:\n\(log)")
        }
        return process.terminationStatus
    }

    /// Runs kioskctl against this kioskd.
    public func kioskctl(_ arguments: [String], timeout: TimeInterval = 30) throws -> CommandResult {
        try runCommand(try Binaries.path("kioskctl"), ["--socket", socketPath] + arguments, timeout: timeout)
    }

    /// `kioskctl status --json`, decoded.
    public func status() throws -> StatusReport {
        let result = try kioskctl(["status", "--json"])
        guard result.status == 0 else {
            throw TestFailure("kioskctl status failed (\(result.status)): \(result.stderr)")
        }
        return try JSON.decoder().decode(StatusReport.self, from: Data(result.stdout.utf8))
    }

    /// Asks kioskd (a debug build) for `count` records through the `debug-append` control
    /// command and returns the seq of the last.
    @discardableResult
    public func debugAppend(count: Int, type: String = "test", periodic: Bool = false, size: Int = 100) throws -> UInt64 {
        let args: [String: JSONValue] = [
            "count": .number(Double(count)), "type": .string(type), "periodic": .bool(periodic), "size": .number(Double(size)),
        ]
        let reply = try connect().call("debug-append", args: args, as: JSONValue.self)
        guard case .success(let result) = reply, let last = result["last_seq"]?.number else {
            throw TestFailure("debug-append failed: \(reply)")
        }
        return UInt64(last)
    }

    /// `kioskctl queue --json`, decoded.
    public func queue() throws -> QueueStats {
        let result = try kioskctl(["queue", "--json"])
        guard result.status == 0 else { throw TestFailure("kioskctl queue failed: \(result.stderr)") }
        return try JSON.decoder().decode(QueueStats.self, from: Data(result.stdout.utf8))
    }

    /// A raw control connection, for protocol tests.
    public func connect() throws -> ControlClient {
        try ControlClient(path: socketPath, timeout: .seconds(5))
    }
}
