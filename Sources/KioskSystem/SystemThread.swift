#if canImport(Glibc)
import Glibc
#endif

/// A POSIX thread running one closure: the package's one thread primitive (FoundationEssentials
/// has no `Thread`).
///
/// Every thread blocks the signals kioskd handles itself, so they reach its main loop, and
/// SIGPIPE, so a write to a dead socket returns EPIPE instead of killing the process (OpenSSL
/// writes with write(2), without MSG_NOSIGNAL).
///
/// Why not Dispatch's global queues: on Linux their width follows the CPU count and they cannot
/// see a thread blocked in poll(2), so on a two-core kiosk three probes would run two at a time.
/// A thread of our own per blocking job costs ~20 µs and runs at once.
public struct SystemThread: Sendable {
    /// The `pthread_t`, as a plain Sendable integer.
    public let id: UInt

    /// The signals no thread but the main loop's receives.
    public static let blockedSignals = [SIGPIPE, SIGHUP, SIGINT, SIGTERM, SIGUSR1, SIGUSR2, SIGCHLD]

    /// Starts `body` on a new thread named `name` (`ps -L`, `top -H`; at most 15 bytes):
    /// joinable (`join` or `detach` it), or detached. `stackSize` nil is glibc's default (8 MiB
    /// of address space); short jobs ask for less, which a 32-bit (armhf) kiosk has little of.
    /// Throws the errno of pthread_create when the kernel refuses.
    @discardableResult
    public static func start(
        _ name: String, joinable: Bool = false, stackSize: Int? = nil, _ body: @escaping @Sendable () -> Void
    ) throws(Errno) -> SystemThread {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        if !joinable { pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED)) }
        if let stackSize { pthread_attr_setstacksize(&attributes, stackSize) }
        let job = Unmanaged.passRetained(Job(name: name, body)).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, &attributes, systemThreadEntry, job)
        guard started == 0 else {
            Unmanaged<Job>.fromOpaque(job).release()
            throw Errno(rawValue: started)
        }
        return SystemThread(id: UInt(thread))
    }

    /// Waits for a joinable thread to end. Only once it has signalled that it is ending.
    public func join() { _ = pthread_join(pthread_t(id), nil) }

    /// Lets a joinable thread that did not end in time finish on its own.
    public func detach() { _ = pthread_detach(pthread_t(id)) }

    fileprivate final class Job: Sendable {
        let name: String
        let body: @Sendable () -> Void
        init(name: String, _ body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }

    fileprivate static func blockSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in blockedSignals { sigaddset(&set, signal) }
        _ = pthread_sigmask(SIG_BLOCK, &set, nil)
    }
}

/// pthread entry point: a named global function, never a closure, so it is not actor-isolated.
private func systemThreadEntry(_ argument: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let argument else { return nil }
    let job = Unmanaged<SystemThread.Job>.fromOpaque(argument).takeRetainedValue()
    SystemThread.blockSignals()
    nameCurrentThread(job.name)
    job.body()
    return nil
}
