import CMosquitto
#if canImport(Glibc)
import Glibc
#endif

/// A POSIX thread running one closure: the broker client's network thread.
///
/// FoundationEssentials has no `Thread`, and every libmosquitto call must come from one thread
/// the client owns. The thread blocks the signals a daemon handles itself (so they reach the
/// daemon's own threads) and SIGPIPE (so a write to a dead TLS connection returns EPIPE instead
/// of killing the process: OpenSSL writes with write(2), without MSG_NOSIGNAL).
enum NetworkThread {
    /// A thread's `pthread_t`, as a plain Sendable integer.
    typealias ID = UInt

    /// Starts `body` on a new joinable thread; returns its id, or the errno of pthread_create.
    static func start(_ body: @escaping @Sendable () -> Void) -> Result<ID, MosquittoError> {
        let box = Unmanaged.passRetained(ThreadBody(body))
        var thread = pthread_t()
        let rc = pthread_create(&thread, nil, networkThreadEntry, box.toOpaque())
        guard rc == 0 else {
            box.release()
            return .failure(MosquittoError(MOSQ_ERR_ERRNO, systemCode: rc))
        }
        return .success(ID(thread))
    }

    /// Waits for the thread to end. Only call once the thread has signalled that it is ending.
    static func join(_ thread: ID) {
        _ = pthread_join(pthread_t(thread), nil)
    }

    /// Lets a thread that did not end in time finish on its own, releasing its resources then.
    static func detach(_ thread: ID) {
        _ = pthread_detach(pthread_t(thread))
    }

    fileprivate static func blockSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in [SIGPIPE, SIGHUP, SIGINT, SIGTERM, SIGUSR1, SIGUSR2, SIGCHLD] {
            sigaddset(&set, signal)
        }
        _ = pthread_sigmask(SIG_BLOCK, &set, nil)
    }
}

/// The closure, boxed so it can travel through pthread_create's `void *` argument.
private final class ThreadBody {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}

/// pthread entry point: a named global function, never a closure, so it is not actor-isolated.
private func networkThreadEntry(_ argument: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let argument else { return nil }
    let body = Unmanaged<ThreadBody>.fromOpaque(argument).takeRetainedValue()
    NetworkThread.blockSignals()
    body.run()
    return nil
}
