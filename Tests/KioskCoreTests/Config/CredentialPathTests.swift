import Foundation
import Testing
@testable import KioskCore

/// `%d` in the `[mqtt]` file keys (systemd's `LoadCredential=`), with real files and modes.
@Suite struct CredentialPathTests {
    /// A root host inside kioskd.service: systemd named a credentials directory.
    func service(_ directory: String) -> HostEnvironment {
        HostEnvironment(hostname: "hg-kiosk-07", isRoot: true, home: "/root", credentialsDirectory: directory)
    }

    @Test func percentDIsTheCredentialsDirectoryInsideTheService() throws {
        let folder = try ScratchFolder()
        let password = try folder.file("kioskd.mqtt.password", "s3cr3t\n", mode: 0o400)
        let key = try folder.file("kioskd.mqtt.key", "KEY", mode: 0o400)
        let cert = try folder.file("client.pem", "CERT", mode: 0o644)
        let text = """
            [mqtt]
            tls = yes
            cert_file = %d/client.pem
            key_file = %d/kioskd.mqtt.key
            username = kiosk
            password_file = %d/kioskd.mqtt.password
            """
        let config = try parse(text, host: service(folder.path))
        #expect(config.mqtt.passwordFile == password)
        #expect(config.mqtt.keyFile == key)
        #expect(config.mqtt.certFile == cert)
        #expect(try SecretFile.read(config.mqtt.passwordFile ?? "") == "s3cr3t")
    }

    @Test func outsideTheServicePercentDIsTheCredentialStore() throws {
        let config = try parse("[mqtt]\ntls = no\nkey_file = %d/kioskd.mqtt.key")
        #expect(config.mqtt.keyFile == "/etc/credstore/kioskd.mqtt.key")
    }

    @Test func aMissingCredentialNamesTheResolvedPathAndTheLine() throws {
        let folder = try ScratchFolder()
        let text = "[mqtt]\nusername = kiosk\npassword_file = %d/kioskd.mqtt.password"
        #expect(problems(text, host: service(folder.path)) == [
            "kioskd.conf:3: [mqtt] password_file: cannot read \(folder.path)/kioskd.mqtt.password: No such file or directory",
        ])
    }

    @Test func aWorldReadableCredentialIsStillRefused() throws {
        let folder = try ScratchFolder()
        let open = try folder.file("kioskd.mqtt.password", "s3cr3t", mode: 0o644)
        let text = "[mqtt]\nusername = kiosk\npassword_file = %d/kioskd.mqtt.password"
        #expect(problems(text, host: service(folder.path)) == [
            "kioskd.conf:3: [mqtt] password_file: \(open) is readable by every user (mode 0644); run: chmod 640 \(open)",
        ])
    }

    @Test func unknownSpecifiersAndALonePercentAreRefusedAtTheirLine() {
        #expect(problems("[mqtt]\nusername = kiosk\n\npassword_file = %D/kioskd.mqtt.password") == [
            "kioskd.conf:4: [mqtt] password_file: unknown specifier \"%D\"; only %d (the credentials directory) and %% (a literal %) are known",
        ])
        #expect(problems("[mqtt]\ntls = no\nca_file = /etc/ssl/100%") == [
            "kioskd.conf:3: [mqtt] ca_file: ends with a lone \"%\"; write %% for a literal %",
        ])
    }

    @Test func doublePercentIsALiteralPercent() throws {
        #expect(try CredentialPath.resolve("/etc/kioskd/100%%/ca.pem", credentialsDirectory: "/run/credentials/kioskd.service") == "/etc/kioskd/100%/ca.pem")
        #expect(try CredentialPath.resolve("%d/a%%d", credentialsDirectory: "/c") == "/c/a%d")
        #expect(try CredentialPath.resolve("/plain/path", credentialsDirectory: nil) == "/plain/path")
    }

    @Test func serviceDirectoriesFromSystemdDecideTheDefaults() {
        let user = HostEnvironment(
            hostname: "k", isRoot: false, home: "/var/lib/kioskd", uid: 998,
            serviceStateDirectory: "/var/lib/kioskd", serviceRuntimeDirectory: "/run/kioskd")
        let config = Config.defaults(for: user)
        #expect(config.storage.dir == "/var/lib/kioskd")
        #expect(config.control.socket == "/run/kioskd/control.sock")
    }
}
