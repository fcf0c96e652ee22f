import CMosquitto
import KioskCore
#if canImport(Glibc)
import Glibc
#endif

/// A self-pipe: one thread writes a byte, another thread's poll(2) wakes at once.
///
/// The network thread sleeps in poll() on the broker socket; `stop` and `update` must not wait
/// for the next keepalive tick to be noticed, so they signal this pipe, which is in the same
/// poll set. Both ends are non-blocking: a signal that finds the pipe full is already pending.
final class WakePipe: Sendable {
    let readEnd: Int32
    let writeEnd: Int32

    init() throws(MosquittoError) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            throw MosquittoError(MOSQ_ERR_ERRNO, systemCode: errno)
        }
        for fd in ends {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    func signal() {
        var byte: UInt8 = 1
        while write(writeEnd, &byte, 1) < 0 && errno == EINTR {}
    }

    /// Empties the pipe so the next poll() sleeps again.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readEnd, &buffer, buffer.count) > 0 {}
    }

    /// Waits until signalled or `timeout` passes; true when signalled. Leaves the byte in place.
    func wait(timeout: Duration) -> Bool {
        let deadline = KernelClock.monotonicMilliseconds() + DurationUnits.milliseconds(timeout)
        while true {
            let left = deadline - KernelClock.monotonicMilliseconds()
            var fd = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
            let n = poll(&fd, 1, Int32(clamping: max(0, left)))
            if n > 0 { return true }
            if n == 0 || errno != EINTR { return false }
        }
    }
}
