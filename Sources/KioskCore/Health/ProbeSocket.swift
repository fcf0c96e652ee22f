#if canImport(Glibc)
import Glibc
#endif

/// A non-blocking socket that belongs to one probe attempt and is closed when it goes away.
///
/// Every call that could block waits in poll(2) for at most what is left until the caller's
/// deadline, so no probe outlives its timeout on a socket: a dead uplink makes connect(2) wait
/// for minutes, a captive portal can accept and then say nothing.
struct ProbeSocket: ~Copyable {
    let fd: Int32

    init(family: Int32, type: Int32, protocol proto: Int32 = 0) throws(Errno) {
        let flags = Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        fd = socket(family, type | flags, proto)
        if fd < 0 { throw Errno.current }
    }

    deinit { close(fd) }

    /// Waits until `events` (POLLIN, POLLOUT) are ready or `instant` passes; false on time out.
    /// POLLERR and POLLHUP count as ready: the next call on the socket reports them.
    func wait(for events: Int32, until instant: ContinuousClock.Instant) throws(Errno) -> Bool {
        try PollSet.waitOne(fd: fd, events: Int16(events), timeoutMs: Int64(instant.pollMillisecondsLeft)) != 0
    }

    /// `wait` for a probe: a time out or a poll failure becomes the probe's words.
    private func waitReady(_ events: Int32, deadline: ProbeDeadline) throws(ProbeFailure) {
        let ready: Bool
        do throws(Errno) {
            ready = try wait(for: events, until: deadline.end)
        } catch {
            throw .system(error)
        }
        if !ready { throw .timedOut(after: deadline.timeout) }
    }

    /// connect(2) that gives up at the deadline. Throws the kernel's words ("connection
    /// refused", "no route to host") or "timed out after …".
    func connect(to address: ProbeAddress, deadline: ProbeDeadline) throws(ProbeFailure) {
        let started = address.withSockaddr { Glibc.connect(fd, $0, $1) }
        if started == 0 { return }
        let code = errno
        if code != EINPROGRESS && code != EINTR { throw .system(Errno(rawValue: code)) }
        try waitReady(Int32(POLLOUT), deadline: deadline)
        var failure: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        if getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length) != 0 { throw .system(Errno.current) }
        if failure != 0 { throw .system(Errno(rawValue: failure)) }
    }

    /// Writes every byte (a connected socket), waiting for room until the deadline.
    func sendAll(_ bytes: [UInt8], deadline: ProbeDeadline) throws(ProbeFailure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if written >= 0 {
                offset += written
                continue
            }
            let code = errno
            if code == EINTR { continue }
            guard code == EAGAIN || code == EWOULDBLOCK else { throw .system(Errno(rawValue: code)) }
            try waitReady(Int32(POLLOUT), deadline: deadline)
        }
    }

    /// One datagram to `address` (unconnected sockets). Throws the kernel's errno untouched, so
    /// the caller can tell "network is unreachable" from a full buffer.
    func send(_ bytes: [UInt8], to address: ProbeAddress) throws(Errno) {
        while true {
            let sent = bytes.withUnsafeBytes { buffer in
                address.withSockaddr { Glibc.sendto(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL), $0, $1) }
            }
            if sent >= 0 { return }
            if errno != EINTR { throw Errno.current }
        }
    }

    /// What one recv(2) returns, waiting until `instant`: nil when the time ran out, an empty
    /// array at the end of a stream. `from` is the sender of a datagram.
    func receive(
        maxLength: Int = 65_536, until instant: ContinuousClock.Instant
    ) throws(Errno) -> (bytes: [UInt8], from: ProbeAddress?)? {
        var buffer = [UInt8](repeating: 0, count: maxLength)
        var sender = sockaddr_storage()
        while true {
            var senderLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let count = buffer.withUnsafeMutableBytes { bytes in
                withUnsafeMutablePointer(to: &sender) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        recvfrom(fd, bytes.baseAddress, bytes.count, 0, $0, &senderLength)
                    }
                }
            }
            if count >= 0 {
                let from = senderLength > 0
                    ? withUnsafeBytes(of: &sender) { ProbeAddress($0.baseAddress!, length: Int(senderLength)) }
                    : nil
                return (Array(buffer.prefix(count)), from)
            }
            let code = errno
            if code == EINTR { continue }
            guard code == EAGAIN || code == EWOULDBLOCK else { throw Errno(rawValue: code) }
            if try !wait(for: Int32(POLLIN), until: instant) { return nil }
        }
    }

    /// Sets an integer socket option; failures are ignored by callers that can do without it.
    @discardableResult
    func set(level: Int32, option: Int32, _ value: Int32) -> Bool {
        var value = value
        return setsockopt(fd, level, option, &value, socklen_t(MemoryLayout<Int32>.size)) == 0
    }
}
