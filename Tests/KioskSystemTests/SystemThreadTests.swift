import Foundation
import Synchronization
import Testing
@testable import KioskSystem

/// The one thread primitive: it runs its body named, joins, and blocks the daemon's signals (the
/// detached threads of kioskd's services used not to: a SIGTERM could land on the committer).
@Suite struct SystemThreadTests {
    @Test func aJoinableThreadRunsItsBodyWithTheDaemonsSignalsBlocked() throws {
        let blocked = Mutex<[Int32]>([])
        let name = Mutex<String>("")
        let thread = try SystemThread.start("test-thread", joinable: true) {
            let comm = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
            name.withLock { $0 = comm }
            var set = sigset_t()
            pthread_sigmask(SIG_BLOCK, nil, &set)
            blocked.withLock { list in list = SystemThread.blockedSignals.filter { sigismember(&set, $0) == 1 } }
        }
        thread.join()
        #expect(blocked.withLock { $0 } == SystemThread.blockedSignals)
        #expect(name.withLock { $0 } == "test-thread\n", "ps -L shows the thread's name")
    }

    @Test func aDetachedThreadWithASmallStackRuns() throws {
        let done = DispatchSemaphore(value: 0)
        try SystemThread.start("test-small", stackSize: 512 * 1024) { done.signal() }
        #expect(done.wait(timeout: .now() + 5) == .success)
    }
}
