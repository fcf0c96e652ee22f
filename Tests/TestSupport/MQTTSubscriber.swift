import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One message as a real `mosquitto_sub` received it.
public struct ReceivedMessage: Equatable, Sendable, CustomStringConvertible {
    public var topic: String
    public var payload: [UInt8]
    /// Delivered from the broker's retained store (rather than published while subscribed).
    public var retained: Bool

    public init(topic: String, payload: [UInt8], retained: Bool) {
        self.topic = topic
        self.payload = payload
        self.retained = retained
    }

    /// The payload as UTF-8 text.
    public var text: String { String(decoding: payload, as: UTF8.self) }

    /// The payload as a JSON object, or nil when it is not one.
    public var jsonObject: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(payload))) as? [String: Any]
    }

    public var description: String { "\(topic)\(retained ? " (retained)" : "") \(text)" }

    /// One line of `mosquitto_sub -F 'MSG %r %t %x'`: retained flag, topic, payload in hex.
    static func parse(line: Substring) -> ReceivedMessage? {
        let fields = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
        guard fields.count >= 3, fields[0] == "MSG" else { return nil }
        let hex = fields.count == 4 ? fields[3] : ""
        var payload: [UInt8] = []
        payload.reserveCapacity(hex.count / 2)
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            payload.append(byte)
            index = next
        }
        return ReceivedMessage(topic: String(fields[2]), payload: payload, retained: fields[1] == "1")
    }

    static func parse(output: String) -> [ReceivedMessage] {
        output.split(separator: "\n").compactMap(parse(line:))
    }
}

/// How `mosquitto_sub` reaches a broker.
public struct SubscriberConnection: Sendable {
    public var host: String
    public var port: UInt16
    /// Set for a TLS listener: the CA that signed the broker's certificate.
    public var caFile: String?
    public var username: String?
    public var password: String?
    /// A client certificate and its key, for brokers that authenticate by certificate.
    public var certFile: String?
    public var keyFile: String?
    /// nil: mosquitto_sub's own random client id.
    public var clientID: String?
    /// `mosquitto_sub -V`: `mqttv5`, or `mqttv311` for a 3.1.1-only broker (RabbitMQ 3.10).
    public var protocolVersion = "mqttv5"

    public init(
        host: String = "127.0.0.1", port: UInt16, caFile: String? = nil, username: String? = nil, password: String? = nil,
        certFile: String? = nil, keyFile: String? = nil, clientID: String? = nil
    ) {
        self.host = host
        self.port = port
        self.caFile = caFile
        self.username = username
        self.password = password
        self.certFile = certFile
        self.keyFile = keyFile
        self.clientID = clientID
    }

    /// A broker's listener, with its CA when it speaks TLS.
    public init(_ broker: MosquittoBroker, username: String? = nil, password: String? = nil) {
        self.init(
            host: broker.host, port: broker.port, caFile: broker.options.tls?.caFile, username: username,
            password: password)
    }

    public var arguments: [String] {
        var arguments = ["-h", host, "-p", String(port), "-V", protocolVersion]
        if let caFile { arguments += ["--cafile", caFile] }
        if let username { arguments += ["-u", username] }
        if let password { arguments += ["-P", password] }
        if let certFile, let keyFile { arguments += ["--cert", certFile, "--key", keyFile] }
        if let clientID { arguments += ["-i", clientID] }
        return arguments
    }
}

/// A real `mosquitto_sub`, the way an operator or a dashboard would see the broker.
public enum MQTTSubscriber {
    /// Subscribes to `filter` (QoS 1) and returns the first `count` messages, retained ones
    /// included, in the order received. Throws when they have not all arrived within `timeout`
    /// seconds, naming what did arrive.
    public static func collect(
        _ count: Int, on filter: String, from connection: SubscriberConnection, timeout: Int = 10
    ) throws -> [ReceivedMessage] {
        let tool = try MosquittoBroker.executable("mosquitto_sub", package: "mosquitto-clients")
        let arguments = connection.arguments + [
            "-q", "1", "-t", filter, "-C", String(count), "-W", String(timeout), "-F", Self.format,
        ]
        let result = try runCommand(tool, arguments, timeout: TimeInterval(timeout + 10))
        let messages = ReceivedMessage.parse(output: result.stdout)
        if messages.count >= count { return Array(messages.prefix(count)) }
        if result.status == 27 || result.stderr.contains("Timed out") {
            throw TestFailure(
                "mosquitto_sub timed out after \(timeout) s waiting for \(count) message(s) on \(filter); "
                    + "got \(messages.count): \(messages)")
        }
        throw TestFailure(
            "mosquitto_sub on \(filter) failed (status \(result.status)): \(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
    }

    /// `-F`: one line per message, hex payload so that any bytes survive.
    static let format = "MSG %r %t %x"
}

/// A `mosquitto_sub` that keeps running and collects everything on a filter, for watching a
/// topic change over time: start it, act, then poll `messages` or wait for one; `stop()` ends it
/// (so does `deinit`).
public final class MQTTSubscription: @unchecked Sendable {
    // @unchecked: the child process is only touched under `lock`; the output file is read-only here.
    public let filter: String
    private let directory: URL
    private let outputFile: String
    private let lock = NSLock()
    private var process: Process?

    /// Starts `mosquitto_sub -d` on `filter` and waits (at most `timeout` seconds) for its
    /// SUBACK, so that nothing published after this returns can be missed.
    public init(on filter: String, from connection: SubscriberConnection, timeout: TimeInterval = 10) throws {
        self.filter = filter
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("mosquitto-sub-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        outputFile = directory.appendingPathComponent("out").path
        _ = FileManager.default.createFile(atPath: outputFile, contents: nil)

        let process = Process()
        // stdbuf -oL: mosquitto_sub writes to a file fully buffered, so without it "received
        // SUBACK" would only show once a message is printed.
        let tool = try MosquittoBroker.executable("mosquitto_sub", package: "mosquitto-clients")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/stdbuf")
        process.arguments = ["-oL", tool] + connection.arguments + ["-d", "-q", "1", "-t", filter, "-F", MQTTSubscriber.format]
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputFile))
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.runWithDefaultSignalMask()
        try? output.close()
        self.process = process

        let deadline = Date().addingTimeInterval(timeout)
        while !rawOutput.contains("received SUBACK") {
            if !process.isRunning {
                throw TestFailure("mosquitto_sub on \(filter) exited (status \(process.terminationStatus)): \(rawOutput)")
            }
            if Date() > deadline {
                stop()
                throw TestFailure("mosquitto_sub on \(filter) was not subscribed within \(timeout) s: \(rawOutput)")
            }
            usleep(10_000)
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Everything received so far, oldest first.
    public var messages: [ReceivedMessage] {
        ReceivedMessage.parse(output: rawOutput)
    }

    /// Waits for the first message received (from the start) that satisfies `predicate`.
    /// Throws after `timeout` seconds, listing what did arrive.
    @discardableResult
    public func waitForMessage(
        timeout: TimeInterval = 10, where predicate: (ReceivedMessage) -> Bool
    ) throws -> ReceivedMessage {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let match = messages.first(where: predicate) { return match }
            if Date() > deadline {
                throw TestFailure("no matching message on \(filter) within \(timeout) s; got \(messages.count): \(messages)")
            }
            usleep(10_000)
        }
    }

    /// Ends mosquitto_sub (SIGKILL: a subscriber has nothing to save) and waits for it.
    public func stop() {
        lock.withLock {
            guard let process, process.isRunning else { return }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// mosquitto_sub's whole output: message lines and its `-d` debug lines.
    public var rawOutput: String {
        (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
    }
}
