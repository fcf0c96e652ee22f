#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The process at the other end of a control connection, as the kernel vouches for it.
public struct ControlPeer: Equatable, Sendable {
    public var pid: pid_t
    public var uid: uid_t
    public var gid: gid_t
    /// Supplementary groups (SO_PEERCRED gives only the primary one): from SO_PEERGROUPS, which
    /// needs no /proc — kioskd.service's ProtectProc=invisible hides other users' processes.
    public var groups: [gid_t]

    public init(pid: pid_t, uid: uid_t, gid: gid_t, groups: [gid_t] = []) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
        self.groups = groups
    }

    /// Reads SO_PEERCRED of a connected Unix socket.
    public static func of(socket fd: Int32) -> ControlPeer? {
        guard let (pid, uid, gid) = LinuxSystem.peerCredentials(fd) else { return nil }
        return ControlPeer(pid: pid, uid: uid, gid: gid, groups: peerGroups(of: fd) ?? supplementaryGroups(of: pid))
    }

    /// SO_PEERGROUPS; nil when the kernel is older than 4.13.
    static func peerGroups(of fd: Int32) -> [gid_t]? {
        var capacity = 64
        while capacity <= 65_536 {
            if let groups = LinuxSystem.peerGroups(fd, capacity: capacity) { return groups }
            guard errno == ERANGE else { return nil }
            capacity *= 4
        }
        return nil
    }

    static func supplementaryGroups(of pid: pid_t) -> [gid_t] {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return [] }
        for line in status.split(separator: "\n") where line.hasPrefix("Groups:") {
            return line.dropFirst("Groups:".count).split(separator: " ").compactMap { gid_t($0.trimmed) }
        }
        return []
    }
}

/// Who may change state through the control socket: root, kioskd's own user, and members of
/// the socket's group. Everybody who can connect may read.
public struct ControlPolicy: Equatable, Sendable {
    public var daemonUID: uid_t
    public var group: gid_t

    public init(daemonUID: uid_t, group: gid_t) {
        self.daemonUID = daemonUID
        self.group = group
    }

    public func mayChangeState(_ peer: ControlPeer) -> Bool {
        peer.uid == 0 || peer.uid == daemonUID || peer.gid == group || peer.groups.contains(group)
    }
}
