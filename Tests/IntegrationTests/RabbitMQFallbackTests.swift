import Foundation
import KioskCore
import Testing
import TestSupport

/// `protocol = auto` against a real MQTT 3.1.1-only broker: Debian 12's RabbitMQ 3.10, whose MQTT
/// plugin closes the connection on an MQTT 5 CONNECT without any CONNACK. kioskd must fall back
/// to 3.1.1 and deliver its records there. The node is started by the test (about 10 s, more on
/// a loaded machine) and every process it started is gone at the end.
@Suite struct RabbitMQFallbackTests {
    static let config = "[device]\nid = kiosk-rmq\nsite = xa-rmq\n"
    static let filter = "kiosk/v1/xa-rmq/kiosk-rmq/#"

    @Test func kioskdFallsBackToMQTT311AndItsRecordsArrive() throws {
        let rabbit = try RabbitMQBroker()
        let started = rabbit.processes
        #expect(started.count >= 3, "epmd, the start script, beam.smp…: \(started)")
        var connection = SubscriberConnection(host: rabbit.host, port: rabbit.port)
        connection.protocolVersion = "mqttv311"
        let consumer = try MQTTSubscription(on: Self.filter, from: connection, timeout: 20)

        let kioskd = try KioskdProcess(config: Self.config, brokerPort: rabbit.port)
        try kioskd.start()
        let connected = waitUntil(timeout: 30) {
            guard let broker = try? kioskd.status().broker else { return false }
            return broker.state == .connected && broker.protocol == "3.1.1"
        }
        #expect(connected, "status: \(String(describing: try? kioskd.status().broker))\nkioskd log:\n\(kioskd.log)\nRabbitMQ log:\n\(rabbit.log.suffix(3000))")
        let text = try kioskd.kioskctl(["status"]).stdout
        #expect(text.contains("connected  127.0.0.1:\(rabbit.port)  MQTT 3.1.1"), "\(text)")
        #expect(kioskd.log.contains("broker did not take MQTT 5"), "\(kioskd.log)")

        let last = try kioskd.debugAppend(count: 20)
        #expect(waitUntil(timeout: 30) { ReceivedRecord.records(in: consumer.messages).contains { $0.seq == last } },
                "received: \(consumer.messages.count)\nkioskd log:\n\(kioskd.log)")
        var firsts: [UInt64] = []
        var seen = Set<UInt64>()
        for record in ReceivedRecord.records(in: consumer.messages) where seen.insert(record.seq).inserted {
            firsts.append(record.seq)
        }
        #expect(Array(firsts.prefix(Int(last))) == Array(1...last), "first arrivals: \(firsts)")
        #expect(consumer.messages.contains { $0.topic.hasSuffix("/status") && $0.text.contains(#""state":"online""#) })
        try kioskd.stop()

        consumer.stop()
        rabbit.stop()
        let alive = started.filter(RabbitMQBroker.isAlive)
        #expect(alive == [], "processes left running: \(alive)")
    }
}
