import CMosquitto
#if canImport(Glibc)
import Glibc
#endif

/// TLS on a libmosquitto handle, the same for the broker client and the consumer.
enum MosquittoTLS {
    /// Checks that the files can be read (a clear error instead of OpenSSL's), then turns TLS
    /// on with peer and host name verification. Without a CA file the system's CAs are
    /// trusted, as a browser would.
    static func configure(_ handle: OpaquePointer, caFile: String?, certFile: String?, keyFile: String?) throws {
        for (key, path) in [("ca_file", caFile), ("cert_file", certFile), ("key_file", keyFile)] {
            if let path, access(path, R_OK) != 0 {
                let reason = String(cString: strerror(errno)).lowercased()
                throw SetupFailure(summary: "cannot read \(key) \(path): \(reason)")
            }
        }
        let caPath: String? = caFile == nil ? "/etc/ssl/certs" : nil
        let rc = mosquitto_tls_set(handle, caFile, caPath, certFile, keyFile, brokerKeyPassphrase)
        if rc != MosquittoError.success {
            throw SetupFailure(summary: "TLS set-up refused: \(MosquittoError.capturing(rc).summary)")
        }
        // Peer verification and host name verification are libmosquitto's defaults; said here
        // explicitly because they are the point: a kiosk must not talk to an impostor broker.
        try MosquittoError.check(mosquitto_tls_opts_set(handle, 1, nil, nil))
        try MosquittoError.check(mosquitto_tls_insecure_set(handle, false))
    }
}
