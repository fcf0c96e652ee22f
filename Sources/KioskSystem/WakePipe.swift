#if canImport(Glibc)
import Glibc
#endif

/// A self-pipe: one thread writes a byte, another thread's poll(2) wakes at once.
///
/// The broker client's network thread sleeps in poll() on the broker socket and the health
/// thread between probe rounds; a stop or a new setting must not wait for the next tick to be
/// noticed, so they signal this pipe, which is in the same poll set. Both ends are non-blocking
/// (and close on exec): a signal that finds the pipe full is already pending.
///
/// kioskd's `SignalPipe` is one too: its signal handler writes the signal's number.
public final class WakePipe: Sendable {
    public let readEnd: Int32
    public let writeEnd: Int32

    public init() throws(Errno) {
        (readEnd, writeEnd) = try LinuxSystem.pipeNonblocking()
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    public func signal() {
        var byte: UInt8 = 1
        while write(writeEnd, &byte, 1) < 0 && errno == EINTR {}
    }

    /// Empties the pipe so the next poll() sleeps again; returns the bytes it held.
    @discardableResult
    public func drain() -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(readEnd, &buffer, buffer.count)
            if n <= 0 { return bytes }
            bytes.append(contentsOf: buffer[..<n])
        }
    }

    /// Waits until signalled or `timeout` passes; true when signalled. Leaves the byte in place.
    @discardableResult
    public func wait(timeout: Duration) -> Bool {
        let ready = try? PollSet.waitOne(fd: readEnd, events: Int16(POLLIN), timeoutMs: max(0, timeout.inMilliseconds))
        return (ready ?? 0) != 0
    }
}
