#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// What the defaults depend on: who runs kioskd and where its folders are.
///
/// Under systemd (kioskd.service runs as its own `kioskd` user) the folders are the ones the
/// unit's `StateDirectory=` and `RuntimeDirectory=` made, named in `$STATE_DIRECTORY` and
/// `$RUNTIME_DIRECTORY`: `/var/lib/kioskd` and `/run/kioskd`. As root without them, the same
/// paths; as any other user, under `$XDG_STATE_HOME` and `$XDG_RUNTIME_DIR`, so kioskd runs on a
/// laptop with no set-up at all.
public struct HostEnvironment: Equatable, Sendable {
    public var hostname: String
    public var isRoot: Bool
    public var home: String
    public var stateHome: String?
    public var runtimeDir: String?
    public var uid: UInt32
    /// systemd's `$STATE_DIRECTORY` and `$RUNTIME_DIRECTORY` (the first entry when several).
    public var serviceStateDirectory: String?
    public var serviceRuntimeDirectory: String?
    /// systemd's `$CREDENTIALS_DIRECTORY`: what `%d` means in the `[mqtt]` file keys.
    public var credentialsDirectory: String?

    public init(
        hostname: String, isRoot: Bool, home: String, stateHome: String? = nil,
        runtimeDir: String? = nil, uid: UInt32 = 0, serviceStateDirectory: String? = nil,
        serviceRuntimeDirectory: String? = nil, credentialsDirectory: String? = nil
    ) {
        self.hostname = hostname
        self.isRoot = isRoot
        self.home = home
        self.stateHome = stateHome
        self.runtimeDir = runtimeDir
        self.uid = uid
        self.serviceStateDirectory = serviceStateDirectory
        self.serviceRuntimeDirectory = serviceRuntimeDirectory
        self.credentialsDirectory = credentialsDirectory
    }

    /// The environment of this process.
    public static var current: HostEnvironment {
        let env = ProcessInfo.processInfo.environment
        let uid = getuid()
        func set(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        // systemd joins several directories with ":"; kioskd's unit names one of each.
        func first(_ name: String) -> String? { set(name)?.split(separator: ":").first.map(String.init) }
        return HostEnvironment(
            hostname: ProcessInfo.processInfo.hostName,
            isRoot: uid == 0,
            home: env["HOME"] ?? "/",
            stateHome: set("XDG_STATE_HOME"),
            runtimeDir: set("XDG_RUNTIME_DIR"),
            uid: uid,
            serviceStateDirectory: first("STATE_DIRECTORY"),
            serviceRuntimeDirectory: first("RUNTIME_DIRECTORY"),
            credentialsDirectory: set("CREDENTIALS_DIRECTORY")
        )
    }

    /// The default configuration file; `KIOSKD_CONFIG` overrides it.
    public static let defaultConfigPath = "/etc/kioskd/kioskd.conf"

    /// The host name made into a valid device id: lower case, `[a-z0-9-]` (other characters
    /// become `-`, runs of them one), no `-` at either end, at most 63 characters.
    public var deviceID: String {
        let short = hostname.split(separator: ".").first.map(String.init) ?? hostname
        var id = ""
        for ch in short.lowercased().unicodeScalars {
            let valid = ("a"..."z").contains(ch) || ("0"..."9").contains(ch)
            if valid {
                id.unicodeScalars.append(ch)
            } else if !id.isEmpty && !id.hasSuffix("-") {
                id += "-"
            }
        }
        while id.hasSuffix("-") { id.removeLast() }
        id = String(id.prefix(63))
        while id.hasSuffix("-") { id.removeLast() }
        return id.isEmpty ? "kiosk" : id
    }

    public var stateDirectory: String {
        if let serviceStateDirectory { return serviceStateDirectory }
        if isRoot { return "/var/lib/kioskd" }
        return (stateHome ?? home + "/.local/state") + "/kioskd"
    }

    public var controlSocket: String {
        if let serviceRuntimeDirectory { return serviceRuntimeDirectory + "/control.sock" }
        if isRoot { return "/run/kioskd/control.sock" }
        if let runtimeDir { return runtimeDir + "/kioskd/control.sock" }
        return "/tmp/kioskd-\(uid)/control.sock"
    }

    /// The system service's folders (`/var/lib/kioskd`, `/run/kioskd`): what kioskd uses when
    /// it runs as `kioskd.service`.
    public static let service = HostEnvironment(hostname: "", isRoot: true, home: "/")

    /// A path kioskctl took from the configuration, as a client sees it: when it is only this
    /// user's built-in default (`userDefault`), nothing is there, and the service's default
    /// exists, the service's — a technician who is not root talks to the kioskd that systemd
    /// runs, not to one of their own. A path written in the file is kept as it is.
    public static func clientPath(_ path: String, userDefault: String, serviceDefault: String) -> String {
        guard path == userDefault, userDefault != serviceDefault,
              access(userDefault, F_OK) != 0, access(serviceDefault, F_OK) == 0
        else { return path }
        return serviceDefault
    }
}
