import Foundation
import Synchronization
import Testing
import TestSupport
@testable import KioskCore

/// A program the probe tests start as a local server: a Python script using only the standard
/// library, which prints the port it bound on its first line of output and serves until killed.
final class LocalServer: Sendable {
    let port: UInt16
    private let process: Process
    private let folder: URL

    /// Starts `python3 -c script` and waits (at most 10 s) for the port it prints.
    init(python script: String, what: String) throws {
        guard let python = Self.python else {
            throw TestFailure("python3 is missing: the \(what) in this test is a Python script (apt-get install python3)")
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("probe-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let out = folder.appendingPathComponent("out"), err = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-u", "-c", script]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.runWithDefaultSignalMask()
        self.process = process
        var found: UInt16?
        let started = waitUntil(timeout: 10) {
            let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first, let port = UInt16(line.trimmed) { found = port }
            return found != nil || !process.isRunning
        }
        guard started, let found else {
            let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
            process.terminate()
            throw TestFailure("the \(what) did not start: \(stderr)")
        }
        port = found
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    static let python: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()
}

/// A TCP socket on 127.0.0.1 that listens and never accepts: the kernel completes handshakes
/// from its backlog, which is all a connect probe needs.
final class LocalListener: Sendable {
    let port: UInt16
    private let fd: Int32
    private let fillers = Mutex<[Int32]>([])

    init(backlog: Int32 = 16) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        guard fd >= 0 else { throw TestFailure("socket: \(Errno.current)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, backlog) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw TestFailure("listening on 127.0.0.1: \(Errno.current)") }
        port = UInt16(bigEndian: address.sin_port)
    }

    /// Connects until the accept queue is full: from then on the kernel drops new SYNs, and a
    /// connection attempt hangs like one to a host behind a dead uplink.
    func fillBacklog() throws {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        address.sin_port = port.bigEndian
        for _ in 0..<8 {
            let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            guard client >= 0 else { throw TestFailure("socket: \(Errno.current)") }
            fillers.withLock { $0.append(client) }
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        usleep(100_000)
    }

    deinit {
        close(fd)
        for client in fillers.withLock({ $0 }) { close(client) }
    }
}

/// A UDP socket on 127.0.0.1 that never answers: a DNS server that has gone silent.
final class SilentUDPServer: Sendable {
    let port: UInt16
    private let fd: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard fd >= 0, bound else { throw TestFailure("binding a UDP socket on 127.0.0.1: \(Errno.current)") }
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit { close(fd) }
}

/// A port on 127.0.0.1 where nothing listens (bound a moment ago, then released).
func closedPort() -> UInt16 { FreePort.next() }

/// Runs `body` on a thread of its own that has first moved into a new, empty network namespace
/// (only `lo`, brought up here) and returns what it returns.
///
/// A network namespace belongs to a thread, not the process, so the rest of the tests never see
/// it, and `/proc/sys/net` opened from that thread is the namespace's: a test can set
/// `net.ipv4.ping_group_range` there without touching the host's. The namespace goes away with
/// the thread. Needs root (CAP_SYS_ADMIN), as CI has.
func inFreshNetworkNamespace<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
    let outcome = Mutex<Result<T, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        defer { done.signal() }
        do {
            guard unshareThread(cloneNewNet) == 0 else {
                throw TestFailure("unshare(CLONE_NEWNET): \(Errno.current) — a new network namespace needs root (CAP_SYS_ADMIN)")
            }
            try bringLoopbackUp()
            let value = try body()
            outcome.withLock { $0 = .success(value) }
        } catch {
            outcome.withLock { $0 = .failure(error) }
        }
    }
    thread.start()
    guard done.wait(timeout: .now() + 30) == .success else { throw TestFailure("the namespace thread did not finish in 30 s") }
    return try outcome.withLock { $0! }.get()
}

/// unshare(2) is declared only with _GNU_SOURCE, which Swift's Glibc module lacks; it takes one
/// int and returns one, so binding the symbol directly is exact.
@_silgen_name("unshare") func unshareThread(_ flags: Int32) -> Int32
let cloneNewNet: Int32 = 0x4000_0000  // CLONE_NEWNET, <linux/sched.h>

/// `ip link set lo up` as the ioctl it is: a fresh namespace's loopback starts down.
private func bringLoopbackUp() throws {
    let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
    guard fd >= 0 else { throw TestFailure("socket: \(Errno.current)") }
    defer { close(fd) }
    var request = ifreq()
    withUnsafeMutableBytes(of: &request.ifr_ifrn.ifrn_name) { $0.copyBytes(from: Array("lo".utf8)) }
    guard ioctl(fd, UInt(SIOCGIFFLAGS), &request) == 0 else { throw TestFailure("SIOCGIFFLAGS lo: \(Errno.current)") }
    request.ifr_ifru.ifru_flags |= Int16(IFF_UP)
    guard ioctl(fd, UInt(SIOCSIFFLAGS), &request) == 0 else { throw TestFailure("SIOCSIFFLAGS lo: \(Errno.current)") }
}

/// Writes a sysctl file of the calling thread's network namespace.
func writeSysctl(_ path: String, _ value: String) throws {
    let fd = open(path, O_WRONLY)
    guard fd >= 0 else { throw TestFailure("open \(path): \(Errno.current)") }
    defer { close(fd) }
    let bytes = Array(value.utf8)
    guard write(fd, bytes, bytes.count) == bytes.count else { throw TestFailure("write \(path): \(Errno.current)") }
}

/// A fresh temporary folder, removed with its contents when the value goes away.
struct ProbeScratch: ~Copyable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/kioskd-probe-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func file(_ name: String, _ content: String) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try content.write(toFile: file, atomically: false, encoding: .utf8)
        return file
    }
}
