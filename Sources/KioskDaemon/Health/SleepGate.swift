#if canImport(Glibc)
import Glibc
#endif
import CLinux
import KioskCore

/// A sleep another thread can cut short: poll(2) on a pipe with a timeout. No busy waiting and
/// no wake-up between rounds.
final class SleepGate: Sendable {
    private let readEnd: Int32
    private let writeEnd: Int32

    init() {
        var ends: [Int32] = [-1, -1]
        _ = kiosk_pipe_nonblocking(&ends)
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Ends the current (or next) sleep at once.
    func open() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    func sleep(milliseconds: Int64) {
        var pfd = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
        _ = poll(&pfd, 1, Int32(clamping: milliseconds))
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readEnd, &buffer, buffer.count) > 0 {}
    }
}

/// A thread that runs `body` once and is never joined (FoundationEssentials has no Thread).
final class DetachedThread: Sendable {
    private let body: @Sendable () -> Void

    init(_ body: @escaping @Sendable () -> Void) { self.body = body }

    func start() {
        let box = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        pthread_create(&thread, nil, { raw in
            let me = Unmanaged<DetachedThread>.fromOpaque(raw!).takeRetainedValue()
            me.body()
            return nil
        }, box)
        pthread_detach(thread)
    }
}
