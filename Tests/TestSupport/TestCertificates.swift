import Foundation

/// Certificates made for one test with the `openssl` CLI, in a temporary folder: a CA, a server
/// certificate for `localhost` and 127.0.0.1 (both in subjectAltName, so host name verification
/// passes either way), optionally a client certificate, and an unrelated second CA for the
/// "wrong CA" case. Keys are P-256 (fast to make); nothing is encrypted. The folder is removed
/// in `deinit`.
public final class TestCertificates: Sendable {
    public let directory: URL
    public let caFile: String
    public let serverCertFile: String
    public let serverKeyFile: String
    /// Signed by `caFile`, for brokers that require client certificates; nil unless asked for.
    public let clientCertFile: String?
    public let clientKeyFile: String?
    /// A CA that signed nothing here: a client trusting only it must refuse the broker.
    public let otherCAFile: String

    public init(clientCertificate: Bool = false) throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("certs-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        directory = folder
        caFile = path("ca.crt")
        serverCertFile = path("server.crt")
        serverKeyFile = path("server.key")
        otherCAFile = path("other-ca.crt")
        clientCertFile = clientCertificate ? path("client.crt") : nil
        clientKeyFile = clientCertificate ? path("client.key") : nil

        let openssl = try Self.openssl()
        try Self.makeCA(openssl, name: "Kiosk Test CA", cert: caFile, key: path("ca.key"))
        try Self.makeCA(openssl, name: "Unrelated Test CA", cert: otherCAFile, key: path("other-ca.key"))
        try Self.makeLeaf(
            openssl, name: "localhost", cert: serverCertFile, key: serverKeyFile, ca: (caFile, path("ca.key")),
            extensions: "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n",
            in: directory)
        if let clientCertFile, let clientKeyFile {
            try Self.makeLeaf(
                openssl, name: "kiosk-test-client", cert: clientCertFile, key: clientKeyFile,
                ca: (caFile, path("ca.key")), extensions: "extendedKeyUsage=clientAuth\n", in: directory)
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Another client certificate signed by `caFile`, with `commonName` as its CN (what a
    /// broker with `use_identity_as_username` takes as the user name): one per kiosk.
    public func makeClientCertificate(commonName: String) throws -> (certFile: String, keyFile: String) {
        let cert = directory.appendingPathComponent("\(commonName).crt").path
        let key = directory.appendingPathComponent("\(commonName).key").path
        try Self.makeLeaf(
            try Self.openssl(), name: commonName, cert: cert, key: key,
            ca: (caFile, directory.appendingPathComponent("ca.key").path), extensions: "extendedKeyUsage=clientAuth\n",
            in: directory)
        return (cert, key)
    }

    private static func openssl() throws -> String {
        for candidate in ["/usr/bin/openssl", "/usr/local/bin/openssl"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw TestFailure("openssl not found: apt-get install openssl")
    }

    private static let keyOptions = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    private static func makeCA(_ openssl: String, name: String, cert: String, key: String) throws {
        try run(openssl, ["req", "-x509"] + keyOptions + [
            "-keyout", key, "-out", cert, "-days", "30", "-subj", "/CN=\(name)",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
    }

    private static func makeLeaf(
        _ openssl: String, name: String, cert: String, key: String, ca: (cert: String, key: String),
        extensions: String, in directory: URL
    ) throws {
        let request = cert + ".csr"
        let extensionFile = cert + ".ext"
        try ("basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n" + extensions)
            .write(toFile: extensionFile, atomically: true, encoding: .utf8)
        try run(openssl, ["req"] + keyOptions + ["-keyout", key, "-out", request, "-subj", "/CN=\(name)"])
        try run(openssl, [
            "x509", "-req", "-in", request, "-CA", ca.cert, "-CAkey", ca.key, "-CAcreateserial",
            "-out", cert, "-days", "30", "-extfile", extensionFile,
        ])
    }

    private static func run(_ openssl: String, _ arguments: [String]) throws {
        let result = try runCommand(openssl, arguments, timeout: 30)
        guard result.status == 0 else {
            throw TestFailure("openssl \(arguments.prefix(2).joined(separator: " ")) failed: \(result.stderr)")
        }
    }
}
