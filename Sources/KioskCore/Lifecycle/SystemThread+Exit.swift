#if canImport(Glibc)
import Glibc
#endif

extension SystemThread {
    /// Starts one of kioskd's own service threads (the committer, the health prober, the LEDs,
    /// a summary). Without it the service would silently do nothing — records never synced —
    /// so a kernel that refuses the thread ends kioskd with the reason, and systemd starts it
    /// again.
    public static func startOrExit(_ name: String, _ body: @escaping @Sendable () -> Void) {
        do {
            try start(name, body)
        } catch {
            Logger("kioskd").error("cannot start a thread; exiting", ["thread": name, "reason": "\(error)"])
            exit(70)  // EX_SOFTWARE
        }
    }
}
