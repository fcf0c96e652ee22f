#if canImport(Glibc)
import Glibc
#endif
import KioskCore

/// The write end of the signal pipe. Only the signal handler reads it, and it is set once
/// before any handler is installed.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// The handler only writes the signal number into a pipe (async-signal-safe); the main loop
/// reads it and acts, outside signal context. (mosquitto `signals.c` does the same with flags.)
private func onSignal(_ signal: Int32) {
    let saved = errno
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(signalPipeWriteEnd, &byte, 1)
    errno = saved
}

/// SIGTERM, SIGINT and SIGHUP delivered as bytes on a pipe the main loop polls: a `WakePipe`
/// whose writer is the signal handler.
public final class SignalPipe {
    private let pipe: WakePipe
    public var readEnd: Int32 { pipe.readEnd }

    public init(signals: [Int32] = [SIGTERM, SIGINT, SIGHUP]) throws(Errno) {
        pipe = try WakePipe()
        signalPipeWriteEnd = pipe.writeEnd
        signal(SIGPIPE, SIG_IGN)
        // A parent may hand down a mask that blocks these (a test runner's worker thread does);
        // systemd resets it, but kioskd must stop on SIGTERM however it was started.
        var wanted = sigset_t()
        sigemptyset(&wanted)
        for number in signals { sigaddset(&wanted, number) }
        pthread_sigmask(SIG_UNBLOCK, &wanted, nil)
        for number in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = onSignal
            action.sa_flags = SA_RESTART
            sigemptyset(&action.sa_mask)
            sigaction(number, &action, nil)
        }
    }

    /// The signals received since the last call, oldest first.
    public func drain() -> [Int32] { pipe.drain().map { Int32($0) } }
}
