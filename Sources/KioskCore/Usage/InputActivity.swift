#if canImport(Glibc)
import Glibc
#endif

/// Activity from Linux input devices (evdev): for kiosks whose UI does not report sessions.
///
/// Only whether a key, touch or pointer event happened is used: the kernel's event codes and
/// values (which key, where on the screen) are never read out (see `LinuxSystem.drainInputEvents`).
/// Devices that fail (unplugged) are closed; `all` picks up devices plugged in later, and
/// configured paths that are missing are tried again, every `rescanMs`.
///
/// Not Sendable: the main loop polls its descriptors.
public final class InputActivity {
    public static let rescanMs: Int64 = 30_000
    /// `["all"]` or device paths.
    public let selection: [String]
    /// Open devices by path.
    public private(set) var devices: [String: Int32] = [:]
    /// Why a device could not be opened, by path (for `status` and the log), newest only.
    public private(set) var problems: [String: String] = [:]
    private var nextScan: Int64 = 0

    public init(selection: [String]) {
        self.selection = selection
    }

    deinit {
        for fd in devices.values { close(fd) }
    }

    /// Opens devices not yet open, at most every `rescanMs`; returns the paths newly opened.
    @discardableResult
    public func rescan(now: Int64) -> [String] {
        guard now >= nextScan else { return [] }
        nextScan = now + Self.rescanMs
        var opened: [String] = []
        for path in candidates() where devices[path] == nil {
            let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            if fd < 0 {
                problems[path] = "\(Errno.current)"
                continue
            }
            devices[path] = fd
            problems[path] = nil
            opened.append(path)
        }
        return opened
    }

    public var nextDeadline: Int64 { nextScan }

    public func pollDescriptors() -> [pollfd] {
        devices.values.sorted().map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
    }

    /// Reads what the polled devices have; returns whether any of it was a visitor's doing.
    public func handle(_ fds: [pollfd]) -> Bool {
        var active = false
        for entry in fds where entry.revents != 0 {
            guard let path = devices.first(where: { $0.value == entry.fd })?.key else { continue }
            let result = LinuxSystem.drainInputEvents(entry.fd)
            if result > 0 { active = true }
            if result < 0 || entry.revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 {
                close(entry.fd)
                devices[path] = nil
                problems[path] = result < 0 ? "\(Errno(rawValue: -result))" : "device went away"
            }
        }
        return active
    }

    private func candidates() -> [String] {
        guard selection == ["all"] else { return selection }
        guard let folder = opendir("/dev/input") else { return [] }
        defer { closedir(folder) }
        var paths: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasPrefix("event") { paths.append("/dev/input/" + name) }
        }
        return paths.sorted()
    }
}
