import CMosquitto
@testable import KioskMQTT
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What `kioskctl status` shows a technician when the broker cannot be reached.
@Suite struct FailureWordsTests {
    @Test func systemErrors() {
        #expect(MosquittoError(MOSQ_ERR_ERRNO, systemCode: ECONNREFUSED).summary == "connection refused")
        #expect(MosquittoError(MOSQ_ERR_ERRNO, systemCode: ECONNREFUSED).description == "Connection refused")
        #expect(MosquittoError(MOSQ_ERR_ERRNO, systemCode: EHOSTUNREACH).summary == "host unreachable")
        #expect(MosquittoError(MOSQ_ERR_EAI, systemCode: EAI_NONAME).summary == "host not found (Name or service not known)")
        #expect(MosquittoError(MOSQ_ERR_EAI, systemCode: EAI_AGAIN).summary.hasPrefix("host not found: DNS did not answer"))
    }

    @Test func libraryCodesKeepTheirNumber() {
        let keepalive = MosquittoError(MOSQ_ERR_KEEPALIVE)
        #expect(keepalive.rawValue == 19)
        #expect(keepalive.summary == "broker stopped answering (keepalive timeout)")
        // 2.0.11 has no string for it; the number is kept rather than "Unknown error."
        #expect(MosquittoError(rawValue: 99).description == "libmosquitto error 99")
        #expect(MosquittoError(MOSQ_ERR_TLS).summary == "TLS handshake failed")
    }

    @Test func brokerReasons() {
        #expect(BrokerReason(connackCode: 5, protocolVersion: .v311).description == "not authorized")
        #expect(BrokerReason(connackCode: 4, protocolVersion: .v311).description == "bad user name or password")
        #expect(BrokerReason(connackCode: 0x87, protocolVersion: .v5).description == "not authorized")
        #expect(BrokerReason(connackCode: 1, protocolVersion: .v311).refusesProtocolVersion)
        #expect(BrokerReason(connackCode: 0x84, protocolVersion: .v5).refusesProtocolVersion)
        #expect(BrokerReason(rawValue: 0x8E).description == "session taken over")
    }

    @Test func openSSLDetailFromTheLibraryLog() {
        let line = "OpenSSL Error[0]: error:0A000086:SSL routines::certificate verify failed"
        #expect(ConnectionLoop.openSSLDetail(line) == "certificate verify failed")
        #expect(ConnectionLoop.openSSLDetail("Error: Connection refused") == nil)
    }

    @Test func commandNames() {
        let filter = "kiosk/v1/site/dev/cmd/+"
        #expect(CommandTopic.name(of: "kiosk/v1/site/dev/cmd/identify", filter: filter) == "identify")
        #expect(CommandTopic.name(of: "kiosk/v1/site/dev/cmd/a/b", filter: filter) == nil)
        #expect(CommandTopic.name(of: "kiosk/v1/site/dev/cmd/", filter: filter) == nil)
        #expect(CommandTopic.name(of: "kiosk/v1/site/other/cmd/report", filter: filter) == nil)
        #expect(CommandTopic.name(of: "kiosk/v1/site/dev/status", filter: filter) == nil)
    }
}
