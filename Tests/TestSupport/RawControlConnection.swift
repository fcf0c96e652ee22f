import Foundation
import KioskCore

/// A hostile or careless client of kioskd's control socket: non-blocking, it sends whatever
/// bytes a test gives (however malformed), as fast or as slowly as the test likes, and reads
/// only when told to. `ControlClient` is the well-behaved client; this one is for the rest.
public final class RawControlConnection {
    public let fd: Int32
    private var received: [UInt8] = []
    /// Why the last send or receive failed, for failure messages.
    public private(set) var lastError: String?

    public init(path: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0, var address = UnixAddress(path: path) else { throw TestFailure("cannot make a Unix socket") }
        let rc = address.withSockaddr { connect(fd, $0, $1) }
        guard rc == 0 else {
            let reason = Errno.current
            Glibc.close(fd)
            throw TestFailure("cannot connect to \(path): \(reason)")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    deinit { Glibc.close(fd) }

    /// Sends what the socket takes now; nil once the peer is gone (EPIPE, ECONNRESET).
    public func sendSome(_ bytes: ArraySlice<UInt8>) -> Int? {
        while true {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n >= 0 { return n }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return 0 }
            lastError = "send: \(Errno.current)"
            return nil
        }
    }

    /// Sends all of `bytes`, waiting for room (at most `timeout` seconds); false if the peer left
    /// or the time ran out.
    @discardableResult
    public func sendAll(_ bytes: [UInt8], timeout: TimeInterval = 5) -> Bool {
        var offset = 0
        let deadline = Date().addingTimeInterval(timeout)
        while offset < bytes.count {
            guard let n = sendSome(bytes[offset...]) else { return false }
            offset += n
            if n == 0 {
                if Date() > deadline { return false }
                var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                _ = poll(&pfd, 1, 50)
            }
        }
        return true
    }

    /// Sends `unit` over and over for `seconds`, never reading; returns the bytes the socket
    /// took, and whether the peer closed the connection meanwhile.
    public func flood(_ unit: [UInt8], seconds: TimeInterval) -> (bytes: Int, closedByPeer: Bool) {
        var batch: [UInt8] = []
        while batch.count < 65_536 { batch += unit }
        var total = 0
        var offset = 0
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard let n = sendSome(batch[offset...]) else { return (total, true) }
            total += n
            offset = (offset + n) % batch.count
            if n == 0 {
                var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                _ = poll(&pfd, 1, 20)
            }
        }
        return (total, false)
    }

    /// Reads complete lines until `count` arrived or `timeout` passes with nothing new; nil
    /// entries never appear: a closed connection just ends the list early.
    public func readLines(_ count: Int, timeout: TimeInterval = 5) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        while lines.count < count {
            if let newline = received.firstIndex(of: 10) {
                lines.append(Array(received[..<newline]))
                received.removeSubrange(...newline)
                continue
            }
            guard readSome(timeout: timeout) else { break }
        }
        return lines
    }

    /// Waits for the peer to close (reading and discarding what it sends); true if it did.
    public func waitForClose(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, 50) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let n = recv(fd, &chunk, chunk.count, 0)
            if n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR) { return true }
        }
        return false
    }

    /// Waits for the peer to close without reading anything (a client that never reads):
    /// true once the socket reports the hang-up.
    public func waitForHangUp(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var pfd = pollfd(fd: fd, events: 0, revents: 0)
            if poll(&pfd, 1, 50) > 0, pfd.revents & Int16(POLLHUP | POLLERR) != 0 { return true }
        }
        return false
    }

    /// One read into the buffer; false on timeout or end of file.
    private func readSome(timeout: TimeInterval) -> Bool {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, Int32(timeout * 1000)) > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let n = recv(fd, &chunk, chunk.count, 0)
        guard n > 0 else { return false }
        received += chunk[..<n]
        return true
    }
}
