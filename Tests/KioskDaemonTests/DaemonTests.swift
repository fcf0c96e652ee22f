@testable import KioskDaemon
import KioskOutbox
import Foundation
import Glibc
import KioskCore
import Testing

/// kioskd's service group driven in this process, no kioskd spawned: the order services start
/// and stop in and what that order guarantees of the last records, and reloads decided per
/// service (a group-only change regroups the socket, one service's refusal changes nothing, a
/// rename replaces only the broker client).
@Suite(.serialized) struct DaemonTests {
    let folder = FileManager.default.temporaryDirectory.path + "/kioskd-inprocess-" + UUID().uuidString.prefix(8)
    var configPath: String { folder + "/kioskd.conf" }
    var socketPath: String { folder + "/control.sock" }

    /// The configuration: loopback only (a probe of 127.0.0.1; a broker port nothing listens on).
    func writeConfig(device: String = "kiosk-a", control: String = "", mqtt: String = "") throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let text = """
            [device]
            id = \(device)
            site = test
            [storage]
            dir = \(folder)/state
            sync_interval = 200ms
            [control]
            socket = \(socketPath)
            \(control)
            [mqtt]
            host = 127.0.0.1
            port = 1
            reconnect_max = 1s
            \(mqtt)
            [probe.loopback]
            type = icmp
            target = 127.0.0.1
            timeout = 200ms
            """
        try text.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    func startDaemon() throws -> Daemon {
        let daemon = Daemon(configPath: configPath, loaded: try ConfigLoader.load(path: configPath))
        try daemon.start()
        return daemon
    }

    func run(_ daemon: Daemon, command name: String) throws {
        let command = try #require(daemon.commands().first { $0.name == name })
        _ = try command.run([:], ControlPeer(pid: getpid(), uid: getuid(), gid: getgid()))
    }

    func socketGroup() -> gid_t? {
        var info = stat()
        return stat(socketPath, &info) == 0 ? info.st_gid : nil
    }

    /// A group other than this process's own, to give the socket to.
    func otherGroup() throws -> (name: String, id: gid_t) {
        let entry = try #require(getgrnam("daemon"), "the test needs the group `daemon` (Debian's base-passwd has it)")
        #expect(entry.pointee.gr_gid != getegid())
        return ("daemon", entry.pointee.gr_gid)
    }

    @Test func servicesStartInOrderAndStopInReverseWithTheirLastRecordsBeforeShutdown() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeConfig()
        let daemon = try startDaemon()
        #expect(daemon.group.services.map(\.name) == ["store", "control", "broker", "run", "usage", "health", "leds"])
        try run(daemon, command: "session-start")
        try daemon.turn(signals: nil)
        daemon.stop()

        var config = Config.defaults()
        config.storage.dir = folder + "/state"
        let store = try RecordStore.open(config.storage)
        defer { try? store.close() }
        #expect(store.durableSeq == store.lastSeq, "everything the run recorded was synced before the store closed")
        let records = try store.records(HistoryQuery(limit: 1_000))
        let kinds = records.map { record in
            record.type == "event" ? "event:" + ((try? JSON.decoder().decode(EventRecord.self, from: Data(record.data)))?.kind ?? "?") : record.type
        }
        #expect(kinds.first == "event:boot")
        #expect(kinds.last == "event:shutdown", "the shutdown event is the run's last record: \(kinds)")
        let session = try #require(records.first { $0.type == "session" }, "usage stopped before the run's events: its session is stored")
        #expect(try JSON.decoder().decode(SessionRecord.self, from: Data(session.data)).endReason == .shutdown)
        #expect(RunMarker.file(in: folder + "/state").load().value?.clean == true)
        #expect(!FileManager.default.fileExists(atPath: socketPath), "the control socket stopped and removed its file")
    }

    @Test func reloadingOnlyTheGroupRegroupsTheSocketInPlace() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeConfig()
        let daemon = try startDaemon()
        defer { daemon.stop() }
        let server = try #require(daemon.control?.server)
        let other = try otherGroup()
        try writeConfig(control: "group = \(other.name)")
        let result = daemon.reload()
        #expect((try? result.get()) != nil, "reload: \(result)")
        try daemon.turn(signals: nil)
        #expect(socketGroup() == other.id)
        #expect(daemon.control?.server === server, "the same socket, regrouped, not rebound")
        #expect(daemon.config.control.group == other.name)
    }

    @Test func aReloadOneServiceRefusesChangesNoService() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeConfig()
        let daemon = try startDaemon()
        defer { daemon.stop() }
        let groupBefore = socketGroup()
        let other = try otherGroup()
        // The file passes validation and the control socket could take the new group, but the
        // broker cannot read its password: the file is not text.
        let password = folder + "/password"
        #expect(FileManager.default.createFile(atPath: password, contents: Data([0xFF, 0xFE, 0x00]), attributes: [.posixPermissions: 0o600]))
        try writeConfig(device: "kiosk-b", control: "group = \(other.name)", mqtt: "username = k\npassword_file = \(password)")
        let result = daemon.reload()
        guard case .failure(let error) = result else {
            Issue.record("the reload was taken though the broker refused it")
            return
        }
        #expect(error.description.contains("password_file"), "\(error)")
        #expect(error.diagnostics.allSatisfy { $0.line == nil }, "refused by the broker service, not by the validator: \(error)")
        #expect(socketGroup() == groupBefore, "the socket kept its group")
        #expect(daemon.config.device.id == "kiosk-a")
        #expect(daemon.config.control.group == nil)
    }

    @Test func aRenameReplacesTheBrokerClientAndNothingElse() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try writeConfig()
        let daemon = try startDaemon()
        defer { daemon.stop() }
        let client = try #require(daemon.broker?.client)
        let server = try #require(daemon.control?.server)
        try writeConfig(device: "kiosk-b")
        #expect((try? daemon.reload().get()) != nil)
        let renamed = try #require(daemon.broker?.client)
        #expect(renamed !== client)
        #expect(client.status.state == .stopped, "the old client stopped")
        #expect(daemon.control?.server === server)
        #expect(daemon.recorder.feed.presence(.online, reason: nil, startedWallMs: 0).contains(subsequence: Array("kiosk-b".utf8)))
    }
}

extension Array where Element == UInt8 {
    func contains(subsequence: [UInt8]) -> Bool {
        guard subsequence.count <= count else { return false }
        return (0...(count - subsequence.count)).contains { Array(self[$0..<($0 + subsequence.count)]) == subsequence }
    }
}
