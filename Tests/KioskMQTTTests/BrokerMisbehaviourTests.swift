import Foundation
import KioskCore
@testable import KioskMQTT
import Testing
import TestSupport

/// A broker that ends the connection with a reason, or speaks nonsense: the status says what
/// happened in words, the client keeps trying, nothing crashes.
@Suite struct BrokerMisbehaviourTests {
    /// An MQTT 5 DISCONNECT from the broker, with a reason code: shown in words, then reconnected.
    @Test(arguments: [(0x89, "server busy"), (0x98, "administrative action"), (0x8B, "server shutting down")] as [(UInt8, String)])
    func aDisconnectWithAReasonIsShownInWords(code: UInt8, words: String) throws {
        let broker = try FakeBroker(.mqtt5)
        let harness = ClientHarness(port: broker.port)
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(2)) }
        let first = try harness.waitUntilConnected()
        #expect(first.protocol == "5")
        broker.disconnectClients(reason: code)
        let lost = try harness.waitForStatus("the reason shown") { $0.lastError != nil }
        #expect(lost.lastError == "disconnected by broker: \(words)")
        try expectEventually("reconnected") { broker.observed.protocolLevels.count >= 2 && harness.client.status.state == .connected }
        #expect(broker.observed.protocolLevels == [5, 5], "an MQTT 5 broker's DISCONNECT is no reason to fall back")
    }

    /// mosquitto 2.0.11 closes the older connection when another client takes its client id,
    /// without the DISCONNECT 0x8E "session taken over" MQTT 5 allows (measured: the old client
    /// receives nothing): kioskd can only say the connection was lost, and takes it back.
    @Test func aSessionTakenOverAtMosquittoIsALostConnectionMadeAgain() throws {
        let broker = try MosquittoBroker()
        let harness = ClientHarness(port: broker.port)
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(3)) }
        _ = try harness.waitUntilConnected()
        let tool = try MosquittoBroker.executable("mosquitto_sub", package: "mosquitto-clients")
        _ = try runCommand(tool, ["-h", broker.host, "-p", String(broker.port), "-V", "mqttv5", "-i", harness.settings.clientID, "-t", "x", "-W", "1"], timeout: 10)
        let lost = try harness.waitForStatus("the takeover shown") { $0.lastError != nil }
        #expect(lost.lastError == "connection lost")
        _ = try harness.waitUntilConnected()
        #expect(broker.log.contains("Client \(harness.settings.clientID) already connected, closing old connection"))
    }

    /// A CONNACK that cannot be read, under either version: a clear error, attempts go on.
    @Test(arguments: [Config.ProtocolVersion.v5, .v311, .auto])
    func anUnreadableCONNACKIsAClearErrorAndNoCrash(version: Config.ProtocolVersion) throws {
        let broker = try FakeBroker(.garbageConnack)
        let harness = ClientHarness(port: broker.port) { $0.protocolVersion = version }
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(2)) }
        let status = try harness.waitForStatus("three failed attempts") { $0.failedAttempts >= 3 }
        #expect(status.state != .connected)
        #expect(status.lastError?.hasPrefix("CONNACK could not be read") == true, "\(String(describing: status.lastError))")
        #expect(broker.observed.protocolLevels.count >= 3)
    }

    /// Bytes that are no MQTT packet after the CONNACK: the connection is dropped with a clear
    /// reason and made again.
    @Test func junkAfterTheCONNACKDropsTheConnectionAndNoCrash() throws {
        let broker = try FakeBroker(.junkAfterConnack)
        let harness = ClientHarness(port: broker.port)
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(2)) }
        try expectEventually("three connections") { broker.observed.protocolLevels.count >= 3 }
        let status = harness.client.status
        #expect(status.lastError != nil)
        #expect(status.lastError?.contains("protocol") == true || status.lastError?.contains("malformed") == true,
                "\(String(describing: status.lastError))")
    }
}
