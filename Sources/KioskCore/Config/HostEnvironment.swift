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
/// As root (the systemd service) state lives in `/var/lib/kioskd` and the socket in
/// `/run/kioskd`; as any other user, under `$XDG_STATE_HOME` and `$XDG_RUNTIME_DIR`, so kioskd
/// runs on a laptop with no set-up at all.
public struct HostEnvironment: Equatable, Sendable {
    public var hostname: String
    public var isRoot: Bool
    public var home: String
    public var stateHome: String?
    public var runtimeDir: String?
    public var uid: UInt32

    public init(
        hostname: String, isRoot: Bool, home: String, stateHome: String? = nil,
        runtimeDir: String? = nil, uid: UInt32 = 0
    ) {
        self.hostname = hostname
        self.isRoot = isRoot
        self.home = home
        self.stateHome = stateHome
        self.runtimeDir = runtimeDir
        self.uid = uid
    }

    /// The environment of this process.
    public static var current: HostEnvironment {
        let env = ProcessInfo.processInfo.environment
        let uid = getuid()
        return HostEnvironment(
            hostname: ProcessInfo.processInfo.hostName,
            isRoot: uid == 0,
            home: env["HOME"] ?? "/",
            stateHome: env["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 },
            runtimeDir: env["XDG_RUNTIME_DIR"].flatMap { $0.isEmpty ? nil : $0 },
            uid: uid
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
        if isRoot { return "/var/lib/kioskd" }
        return (stateHome ?? home + "/.local/state") + "/kioskd"
    }

    public var controlSocket: String {
        if isRoot { return "/run/kioskd/control.sock" }
        if let runtimeDir { return runtimeDir + "/kioskd/control.sock" }
        return "/tmp/kioskd-\(uid)/control.sock"
    }
}
