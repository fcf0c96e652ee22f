#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import KioskCore

/// kioskd's control socket: newline-delimited JSON requests and replies over a Unix socket.
///
/// Driven by the main loop: `pollDescriptors()` says what to wait for, `handle(_:)` does the
/// work without ever blocking. A client that is malformed, too large, too slow or one too many
/// gets an error reply and is disconnected; it cannot hurt the daemon or the other clients.
///
/// A client is answered at the pace it reads: once `outputLimit` bytes of replies wait unread,
/// kioskd neither answers nor reads more from it until it reads (so a client that pipelines
/// without reading holds at most that much kioskd memory, plus one reply and one read chunk,
/// and is then timed out like any idle client).
public final class ControlServer {
    public struct Limits: Equatable, Sendable {
        public var maxClients: Int
        public var maxRequestSize: Int
        /// A client must complete a request within this time of connecting or of its last reply.
        public var idleTimeout: Duration

        public init(maxClients: Int, maxRequestSize: Int, idleTimeout: Duration) {
            self.maxClients = maxClients
            self.maxRequestSize = maxRequestSize
            self.idleTimeout = idleTimeout
        }
    }

    public let path: String
    public var limits: Limits
    public var policy: ControlPolicy
    private var commands: [String: ControlCommand] = [:]
    private let listening: FileDescriptor
    private var listener: Int32 { listening.rawValue }
    /// False for a socket systemd listens on (kioskd.socket): systemd made the file and removes it.
    public let ownsPath: Bool
    private var clients: [Int32: Client] = [:]
    private let log = Logger("control")

    /// Gives the socket file to `group` and lets its members in: a reload that changes only
    /// `[control] group` keeps the socket where it is. A socket systemd made (kioskd.socket)
    /// keeps systemd's group: `SocketGroup=` decides it.
    public func regroup(_ group: gid_t?, daemonUID: uid_t) throws(StartupError) {
        if ownsPath, let group, chown(path, uid_t.max, group) != 0 {
            throw StartupError("cannot give control socket \(path) to group \(group): \(Errno.current)")
        }
        policy = ControlPolicy(daemonUID: daemonUID, group: group ?? getgid())
    }

    /// Binds the socket: creates its folder, replaces a stale socket file, refuses to steal the
    /// socket of a kioskd that is still running, and sets mode 0660 and the group.
    public init(path: String, group: gid_t?, limits: Limits, policy: ControlPolicy) throws(StartupError) {
        self.path = path
        self.limits = limits
        self.policy = policy
        try Self.prepareFolder(of: path)
        if ControlServer.someoneListens(at: path) {
            throw StartupError("another kioskd is already listening on \(path)")
        }
        unlink(path)
        guard var address = UnixAddress(path: path) else {
            throw StartupError("control socket path is too long: \(path)")
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw StartupError("control socket: \(Errno.current)") }
        // Create the socket file with no access for others; chmod to 0660 once the group is set.
        let oldMask = umask(0o177)
        let bound = address.withSockaddr { bind(fd, $0, $1) }
        umask(oldMask)
        guard bound == 0 else {
            let reason = Errno.current
            close(fd)
            throw StartupError("cannot bind control socket \(path): \(reason)")
        }
        if let group, chown(path, uid_t.max, group) != 0 {
            let reason = Errno.current
            close(fd)
            throw StartupError("cannot give control socket \(path) to group \(group): \(reason)")
        }
        chmod(path, 0o660)
        guard listen(fd, 16) == 0 else {
            let reason = Errno.current
            close(fd)
            throw StartupError("cannot listen on \(path): \(reason)")
        }
        listening = FileDescriptor(fd)
        ownsPath = true
    }

    /// Serves on a socket systemd already listens on (socket activation, kioskd.socket): its
    /// file, mode and group are systemd's (`SocketMode=`, `SocketGroup=`); kioskd only accepts.
    public init(activated fd: Int32, path: String, limits: Limits, policy: ControlPolicy) {
        self.path = path
        self.limits = limits
        self.policy = policy
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        listening = FileDescriptor(fd)
        ownsPath = false
    }

    deinit { shutdown() }

    public func register(_ command: ControlCommand) { commands[command.name] = command }

    public var commandNames: [String] { commands.keys.sorted() }

    /// Closes every connection and removes the socket file.
    public func shutdown() {
        guard !listening.isClosed else { return }
        for fd in clients.keys { close(fd) }
        clients.removeAll()
        listening.close()
        if ownsPath { unlink(path) }
    }

    // MARK: main loop interface

    public func pollDescriptors() -> [pollfd] {
        var fds = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
        for (fd, client) in clients {
            var events = client.closing || isBacklogged(client) ? 0 : Int16(POLLIN)
            if !client.output.isEmpty { events |= Int16(POLLOUT) }
            fds.append(pollfd(fd: fd, events: events, revents: 0))
        }
        return fds
    }

    /// The earliest moment (monotonic ms) at which a client times out.
    public var nextDeadline: Int64? {
        clients.values.map { $0.deadline }.min()
    }

    public func handle(_ ready: [pollfd], now: Int64) {
        for event in ready where event.revents != 0 {
            if event.fd == listener {
                acceptClients(now: now)
            } else if let client = clients[event.fd] {
                if event.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 { read(client, now: now) }
                if clients[event.fd] != nil, event.revents & Int16(POLLOUT) != 0 { flush(client, now: now) }
                // Room again for replies: answer what was read while the client was behind.
                if clients[event.fd] != nil, !client.closing, !isBacklogged(client) {
                    answerCompleteLines(of: client, now: now)
                    flush(client, now: now)
                }
            }
        }
        expireIdle(now: now)
    }

    // MARK: clients

    private final class Client {
        let fd: Int32
        let peer: ControlPeer
        var input: [UInt8] = []
        var output: [UInt8] = []
        var deadline: Int64
        /// Set after a fatal error reply: flush it, read nothing more, then close.
        var closing = false

        init(fd: Int32, peer: ControlPeer, deadline: Int64) {
            self.fd = fd
            self.peer = peer
            self.deadline = deadline
        }
    }

    private var idleMs: Int64 { limits.idleTimeout.inMilliseconds }

    /// Replies a client may leave unread before kioskd stops answering (and reading) it.
    var outputLimit: Int { 4 * limits.maxRequestSize + 1_048_576 }

    private func isBacklogged(_ client: Client) -> Bool { client.output.count >= outputLimit }

    private func acceptClients(now: Int64) {
        while true {
            let fd = LinuxSystem.acceptNonblocking(listener)
            if fd < 0 {
                if errno == EINTR { continue }
                if errno != EAGAIN && errno != EWOULDBLOCK { log.warning("accept failed", ["error": "\(Errno.current)"]) }
                return
            }
            if clients.count >= limits.maxClients { reapClosed() }
            guard clients.count < limits.maxClients else {
                let busy = ControlError(.busy, "too many control clients (limit \(limits.maxClients)); try again")
                var line = Self.encodeReply(id: nil, result: .failure(busy))
                line.append(UInt8(ascii: "\n"))
                _ = line.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                close(fd)
                log.notice("refused a control client: too many", ["limit": "\(limits.maxClients)"])
                continue
            }
            guard let peer = ControlPeer.of(socket: fd) else {
                close(fd)
                continue
            }
            clients[fd] = Client(fd: fd, peer: peer, deadline: now + idleMs)
        }
    }

    /// Drops clients that hung up but whose end of file the loop has not read yet, so that they
    /// do not count against the limit.
    private func reapClosed() {
        var probe: UInt8 = 0
        for client in clients.values where recv(client.fd, &probe, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) == 0 {
            drop(client)
        }
    }

    private func read(_ client: Client, now: Int64) {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !client.closing && !isBacklogged(client) {
            let n = chunk.withUnsafeMutableBytes { recv(client.fd, $0.baseAddress, $0.count, 0) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { break }
                drop(client)
                return
            }
            if n == 0 {
                // The client is done sending; answer what it sent, then close.
                client.closing = true
                if client.output.isEmpty { drop(client) }
                return
            }
            client.input.append(contentsOf: chunk[..<n])
            answerCompleteLines(of: client, now: now)
        }
        flush(client, now: now)
    }

    /// Answers the complete request lines read so far, until the replies reach `outputLimit`
    /// (the rest waits, unread by kioskd, until the client reads).
    private func answerCompleteLines(of client: Client, now: Int64) {
        while !isBacklogged(client), let newline = client.input.firstIndex(of: UInt8(ascii: "\n")) {
            let line = client.input[..<newline]
            let reply = answer(line.last == UInt8(ascii: "\r") ? line.dropLast() : line, from: client.peer)
            client.input.removeSubrange(...newline)
            client.output.append(contentsOf: reply)
            client.output.append(UInt8(ascii: "\n"))
            client.deadline = now + idleMs
        }
        if client.input.count > limits.maxRequestSize && !client.input.contains(UInt8(ascii: "\n")) {
            fail(client, ControlError(.tooLarge, "request longer than \(limits.maxRequestSize) bytes"))
        }
    }

    /// Replies with a final error, then closes once the reply is written.
    private func fail(_ client: Client, _ error: ControlError) {
        client.input.removeAll()
        client.output.append(contentsOf: Self.encodeReply(id: nil, result: .failure(error)))
        client.output.append(UInt8(ascii: "\n"))
        client.closing = true
        log.notice("dropped a control client", ["reason": error.message, "pid": "\(client.peer.pid)", "uid": "\(client.peer.uid)"])
    }

    /// Writes what the socket takes; a client that reads its replies is not idle.
    private func flush(_ client: Client, now: Int64) {
        while !client.output.isEmpty {
            let n = client.output.withUnsafeBytes { send(client.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { break }
                drop(client)
                return
            }
            client.output.removeFirst(n)
            if !client.closing { client.deadline = now + idleMs }
        }
        if client.closing && client.output.isEmpty { drop(client) }
    }

    private func drop(_ client: Client) {
        close(client.fd)
        clients[client.fd] = nil
    }

    private func expireIdle(now: Int64) {
        for client in clients.values where client.deadline <= now {
            if client.closing {
                drop(client)  // it would not even read its error reply
                continue
            }
            fail(client, ControlError(.timeout, "no complete request within \(limits.idleTimeout.inMilliseconds) ms"))
            client.deadline = now + idleMs
            flush(client, now: now)
        }
    }

    // MARK: requests

    private func answer(_ line: ArraySlice<UInt8>, from peer: ControlPeer) -> [UInt8] {
        let request: ControlRequest
        switch ControlRequest.parse(line) {
        case .success(let parsed): request = parsed
        case .failure(let error): return Self.encodeReply(id: nil, result: .failure(error))
        }
        guard let command = commands[request.cmd] else {
            let known = commandNames.joined(separator: ", ")
            return Self.encodeReply(
                id: request.id,
                result: .failure(ControlError(.unknownCommand, "unknown command \"\(request.cmd)\"; known: \(known)")))
        }
        if command.changesState && !policy.mayChangeState(peer) {
            log.notice("refused a state change", ["cmd": command.name, "uid": "\(peer.uid)", "pid": "\(peer.pid)"])
            return Self.encodeReply(
                id: request.id,
                result: .failure(ControlError(
                    .forbidden, "\"\(command.name)\" changes state: allowed to root, kioskd's user and the socket's group only",
                    reason: ConfigReason("forbidden", ["command": command.name]))))
        }
        do throws(ControlError) {
            let result = try command.run(request.args ?? [:], peer)
            return Self.encodeReply(id: request.id, result: .success(result))
        } catch {
            return Self.encodeReply(id: request.id, result: .failure(error))
        }
    }

    static func encodeReply(id: JSONValue?, result: Result<any Encodable, ControlError>) -> [UInt8] {
        switch result {
        case .success(let value):
            if let bytes = try? encode(id: id, value) { return bytes }
            return encodeReply(id: id, result: .failure(ControlError(.failed, "internal error: reply could not be encoded")))
        case .failure(let error):
            return (try? JSON.line(ReplyLine<Int>(id: id, ok: false, result: nil, error: error))) ?? Array("{\"ok\":false}".utf8)
        }
    }

    private static func encode<R: Encodable>(id: JSONValue?, _ value: R) throws -> [UInt8] {
        try JSON.line(ReplyLine(id: id, ok: true, result: value, error: nil))
    }

    private struct ReplyLine<R: Encodable>: Encodable {
        var id: JSONValue?
        var ok: Bool
        var result: R?
        var error: ControlError?

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id ?? .null, forKey: .id)
            try c.encode(ok, forKey: .ok)
            try c.encodeIfPresent(result, forKey: .result)
            try c.encodeIfPresent(error, forKey: .error)
        }

        enum CodingKeys: String, CodingKey { case id, ok, result, error }
    }

    // MARK: helpers

    private static func prepareFolder(of path: String) throws(StartupError) {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return }
        let folder = String(path[..<slash])
        do throws(Errno) {
            try FileSystem.makeDirectories(folder, mode: 0o755)
        } catch {
            throw StartupError("cannot create the control socket's folder \(folder): \(error)")
        }
    }

    private static func someoneListens(at path: String) -> Bool {
        (try? ControlClient(path: path, timeout: .seconds(1))) != nil
    }
}
