/// `%d` in the file keys of `[mqtt]`: the systemd credentials directory.
///
/// kioskd.service passes secrets with `LoadCredential=` (systemd copies them, as root, into a
/// private read-only directory that only the service's user can read, and names it in
/// `$CREDENTIALS_DIRECTORY`). `password_file = %d/kioskd.mqtt.password` then reads that copy;
/// `%d` means the same as in a unit file. Outside the service — `kioskd --check-config` or
/// `kioskctl config check` run by a technician, kioskd started in a terminal — there is no
/// `$CREDENTIALS_DIRECTORY`, and `%d` is `/etc/credstore`, the directory the unit loads the
/// credentials from, so a check looks at the very file systemd will copy (and its mode).
///
/// `%%` is a literal `%`; any other `%` followed by a character is refused, so a typo such as
/// `%D` never becomes a path that silently does not exist.
public enum CredentialPath {
    /// Where `LoadCredential=ID` (no path) finds a credential first, and so what `%d` means
    /// when kioskd does not run under systemd.
    public static let credentialStore = "/etc/credstore"

    /// `written` with `%d` replaced by `directory` (or `credentialStore` when nil) and `%%` by `%`.
    public static func resolve(_ written: String, credentialsDirectory directory: String?) throws(InvalidValue) -> String {
        guard written.contains("%") else { return written }
        var resolved = ""
        var characters = written.makeIterator()
        while let character = characters.next() {
            guard character == "%" else {
                resolved.append(character)
                continue
            }
            switch characters.next() {
            case "d": resolved += directory ?? credentialStore
            case "%": resolved += "%"
            case let other?:
                throw InvalidValue("unknown specifier \"%\(other)\"; only %d (the credentials directory) and %% (a literal %) are known")
            case nil:
                throw InvalidValue("ends with a lone \"%\"; write %% for a literal %")
            }
        }
        return resolved
    }
}

extension Config {
    /// Replaces `%d` in the `[mqtt]` file keys; a refused value is reported at its line and
    /// left as written.
    mutating func resolveCredentialPaths(credentialsDirectory: String?, file: String, origins: ConfigOrigins) -> [ConfigDiagnostic] {
        var diagnostics: [ConfigDiagnostic] = []
        let paths: [(String, WritableKeyPath<Config, String?>)] = [
            ("ca_file", \.mqtt.caFile), ("cert_file", \.mqtt.certFile),
            ("key_file", \.mqtt.keyFile), ("password_file", \.mqtt.passwordFile),
        ]
        for (key, path) in paths {
            guard let written = self[keyPath: path] else { continue }
            do throws(InvalidValue) {
                self[keyPath: path] = try CredentialPath.resolve(written, credentialsDirectory: credentialsDirectory)
            } catch {
                diagnostics.append(ConfigDiagnostic(
                    file: file, line: origins.line("mqtt", key), section: "mqtt", key: key, message: error.message))
            }
        }
        return diagnostics
    }
}
