import Glibc
import KioskSystem
import Synchronization
import Testing

/// Signals the no-op handler of `aSignalDoesNotEndTheWaitEarly` has caught.
private let caughtSignals = Atomic<Int>(0)

/// The one wait on a single descriptor: readiness, hang-ups and bad numbers come back as events,
/// and only the time running out returns 0 — a signal does not.
@Suite struct PollSetWaitOneTests {
    /// A pipe whose ends close when their last reference goes: a write end not kept alive is a
    /// hang-up.
    private func pipe() throws -> (read: FileDescriptor, write: FileDescriptor) {
        let (read, write) = try LinuxSystem.pipeNonblocking()
        return (FileDescriptor(read), FileDescriptor(write))
    }

    @Test func aQuietDescriptorTimesOutAfterTheTimeAsked() throws {
        let (read, write) = try pipe()
        let started = ContinuousClock.now
        let ready = try withExtendedLifetime(write) {
            try PollSet.waitOne(fd: read.rawValue, events: Int16(POLLIN), timeoutMs: 50)
        }
        #expect(ready == 0)
        #expect(ContinuousClock.now - started >= .milliseconds(50))
    }

    @Test func aPipeHoldingAByteIsReadable() throws {
        let (read, write) = try pipe()
        try Errno.writeAll(write.rawValue, "x")
        let ready = try PollSet.waitOne(fd: read.rawValue, events: Int16(POLLIN), timeoutMs: 1000)
        #expect(ready == Int16(POLLIN))
    }

    @Test func aClosedWriteEndIsAHangUp() throws {
        let (read, write) = try pipe()
        write.close()
        let ready = try PollSet.waitOne(fd: read.rawValue, events: Int16(POLLIN), timeoutMs: 1000)
        #expect(ready & Int16(POLLHUP) != 0)
    }

    /// A number at the descriptor limit: never open, and no other test's thread can be given it
    /// meanwhile, as it could a number just closed.
    @Test func aDescriptorThatIsNotOpenIsReportedInvalid() throws {
        var limit = rlimit()
        #expect(getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0)
        let notOpen = Int32(clamping: limit.rlim_cur)
        #expect(try PollSet.waitOne(fd: notOpen, events: Int16(POLLIN), timeoutMs: 1000) == Int16(POLLNVAL))
    }

    /// A handler installed without SA_RESTART makes the waiting thread's poll(2) fail with EINTR
    /// each time a signal lands; the wait goes on for the time left.
    @Test func aSignalDoesNotEndTheWaitEarly() throws {
        let (read, write) = try pipe()
        defer { withExtendedLifetime(write) {} }
        let before = caughtSignals.load(ordering: .relaxed)
        var action = sigaction(), previous = sigaction()
        action.__sigaction_handler.sa_handler = { _ in caughtSignals.add(1, ordering: .relaxed) }
        action.sa_flags = 0
        sigemptyset(&action.sa_mask)
        #expect(sigaction(SIGURG, &action, &previous) == 0)
        defer { sigaction(SIGURG, &previous, nil) }

        let outcome = Mutex<(ready: Int16, waited: Duration)?>(nil)
        let waiter = try SystemThread.start("test-waitone", joinable: true) {
            var urgent = sigset_t()  // a new thread inherits the test runner's mask, which blocks it
            sigemptyset(&urgent)
            sigaddset(&urgent, SIGURG)
            pthread_sigmask(SIG_UNBLOCK, &urgent, nil)
            let started = ContinuousClock.now
            let ready = try? PollSet.waitOne(fd: read.rawValue, events: Int16(POLLIN), timeoutMs: 400)
            outcome.withLock { $0 = ready.map { (ready: $0, waited: ContinuousClock.now - started) } }
        }
        for _ in 0..<3 {
            usleep(50_000)
            #expect(pthread_kill(pthread_t(waiter.id), SIGURG) == 0)
        }
        waiter.join()

        #expect(caughtSignals.load(ordering: .relaxed) > before, "the signals reached the waiting thread")
        let result = try #require(outcome.withLock { $0 })
        #expect(result.ready == 0)
        #expect(result.waited >= .milliseconds(400))
    }
}
