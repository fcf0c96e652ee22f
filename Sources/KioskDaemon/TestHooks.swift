#if DEBUG || KIOSK_TEST_HOOKS
#if canImport(Glibc)
import Glibc
#endif
import KioskCore

/// Pauses that hold a race window open for a test, set by environment variables; they exist
/// only in debug builds (and the benchmark's release build, `-DKIOSK_TEST_HOOKS`), like the
/// debug control commands.
enum TestHooks {
    /// `KIOSK_TEST_PAUSE_AFTER_BROKER_RESTART_MS`: how long a reload that restarted the broker
    /// client (a new device name or topic prefix) waits right after starting it, with the new
    /// client already connecting and publishing, before the reload goes on.
    static func pauseAfterBrokerRestart() {
        guard let text = getenv("KIOSK_TEST_PAUSE_AFTER_BROKER_RESTART_MS"), let ms = Int64(String(cString: text)), ms > 0 else { return }
        let until = KernelClock.monotonicMilliseconds() + ms
        while KernelClock.monotonicMilliseconds() < until { usleep(10_000) }
    }
}
#endif
