import CLinux

/// Names the calling thread (at most 15 bytes), so `ps -L`, `top -H` and
/// `/proc/PID/task/TID/comm` tell kioskd's threads apart (`scripts/bench-led` finds the LED
/// thread by its name).
public func nameCurrentThread(_ name: String) {
    kiosk_set_thread_name(name)
}
