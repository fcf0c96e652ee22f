#if canImport(Glibc)
import Glibc
#endif
import CLinux

/// The Linux calls Swift's Glibc module does not import (CLinux's C shim), in Swift's types.
/// This module is the only importer of CLinux; KioskCore and the daemon call these.
public enum LinuxSystem {
    /// The process at the other end of a connected Unix socket (SO_PEERCRED).
    public static func peerCredentials(_ fd: Int32) -> (pid: pid_t, uid: uid_t, gid: gid_t)? {
        var pid = pid_t(), uid = uid_t(), gid = gid_t()
        guard kiosk_peer_credentials(fd, &pid, &uid, &gid) == 0 else { return nil }
        return (pid, uid, gid)
    }

    /// Its supplementary groups as they were when it connected (SO_PEERGROUPS); nil when the
    /// kernel cannot say (before Linux 4.13) or there are more than `capacity`.
    public static func peerGroups(_ fd: Int32, capacity: Int) -> [gid_t]? {
        var groups = [gid_t](repeating: 0, count: capacity)
        let count = kiosk_peer_groups(fd, &groups, Int32(capacity))
        guard count >= 0 else { return nil }
        return Array(groups.prefix(Int(count)))
    }

    /// Whether NTP disciplines the kernel's clock (STA_UNSYNC clear); nil when it cannot be read.
    public static func clockSynced() -> Bool? {
        switch kiosk_clock_synced() {
        case 1: true
        case 0: false
        default: nil
        }
    }

    /// accept4(2) with SOCK_CLOEXEC | SOCK_NONBLOCK: the new connection, or -1 with errno set.
    public static func acceptNonblocking(_ listener: Int32) -> Int32 { kiosk_accept_nonblocking(listener) }

    /// pipe2(2) with O_CLOEXEC | O_NONBLOCK: (read end, write end).
    public static func pipeNonblocking() throws(Errno) -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        guard kiosk_pipe_nonblocking(&ends) == 0 else { throw Errno.current }
        return (ends[0], ends[1])
    }

    /// Reads every pending event of an evdev device and returns how many were a visitor's
    /// doing (a key, button, touch or pointer event), or -errno (-ENODEV: unplugged). Codes and
    /// values — which key, where — are never read out.
    public static func drainInputEvents(_ fd: Int32) -> Int32 { kiosk_input_drain(fd) }
}
