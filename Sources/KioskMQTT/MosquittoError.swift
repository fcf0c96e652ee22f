import CMosquitto
#if canImport(Glibc)
import Glibc
#endif

/// A libmosquitto return code (`MOSQ_ERR_*`) as a Swift error: the one funnel for C results.
///
/// The code is kept as it is, known or not. For `MOSQ_ERR_ERRNO` libmosquitto leaves the cause in
/// `errno`, and for `MOSQ_ERR_EAI` it puts the `getaddrinfo` code there; `capturing(_:)` reads it
/// at once, before another call can overwrite it, and keeps it as `systemCode`.
struct MosquittoError: Error, RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    let rawValue: Int32
    /// errno for `MOSQ_ERR_ERRNO`, the `EAI_*` code for `MOSQ_ERR_EAI`, otherwise 0.
    let systemCode: Int32

    init(rawValue: Int32) {
        self.init(rawValue, systemCode: 0)
    }

    init(_ code: Int32, systemCode: Int32) {
        self.rawValue = code
        self.systemCode = systemCode
    }

    init(_ code: mosq_err_t, systemCode: Int32 = 0) {
        self.init(Int32(code.rawValue), systemCode: systemCode)
    }

    /// The error for `code`, with the current `errno` captured. Call it straight after the C call.
    static func capturing(_ code: Int32) -> MosquittoError {
        MosquittoError(code, systemCode: errno)
    }

    /// Turns a libmosquitto result into success or a thrown `MosquittoError`.
    static func check(_ code: Int32) throws(MosquittoError) {
        guard code != success else { return }
        throw capturing(code)
    }

    static let success = Int32(MOSQ_ERR_SUCCESS.rawValue)

    func `is`(_ code: mosq_err_t) -> Bool { rawValue == Int32(code.rawValue) }

    /// libmosquitto's own words (`mosquitto_strerror`), with the system's for errno and lookups.
    var description: String {
        if self.is(MOSQ_ERR_ERRNO) {
            return String(cString: strerror(systemCode))
        }
        if self.is(MOSQ_ERR_EAI) {
            return String(cString: gai_strerror(systemCode))
        }
        let text = String(cString: mosquitto_strerror(rawValue))
        // libmosquitto 2.0.11 has no string for several newer codes (keepalive, lookup, timeout…).
        return text == "Unknown error." ? "libmosquitto error \(rawValue)" : text
    }

    /// What a field technician should read in `kioskctl status`: short, lower case, the cause
    /// rather than the mechanism ("connection refused", "host not found").
    var summary: String {
        if self.is(MOSQ_ERR_ERRNO) {
            return MosquittoError.summary(errno: systemCode)
        }
        if self.is(MOSQ_ERR_EAI) {
            let detail = String(cString: gai_strerror(systemCode))
            switch systemCode {
            case EAI_AGAIN: return "host not found: DNS did not answer (\(detail))"
            default: return "host not found (\(detail))"
            }
        }
        if self.is(MOSQ_ERR_CONN_REFUSED) { return "connection refused by broker" }
        if self.is(MOSQ_ERR_CONN_LOST) { return "connection lost" }
        if self.is(MOSQ_ERR_KEEPALIVE) { return "broker stopped answering (keepalive timeout)" }
        if self.is(MOSQ_ERR_TLS) || self.is(MOSQ_ERR_TLS_HANDSHAKE) { return "TLS handshake failed" }
        if self.is(MOSQ_ERR_PROTOCOL) { return "MQTT protocol error" }
        if self.is(MOSQ_ERR_NO_CONN) { return "not connected" }
        if self.is(MOSQ_ERR_NOMEM) { return "out of memory" }
        return description.lowercasedFirst.trimmingFinalPeriod
    }

    private static func summary(errno code: Int32) -> String {
        switch code {
        case ECONNREFUSED: return "connection refused"
        case ETIMEDOUT: return "timed out connecting"
        case EHOSTUNREACH: return "host unreachable"
        case ENETUNREACH: return "network unreachable"
        case ECONNRESET: return "connection reset by broker"
        case EPIPE: return "connection lost"
        default: return String(cString: strerror(code)).lowercasedFirst
        }
    }
}

extension String {
    /// "Not authorized" → "not authorized"; keeps acronyms such as "TLS" as they are.
    var lowercasedFirst: String {
        guard let first, first.isUppercase else { return self }
        let second = dropFirst().first
        if let second, second.isUppercase { return self }
        return first.lowercased() + dropFirst()
    }

    var trimmingFinalPeriod: String {
        hasSuffix(".") ? String(dropLast()) : self
    }
}
