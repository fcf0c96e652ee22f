import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `scripts/paho-consumer` running for the length of a test: Eclipse paho-mqtt with a persistent
/// session (clean session off, fixed client id) that reconnects by itself whenever the broker
/// goes away, as a provincial ingester would. What it received is read back at any time.
public final class PahoConsumer: @unchecked Sendable {
    // @unchecked: the process is started in init and only signalled and waited for afterwards.
    public let clientID: String
    private let process = Process()
    private let output: URL

    /// Starts the consumer and waits until it has subscribed (the broker queues for its
    /// session from then on, also while it is away).
    public convenience init(broker: MosquittoBroker, topic: String, username: String? = nil, timeout: TimeInterval = 20) throws {
        try self.init(host: broker.host, port: broker.port, topic: topic, username: username, timeout: timeout)
    }

    /// - Parameters:
    ///   - clientID: the session to resume (a new one when nil).
    ///   - caFile: for a TLS listener, the CA that signed the broker's certificate.
    public init(
        host: String = "127.0.0.1", port: UInt16, caFile: String? = nil, topic: String, clientID: String? = nil,
        username: String? = nil, timeout: TimeInterval = 20
    ) throws {
        self.clientID = clientID ?? "paho-\(UUID().uuidString.prefix(8))"
        output = FileManager.default.temporaryDirectory.appendingPathComponent("\(self.clientID)-\(UUID().uuidString.prefix(4)).out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let script = try Repository.path("scripts/paho-consumer")
        process.executableURL = URL(fileURLWithPath: script)
        var arguments = ["--host", host, "--port", String(port), "--topic", topic, "--client-id", self.clientID]
        if let username { arguments += ["--username", username] }
        if let caFile { arguments += ["--cafile", caFile] }
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = process.standardOutput
        process.standardInput = FileHandle.nullDevice
        try process.runWithDefaultSignalMask()
        guard waitUntil(timeout: timeout, { !process.isRunning || text.contains("# subscribed") }), process.isRunning else {
            let said = text
            stop()
            if said.contains("python3-paho-mqtt is missing") {
                throw TestFailure("scripts/paho-consumer cannot run: apt-get install python3-paho-mqtt")
            }
            throw TestFailure("paho-consumer \(self.clientID) did not subscribe within \(timeout) s: \(said)")
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: output)
    }

    /// Everything it printed: messages and `#` lines about its connection.
    public var text: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

    /// The messages received so far, in arrival order.
    public var messages: [ReceivedMessage] {
        text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard !line.hasPrefix("#"), fields.count == 3 else { return nil }
            return ReceivedMessage(topic: String(fields[0]), payload: Array(fields[2].utf8), retained: fields[1] == "1")
        }
    }

    /// How often it lost the connection (the broker killed, stopped or restarted).
    public var disconnections: Int {
        text.split(separator: "\n").filter { $0.hasPrefix("# disconnected") }.count
    }

    /// Whether it is connected and subscribed now (its last word about the connection).
    public var isSubscribed: Bool {
        text.split(separator: "\n").last { $0.hasPrefix("#") }?.hasPrefix("# subscribed") == true
    }

    /// Waits until it is subscribed and nothing new has arrived for `quiet`: what the broker
    /// had for it has been delivered. False when that did not happen within `timeout`.
    @discardableResult
    public func waitUntilCaughtUp(quiet: TimeInterval = 0.5, timeout: TimeInterval = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var size = text.utf8.count
        var quietSince = Date()
        while Date() < deadline {
            usleep(50_000)
            let now = text.utf8.count
            if now != size {
                size = now
                quietSince = Date()
            } else if isSubscribed, Date().timeIntervalSince(quietSince) >= quiet {
                return true
            }
        }
        return false
    }

    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        if !waitUntil(timeout: 5, { !process.isRunning }) { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
