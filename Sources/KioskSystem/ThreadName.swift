#if canImport(Glibc)
import Glibc
#endif

/// Names the calling thread (at most 15 bytes), so `ps -L`, `top -H` and
/// `/proc/PID/task/TID/comm` tell kioskd's threads apart (`scripts/bench/led` finds the LED
/// thread by its name). Written to /proc/thread-self/comm, as prctl(PR_SET_NAME) would set it
/// (prctl is variadic, which Swift cannot call); a failure leaves the name as it was.
public func nameCurrentThread(_ name: String) {
    let fd = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
    guard fd >= 0 else { return }
    defer { close(fd) }
    let bytes = Array(name.utf8.prefix(15))
    _ = write(fd, bytes, bytes.count)
}
