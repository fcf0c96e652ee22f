import Foundation

/// A consumer with a persistent session (MQTT 3.1.1, clean session off, fixed client id), like a
/// dashboard's ingester: once registered, the broker queues every QoS 1 message for it while it
/// is away, so a test can register, act (kill kioskd, restart the broker…), then drain all that
/// arrived, in order. The broker must keep sessions across its own restarts for the latter
/// (`MosquittoBroker.persistentOptions`).
public struct DurableSubscriber: Sendable {
    public let connection: SubscriberConnection
    public let clientID: String
    public let filter: String

    /// Subscribes once (QoS 1) and leaves: from now on the broker queues for this session.
    public init(on filter: String, from connection: SubscriberConnection) throws {
        self.connection = connection
        self.filter = filter
        clientID = "durable-\(UUID().uuidString.prefix(8))"
        let result = try runCommand(try tool(), arguments + ["-E"], timeout: 20)
        guard result.status == 0 else {
            throw TestFailure("mosquitto_sub could not register \(clientID): \(result.stderr)")
        }
    }

    private var arguments: [String] {
        var arguments = ["-h", connection.host, "-p", String(connection.port), "-V", "mqttv311", "-c", "-i", clientID, "-q", "1", "-t", filter]
        if let caFile = connection.caFile { arguments += ["--cafile", caFile] }
        return arguments + ["-F", MQTTSubscriber.format]
    }

    private func tool() throws -> String {
        try MosquittoBroker.executable("mosquitto_sub", package: "mosquitto-clients")
    }

    /// Everything queued for this session, and what arrives within `seconds`.
    ///
    /// Read with paho-mqtt (`PahoConsumer`), stopped with SIGTERM when the time is up: paho
    /// acknowledges a message only after handing it over, so what it had not printed is sent
    /// again to the next drain. (mosquitto_sub acknowledges first: one killed mid-stream lost
    /// the message it held; its own `-W` timer proved unreliable under a large backlog.)
    public func drain(seconds: Int = 2) throws -> [ReceivedMessage] {
        let consumer = try PahoConsumer(
            host: connection.host, port: connection.port, caFile: connection.caFile, topic: filter, clientID: clientID)
        usleep(UInt32(seconds) * 1_000_000)
        consumer.stop()
        return consumer.messages
    }

    /// Drains until `done` holds for everything received so far, or `timeout` passes.
    public func drain(until done: ([ReceivedMessage]) -> Bool, timeout: TimeInterval = 60) throws -> [ReceivedMessage] {
        var all: [ReceivedMessage] = []
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            all += try drain(seconds: 2)
            if done(all) { return all }
        } while Date() < deadline
        return all
    }
}

extension MosquittoBroker.Options {
    /// A broker that keeps sessions and their queued messages across its own restarts, with no
    /// limit on queued messages: nothing a consumer should get is lost by the broker.
    public static func persistent(in directory: URL) -> MosquittoBroker.Options {
        MosquittoBroker.Options(extraConfig: [
            "persistence true",
            "persistence_location \(directory.path)/",
            "max_queued_messages 0",
            "max_queued_bytes 0",
        ])
    }
}

/// A record received by a consumer: the envelope fields the tests check.
public struct ReceivedRecord: Decodable, Sendable {
    public var schema: String
    public var device: String
    public var site: String
    public var type: String
    public var seq: UInt64
    public var boot: String
    public var ts: String
    public var clock: String
    public var monoMs: Int64

    enum CodingKeys: String, CodingKey {
        case schema, device, site, type, seq, boot, ts, clock
        case monoMs = "mono_ms"
    }

    /// The records among `messages`, status messages left out.
    public static func records(in messages: [ReceivedMessage]) -> [ReceivedRecord] {
        messages.compactMap { try? JSONDecoder().decode(ReceivedRecord.self, from: Data($0.payload)) }
            .filter { $0.type != "status" }
    }
}
