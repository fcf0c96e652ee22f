import Foundation
import Testing
@testable import KioskCore

/// kioskctl run by a technician who is not root finds the kioskd systemd runs.
@Suite struct ClientPathTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("client-path-\(UUID().uuidString.prefix(8))").path

    @Test func aMissingUserDefaultGivesWayToTheServicesDefault() throws {
        let own = folder + "/home/.local/state/kioskd"
        let service = folder + "/var/lib/kioskd"
        try FileManager.default.createDirectory(atPath: service, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(HostEnvironment.clientPath(own, userDefault: own, serviceDefault: service) == service)
        // The user's own kioskd (it exists) wins.
        try FileManager.default.createDirectory(atPath: own, withIntermediateDirectories: true)
        #expect(HostEnvironment.clientPath(own, userDefault: own, serviceDefault: service) == own)
    }

    @Test func aPathWrittenInTheFileIsKept() throws {
        let service = folder + "/var/lib/kioskd"
        try FileManager.default.createDirectory(atPath: service, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(HostEnvironment.clientPath("/srv/kiosk", userDefault: folder + "/own", serviceDefault: service) == "/srv/kiosk")
        // Nothing at either default: the configured one, so the error names it.
        #expect(HostEnvironment.clientPath(folder + "/own", userDefault: folder + "/own", serviceDefault: folder + "/none") == folder + "/own")
    }
}
