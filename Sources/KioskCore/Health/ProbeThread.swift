#if canImport(Glibc)
import Glibc
#endif

/// A detached POSIX thread for work that blocks: a probe waiting on the network, or
/// getaddrinfo, which cannot be interrupted.
///
/// Why not Dispatch's global queues: on Linux their width follows the CPU count and they cannot
/// see a thread blocked in poll(2), so on a two-core kiosk three probes would run two at a time.
/// A thread of our own per blocking job costs ~20 µs and runs at once.
enum ProbeThread {
    /// Starts `body` on a new detached thread; false when the kernel refuses a thread (the
    /// caller then does the work itself).
    static func detach(_ body: @escaping @Sendable () -> Void) -> Bool {
        let job = Unmanaged.passRetained(Job(body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        // glibc's default is 8 MiB of address space per thread; probes need a fraction of that,
        // and a 32-bit (armhf) kiosk has little address space to spare.
        pthread_attr_setstacksize(&attributes, 512 * 1024)
        var thread = pthread_t()
        let started = pthread_create(&thread, &attributes, { raw in
            Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue().body()
            return nil
        }, job)
        if started != 0 {
            Unmanaged<Job>.fromOpaque(job).release()
            return false
        }
        return true
    }

    private final class Job: Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
}
