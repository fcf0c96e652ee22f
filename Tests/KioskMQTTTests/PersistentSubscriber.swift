import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A real `mosquitto_sub` with a persistent session (`-c -i ID`, QoS 1), the way a provincial
/// database writer subscribes: across a broker restart it reconnects by itself, and a broker
/// with persistence on keeps its subscription and queues what is published meanwhile. So it
/// sees everything the broker accepted, which `MQTTSubscription` (a clean session) cannot
/// promise when the broker restarts.
///
/// The broker needs `persistence true`, a `persistence_location` and, for large backlogs,
/// `max_queued_messages 0` (see `options(persistingIn:)`).
final class PersistentSubscriber: @unchecked Sendable {
    // @unchecked: the child process is only touched under `lock`; the output file is only read.
    let filter: String
    private let directory: URL
    private let outputFile: String
    private let lock = NSLock()
    private var process: Process?

    /// Broker options that keep sessions and their queued messages across a restart.
    static func options(persistingIn folder: URL) -> MosquittoBroker.Options {
        MosquittoBroker.Options(extraConfig: [
            "persistence true",
            "persistence_location \(folder.path)/",
            "max_queued_messages 0",
        ])
    }

    /// Starts `mosquitto_sub -d -c -i ID` and waits (at most `timeout` s) for its SUBACK.
    init(on filter: String, port: UInt16, timeout: TimeInterval = 10) throws {
        self.filter = filter
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("mosquitto-psub-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        outputFile = directory.appendingPathComponent("out").path
        _ = FileManager.default.createFile(atPath: outputFile, contents: nil)

        // Under stdbuf -oL: mosquitto_sub's stdout is a file, fully buffered, and its SUBACK
        // line would otherwise appear only when a message is printed.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try MosquittoBroker.executable("stdbuf", package: "coreutils"))
        process.arguments = [
            "-oL", try MosquittoBroker.executable("mosquitto_sub", package: "mosquitto-clients"),
            "-h", "127.0.0.1", "-p", String(port), "-V", "mqttv5", "-d", "-c",
            "-i", "consumer-\(UUID().uuidString.prefix(8).lowercased())", "-q", "1", "-t", filter,
            "-F", "MSG %r %t %x",
        ]
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputFile))
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.runWithDefaultSignalMask()
        try? output.close()
        self.process = process

        let deadline = Date().addingTimeInterval(timeout)
        while !rawOutput.contains("received SUBACK") {
            if !process.isRunning || Date() > deadline {
                stop()
                throw TestFailure("persistent mosquitto_sub on \(filter) was not subscribed: \(rawOutput)")
            }
            usleep(10_000)
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Everything received so far, oldest first (`MSG retained topic hex` lines).
    var messages: [ReceivedMessage] {
        rawOutput.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count >= 3, fields[0] == "MSG" else { return nil }
            let hex = fields.count == 4 ? Array(fields[3].utf8) : []
            var payload: [UInt8] = []
            payload.reserveCapacity(hex.count / 2)
            var index = 0
            while index + 1 < hex.count {
                guard let byte = UInt8(String(decoding: hex[index...index + 1], as: UTF8.self), radix: 16) else {
                    return nil
                }
                payload.append(byte)
                index += 2
            }
            return ReceivedMessage(topic: String(fields[2]), payload: payload, retained: fields[1] == "1")
        }
    }

    func stop() {
        lock.withLock {
            guard let process, process.isRunning else { return }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    private var rawOutput: String {
        (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
    }
}
