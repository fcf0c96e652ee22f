import Foundation
import KioskCore
@testable import KioskMQTT
import Testing
import TestSupport

/// TLS with peer and host name verification, against a real mosquitto TLS listener.
@Suite struct TLSTests {
    @Test(arguments: ["127.0.0.1", "localhost"])
    func rightCAConnects(host: String) throws {
        let certificates = try TestCertificates()
        let broker = try MosquittoBroker(options: .init(tls: .init(certificates)))
        let harness = ClientHarness(port: broker.port) {
            $0.host = host
            $0.tls = true
            $0.caFile = certificates.caFile
        }
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(3)) }
        let status = try harness.waitUntilConnected()
        #expect(status.tls)
        let messages = try MQTTSubscriber.collect(1, on: harness.settings.statusTopic, from: SubscriberConnection(broker))
        #expect(messages.first?.state == "online")
    }

    @Test func wrongCAFailsWithCertificateVerifyFailed() throws {
        let certificates = try TestCertificates()
        let broker = try MosquittoBroker(options: .init(tls: .init(certificates)))
        let harness = ClientHarness(port: broker.port) {
            $0.tls = true
            $0.caFile = certificates.otherCAFile
        }
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(1)) }
        let status = try harness.waitForStatus("failed") { $0.lastError != nil }
        #expect(status.lastError == "TLS handshake failed: certificate verify failed")
        #expect(status.state != .connected)
    }

    @Test func clientCertificateAccepted() throws {
        let certificates = try TestCertificates(clientCertificate: true)
        let broker = try MosquittoBroker(options: .init(tls: .init(certificates, requireClientCertificate: true)))
        let harness = ClientHarness(port: broker.port) {
            $0.tls = true
            $0.caFile = certificates.caFile
            $0.certFile = certificates.clientCertFile
            $0.keyFile = certificates.clientKeyFile
        }
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(3)) }
        try harness.waitUntilConnected()
    }

    @Test func unreadableCAFileIsNamed() throws {
        let harness = ClientHarness(port: FreePort.next()) {
            $0.tls = true
            $0.caFile = "/nonexistent/ca.crt"
        }
        harness.client.start()
        defer { harness.client.stop(timeout: .seconds(1)) }
        let status = try harness.waitForStatus("failed") { $0.lastError != nil }
        #expect(status.lastError == "cannot read ca_file /nonexistent/ca.crt: no such file or directory")
    }
}
