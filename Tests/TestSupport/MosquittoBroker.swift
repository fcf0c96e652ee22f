import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real mosquitto broker for one test: its own temporary folder, generated configuration and
/// loopback port, so tests can run in parallel, each against its own broker.
///
/// The listener is on 127.0.0.1 only. By default anyone may connect; `Options` adds a TLS
/// listener, users with passwords (`allow_anonymous false`) or any other configuration lines.
/// The broker never runs with `-v` (it would log every message). It stops itself in `deinit`.
///
/// ```swift
/// let broker = try MosquittoBroker()
/// // … point a client at 127.0.0.1:broker.port …
/// try broker.restart()
/// ```
public final class MosquittoBroker: @unchecked Sendable {
    // @unchecked: the only mutable state, the child process, is read and written under `lock`.

    /// A TLS listener instead of plain TCP.
    public struct TLS: Sendable {
        public var caFile: String
        public var certFile: String
        public var keyFile: String
        /// Clients must present a certificate signed by `caFile`.
        public var requireClientCertificate: Bool

        public init(caFile: String, certFile: String, keyFile: String, requireClientCertificate: Bool = false) {
            self.caFile = caFile
            self.certFile = certFile
            self.keyFile = keyFile
            self.requireClientCertificate = requireClientCertificate
        }

        /// The server side of a set of test certificates.
        public init(_ certificates: TestCertificates, requireClientCertificate: Bool = false) {
            self.init(
                caFile: certificates.caFile, certFile: certificates.serverCertFile,
                keyFile: certificates.serverKeyFile, requireClientCertificate: requireClientCertificate)
        }
    }

    public struct Options: Sendable {
        public var tls: TLS?
        /// User name → password. Non-empty: a `password_file` is made with `mosquitto_passwd -b`
        /// and anonymous clients are refused.
        public var users: [String: String]
        /// An existing password file (refuses anonymous clients too).
        public var passwordFile: String?
        /// nil: allowed unless `users` or `passwordFile` is set.
        public var allowAnonymous: Bool?
        /// The text of an ACL file (mosquitto's `acl_file` syntax: `topic read #`, `user NAME`,
        /// `topic deny …`), written into the broker's folder; nil: no ACL, everything allowed.
        /// `setACL(_:)` changes it while the broker runs.
        public var acl: String?
        /// Appended to the generated mosquitto.conf as they are.
        public var extraConfig: [String]

        public init(
            tls: TLS? = nil, users: [String: String] = [:], passwordFile: String? = nil,
            allowAnonymous: Bool? = nil, acl: String? = nil, extraConfig: [String] = []
        ) {
            self.tls = tls
            self.users = users
            self.passwordFile = passwordFile
            self.allowAnonymous = allowAnonymous
            self.acl = acl
            self.extraConfig = extraConfig
        }
    }

    /// Always 127.0.0.1: the listener binds nowhere else.
    public let host = "127.0.0.1"
    public let port: UInt16
    public let options: Options
    /// The broker's temporary folder: configuration, password file, log.
    public let directory: URL
    public let configFile: String
    public let logFile: String
    /// Where `Options.acl` is written (present only when an ACL was given).
    public let aclFile: String

    private let lock = NSLock()
    private var process: Process?

    /// Starts a broker and waits until its port accepts connections.
    /// - Parameters:
    ///   - port: a fixed port (for a test that starts the client first); nil picks a free one
    ///     and, should another process take it first, tries again with another.
    ///   - timeout: how long to wait for the port to accept connections.
    public init(port: UInt16? = nil, options: Options = Options(), timeout: TimeInterval = 10) throws {
        self.options = options
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("mosquitto-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        configFile = directory.appendingPathComponent("mosquitto.conf").path
        logFile = directory.appendingPathComponent("mosquitto.log").path
        aclFile = directory.appendingPathComponent("acl").path
        if let acl = options.acl {
            try acl.write(toFile: aclFile, atomically: true, encoding: .utf8)
        }
        let passwordFile = try Self.makePasswordFile(options.users, in: directory) ?? options.passwordFile

        var chosen = port ?? FreePort.next()
        var tries = 0
        while true {
            try Self.configuration(port: chosen, options: options, passwordFile: passwordFile, aclFile: aclFile)
                .write(toFile: configFile, atomically: true, encoding: .utf8)
            do {
                process = try Self.launch(configFile: configFile, logFile: logFile, port: chosen, timeout: timeout)
                break
            } catch let failure as PortTaken where port == nil && tries < 3 {
                _ = failure
                tries += 1
                chosen = FreePort.next()
            } catch {
                try? FileManager.default.removeItem(at: directory)
                throw error
            }
        }
        self.port = chosen
    }

    deinit {
        resume()
        try? stop(timeout: 5)
        try? FileManager.default.removeItem(at: directory)
    }

    public var isRunning: Bool {
        lock.withLock { process?.isRunning ?? false }
    }

    /// What the broker logged (connections, refusals, TLS errors), for failure messages.
    public var log: String {
        (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
    }

    /// Starts the broker again on the same port (after `stop()` or `kill()`).
    public func start(timeout: TimeInterval = 10) throws {
        try lock.withLock {
            if process?.isRunning == true { return }
            process = try Self.launch(configFile: configFile, logFile: logFile, port: port, timeout: timeout)
        }
    }

    /// SIGTERM, then waits for the broker to exit (SIGKILL if it has not within `timeout`).
    public func stop(timeout: TimeInterval = 10) throws {
        try lock.withLock {
            guard let process, process.isRunning else { return }
            process.terminate()
            if !Self.waitForExit(process, timeout: timeout) {
                Glibc.kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw TestFailure("mosquitto on port \(port) ignored SIGTERM for \(timeout) s; killed")
            }
        }
    }

    /// SIGKILL: the broker vanishes without closing anything cleanly.
    public func kill() {
        lock.withLock {
            guard let process, process.isRunning else { return }
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// SIGSTOP: the broker hangs with its sockets open, like a broker behind a link that went
    /// silent. Clients notice only through their keepalive. `resume()` undoes it.
    public func pause() {
        lock.withLock {
            guard let process, process.isRunning else { return }
            Glibc.kill(process.processIdentifier, SIGSTOP)
        }
    }

    /// SIGCONT after `pause()`.
    public func resume() {
        lock.withLock {
            guard let process, process.isRunning else { return }
            Glibc.kill(process.processIdentifier, SIGCONT)
        }
    }

    /// Replaces the ACL (the broker must have been started with `Options.acl`) and makes the
    /// running broker read it again: mosquitto reloads its `acl_file` on SIGHUP, keeping its
    /// clients connected, as a technician's `systemctl reload mosquitto` would. Returns once
    /// the broker has logged the reload.
    public func setACL(_ text: String, timeout: TimeInterval = 10) throws {
        guard options.acl != nil else { throw TestFailure("setACL on a broker started without an ACL") }
        try text.write(toFile: aclFile, atomically: true, encoding: .utf8)
        let reloadsBefore = log.components(separatedBy: "Reloading config").count
        lock.withLock {
            guard let process, process.isRunning else { return }
            Glibc.kill(process.processIdentifier, SIGHUP)
        }
        let deadline = Date().addingTimeInterval(timeout)
        while log.components(separatedBy: "Reloading config").count <= reloadsBefore {
            if Date() > deadline { throw TestFailure("mosquitto did not log a reload within \(timeout) s:\n\(log)") }
            usleep(10_000)
        }
    }

    /// Stops the broker and starts it again on the same port.
    public func restart(timeout: TimeInterval = 10) throws {
        try stop(timeout: timeout)
        try start(timeout: timeout)
    }

    // MARK: locating programs

    /// The path of a program from the mosquitto packages, looked up in PATH and the sbin folders
    /// (Debian installs the broker in /usr/sbin), or a failure that says what to install.
    public static func executable(_ name: String, package: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/bin"]
        for folder in folders {
            let candidate = (folder as NSString).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw TestFailure("\(name) not found: apt-get install \(package)")
    }

    // MARK: private

    private struct PortTaken: Error {}

    private static func configuration(port: UInt16, options: Options, passwordFile: String?, aclFile: String) -> String {
        let anonymous = options.allowAnonymous ?? (passwordFile == nil)
        var lines = [
            "# Generated by TestSupport.MosquittoBroker for one test.",
            "listener \(port) 127.0.0.1",
            "allow_anonymous \(anonymous)",
            "persistence false",
            "log_dest stderr",
            "log_timestamp_format %H:%M:%S",
            "connection_messages true",
        ]
        // As root, mosquitto 2 switches to the `mosquitto` user, which cannot read the test's files.
        if geteuid() == 0 { lines.append("user root") }
        if let passwordFile { lines.append("password_file \(passwordFile)") }
        if options.acl != nil { lines.append("acl_file \(aclFile)") }
        if let tls = options.tls {
            lines += ["cafile \(tls.caFile)", "certfile \(tls.certFile)", "keyfile \(tls.keyFile)"]
            if tls.requireClientCertificate { lines.append("require_certificate true") }
        }
        lines += options.extraConfig
        return lines.joined(separator: "\n") + "\n"
    }

    private static func makePasswordFile(_ users: [String: String], in directory: URL) throws -> String? {
        guard !users.isEmpty else { return nil }
        let file = directory.appendingPathComponent("passwords").path
        _ = FileManager.default.createFile(atPath: file, contents: nil, attributes: [.posixPermissions: 0o600])
        let tool = try executable("mosquitto_passwd", package: "mosquitto")
        for (user, password) in users.sorted(by: { $0.key < $1.key }) {
            let result = try runCommand(tool, ["-b", file, user, password], timeout: 10)
            guard result.status == 0 else {
                throw TestFailure("mosquitto_passwd -b for \(user) failed: \(result.stderr)")
            }
        }
        return file
    }

    private static func launch(configFile: String, logFile: String, port: UInt16, timeout: TimeInterval) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable("mosquitto", package: "mosquitto"))
        process.arguments = ["-c", configFile]
        if !FileManager.default.fileExists(atPath: logFile) {
            _ = FileManager.default.createFile(atPath: logFile, contents: nil)
        }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
        log.seekToEndOfFile()
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.runWithDefaultSignalMask()
        try? log.close()

        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if FreePort.isAccepting(port) { return process }
            if !process.isRunning {
                let text = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
                if text.contains("Address already in use") { throw PortTaken() }
                throw TestFailure(
                    "mosquitto exited at start (status \(process.terminationStatus)):\n\(text)")
            }
            usleep(10_000)
        }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        throw TestFailure("mosquitto did not accept connections on 127.0.0.1:\(port) within \(timeout) s")
    }

    private static func waitForExit(_ process: Process, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline { return false }
            usleep(5_000)
        }
        return true
    }
}

extension Process {
    /// `run()`, with the child starting from an empty signal mask.
    ///
    /// A child inherits the signal mask of the thread that spawns it, and swift-testing runs
    /// tests on Dispatch worker threads that block nearly every signal. mosquitto then never sees
    /// SIGTERM (it waits in epoll_pwait with the mask it inherited), nor would any daemon that
    /// does not reset its mask. So the mask is emptied on this thread around the spawn only.
    public func runWithDefaultSignalMask() throws {
        var empty = sigset_t()
        var saved = sigset_t()
        sigemptyset(&empty)
        pthread_sigmask(SIG_SETMASK, &empty, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        try run()
    }
}
