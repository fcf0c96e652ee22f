import Foundation
import Synchronization
import Testing
@testable import KioskCore

/// The one thread primitive: it runs its body, joins, and blocks the daemon's signals (the
/// detached threads of kioskd's services used not to: a SIGTERM could land on the committer).
@Suite struct SystemThreadTests {
    @Test func aJoinableThreadRunsItsBodyWithTheDaemonsSignalsBlocked() throws {
        let blocked = Mutex<[Int32]>([])
        let thread = try SystemThread.start(joinable: true) {
            var set = sigset_t()
            pthread_sigmask(SIG_BLOCK, nil, &set)
            blocked.withLock { list in list = SystemThread.blockedSignals.filter { sigismember(&set, $0) == 1 } }
        }
        thread.join()
        #expect(blocked.withLock { $0 } == SystemThread.blockedSignals)
    }

    @Test func aDetachedThreadWithASmallStackRuns() throws {
        let done = DispatchSemaphore(value: 0)
        try SystemThread.start(stackSize: 512 * 1024) { done.signal() }
        #expect(done.wait(timeout: .now() + 5) == .success)
    }
}
