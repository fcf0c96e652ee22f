#if canImport(Glibc)
import Glibc
#endif
import KioskCore

/// The control socket as one of kioskd's services: binds it (or takes the one systemd passes,
/// kioskd.socket), serves it on the main loop, and follows `[control]` across reloads — a new
/// path binds a new socket, a new group alone regroups the one there is.
final class ControlSocket: Service {
    let name = "control"
    private(set) var server: ControlServer?
    private var config: Config.Control
    /// The listening socket systemd passed, used by the first start only.
    private var activated: Int32?
    private let commands: () -> [ControlCommand]
    /// Set by a reload that moved the socket: rebound at the next tick, once no request is
    /// running (the reload itself may be one).
    private var moveTo: Config.Control?
    private let log = Logger("control")

    /// - Parameter commands: every command the socket serves, asked for at each (re)bind.
    init(config: Config.Control, activated: Int32?, commands: @escaping () -> [ControlCommand]) {
        self.config = config
        self.activated = activated
        self.commands = commands
    }

    func start() throws(StartupError) {
        server = try makeServer(for: config)
    }

    func stop(by deadline: Int64) {
        server?.shutdown()
        server = nil
    }

    func check(_ reload: Reload) throws(StartupError) {
        let new = reload.new.control
        guard let group = try Self.groupID(new.group), new.group != config.group, server?.ownsPath == true else { return }
        guard Self.mayGiveFiles(to: group) else {
            throw StartupError("[control] group \(new.group ?? ""): kioskd is not in that group, so it cannot give the socket to it")
        }
    }

    func apply(_ reload: Reload) -> [String] {
        let new = reload.new.control
        defer { config = new }
        if new.socket != config.socket {
            moveTo = new
            return ["socket moves to \(new.socket)"]
        }
        var changes: [String] = []
        if new.group != config.group {
            do throws(StartupError) {
                try server?.regroup(Self.groupID(new.group), daemonUID: getuid())
                changes.append("group \(new.group ?? "(kioskd's own)")")
            } catch {
                log.error("\(error); the socket keeps its group")
            }
        }
        let limits = ControlServer.Limits(new)
        if server?.limits != limits {
            server?.limits = limits
            changes.append("limits")
        }
        return changes
    }

    func pollDescriptors() -> [pollfd] { server?.pollDescriptors() ?? [] }

    func handle(_ ready: [pollfd], now: Int64) { server?.handle(ready, now: now) }

    var nextDeadline: Int64? { server?.nextDeadline }

    func tick(now: Int64) {
        guard let target = moveTo else { return }
        moveTo = nil
        // The new socket is bound first, so if that fails the old one stays.
        do throws(StartupError) {
            let moved = try makeServer(for: target)
            server?.shutdown()
            server = moved
            log.notice("control socket moved", ["socket": moved.path])
        } catch {
            log.error("cannot move the control socket: \(error); keeping \(server?.path ?? "none")")
        }
    }

    private func makeServer(for config: Config.Control) throws(StartupError) -> ControlServer {
        let group = try Self.groupID(config.group)
        let limits = ControlServer.Limits(config)
        let policy = ControlPolicy(daemonUID: getuid(), group: group ?? getgid())
        let server: ControlServer
        if let fd = activated.take(), let path = ActivatedSockets.unixListenerPath(of: fd) {
            server = ControlServer(activated: fd, path: path, limits: limits, policy: policy)
            log.info("control socket passed by systemd", ["socket": path])
            if path != config.socket {
                log.warning("systemd's control socket is not [control] socket; serving on systemd's", ["configured": config.socket])
            }
        } else {
            server = try ControlServer(path: config.socket, group: group, limits: limits, policy: policy)
        }
        for command in commands() { server.register(command) }
        return server
    }

    private static func groupID(_ name: String?) throws(StartupError) -> gid_t? {
        guard let name else { return nil }
        guard let entry = getgrnam(name) else {
            throw StartupError("[control] group \(name) does not exist")
        }
        return entry.pointee.gr_gid
    }

    /// Whether chown(2) lets this process give its own files to `group`: root may, anyone
    /// else only to a group it is in.
    private static func mayGiveFiles(to group: gid_t) -> Bool {
        if geteuid() == 0 || getegid() == group { return true }
        var groups = [gid_t](repeating: 0, count: Int(max(0, getgroups(0, nil))))
        let count = getgroups(Int32(groups.count), &groups)
        return count >= 0 && groups.prefix(Int(count)).contains(group)
    }
}

extension ControlServer.Limits {
    init(_ control: Config.Control) {
        self.init(
            maxClients: control.maxClients, maxRequestSize: Int(control.maxRequestSize),
            idleTimeout: control.idleTimeout)
    }
}
