import Foundation
import Testing
@testable import KioskCore

/// The host the configuration tests run as: root, so defaults are the systemd service's.
let rootHost = HostEnvironment(hostname: "hg-kiosk-07.local", isRoot: true, home: "/root")

/// The messages of every problem in `text`, as `kioskd.conf:LINE: …`; empty when it is valid.
func problems(_ text: String, host: HostEnvironment = rootHost) -> [String] {
    do throws(ConfigError) {
        _ = try ConfigLoader.parse(text, file: "kioskd.conf", host: host)
        return []
    } catch {
        return error.diagnostics.map(\.description)
    }
}

/// The one problem in `text`; records a failure when there are none or several.
func problem(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
    let all = problems(text)
    #expect(all.count == 1, "expected one problem, got \(all)", sourceLocation: sourceLocation)
    return all.first
}

func parse(_ text: String, host: HostEnvironment = rootHost) throws -> Config {
    try ConfigLoader.parse(text, file: "kioskd.conf", host: host)
}

/// A fresh folder under the temporary directory, for real files with real modes.
struct ScratchFolder: ~Copyable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/kioskd-config-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `name` with exactly `mode` (chmod after writing, so the umask does not interfere).
    @discardableResult
    func file(_ name: String, _ content: String = "", mode: mode_t = 0o600) throws -> String {
        try bytes(name, Array(content.utf8), mode: mode)
    }

    @discardableResult
    func bytes(_ name: String, _ content: [UInt8], mode: mode_t = 0o600) throws -> String {
        let file = path + "/" + name
        try Data(content).write(to: URL(fileURLWithPath: file))
        #expect(chmod(file, mode) == 0)
        return file
    }
}
