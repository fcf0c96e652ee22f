#if canImport(Glibc)
import Glibc
#endif
import KioskCore
import KioskOutbox
import KioskGPIO
import Synchronization

/// The status LEDs: a thread of their own that sleeps until the next edge of any LED's pattern.
///
/// The main loop hands it `LEDInputs` (`update`); identify and test come from the control socket
/// or the broker. Every driver call happens on the LED thread, under `board`'s lock, which
/// `status` also takes briefly. A fault (missing chip, busy line, permission) is retried every
/// 10 s, reported in `status` and as an `led-fault` event; it never stops anything else.
///
/// Between edges the thread does not wake: it is woken only by an edge, an input that changed,
/// a retry while an LED is faulty, or (a dead-man LED lit steadily, as in `led test`) a re-arm
/// every second.
final class LEDAnimator: Sendable {
    private let board: Mutex<LEDBoard>
    private let wake: WakePipe
    private let finished: WakePipe
    private let stopping = Atomic<Bool>(false)

    init(leds: [Config.LED], makeDriver: (Config.LED) -> (any LEDDriver)? = LEDDrivers.make) throws(Errno) {
        board = Mutex(LEDBoard(leds, makeDriver: makeDriver))
        wake = try WakePipe()
        finished = try WakePipe()
    }

    var isEmpty: Bool { board.withLock { $0.slots.isEmpty } }

    func start() {
        SystemThread.startOrExit("kioskd-led") { [self] in run() }
    }

    /// New inputs from the main loop; the thread is woken only when they differ.
    func update(_ inputs: LEDInputs) {
        let changed = board.withLock { board in
            guard board.inputs != inputs else { return false }
            board.inputs = inputs
            return true
        }
        if changed { wake.signal() }
    }

    /// A reload changed the `[led.*]` sections: the old LEDs are let go as they are and the new
    /// ones taken; an identify or test under way goes on.
    func reconfigure(leds: [Config.LED], makeDriver: (Config.LED) -> (any LEDDriver)? = LEDDrivers.make) {
        board.withLock { board in
            board.release()
            var fresh = LEDBoard(leds, makeDriver: makeDriver)
            fresh.inputs = board.inputs
            fresh.override = board.override
            fresh.events = board.events
            board = fresh
        }
        wake.signal()
    }

    /// Every LED blinks together for `seconds` (0 ends an identify under way).
    func identify(seconds: Int) {
        let now = KernelClock.monotonicMilliseconds()
        board.withLock { $0.override = seconds > 0 ? .identify(startMs: now, untilMs: now + Int64(seconds) * 1000) : nil }
        wake.signal()
    }

    /// Lights each LED in turn for a second, then all dark for a second, then back to normal.
    /// Returns the LEDs in the order they light.
    func test() -> [LEDStatus] {
        let now = KernelClock.monotonicMilliseconds()
        let order = board.withLock { board in
            board.override = .test(startMs: now)
            return board.status
        }
        wake.signal()
        return order
    }

    var status: [LEDStatus] { board.withLock { $0.status } }

    /// Faults and recoveries since the last call, for the main loop to record.
    func takeEvents() -> [EventRecord] {
        board.withLock { board in
            defer { board.events.removeAll() }
            return board.events
        }
    }

    /// Shows the "agent stopped" state and ends the thread (waits at most a second, and not
    /// past `deadline`). The LEDs stay held until kioskd exits, when the kernel lets go of the
    /// lines (a GPIO line keeps its level on real hardware; a sysfs LED keeps its brightness).
    func stop(by deadline: Int64) {
        stopping.store(true, ordering: .relaxed)
        wake.signal()
        finished.wait(timeout: stopWait(until: deadline, atMost: .seconds(1)))
    }

    private func run() {
        defer { finished.signal() }
        while true {
            let stop = stopping.load(ordering: .relaxed)
            let next = board.withLock { board in
                if stop { board.stopped = true }
                let before = board.events.count
                var next = board.advance(nowMs: KernelClock.monotonicMilliseconds(), wallMs: KernelClock.wallMilliseconds())
                // A fault found in this pass changes what the fault LED shows.
                if board.events.count != before { next = board.advance(nowMs: KernelClock.monotonicMilliseconds(), wallMs: KernelClock.wallMilliseconds()) }
                return next
            }
            if stop { return }
            if Self.sleep(until: next, on: wake) { wake.drain() }
        }
    }

    /// Sleeps until the monotonic millisecond `deadline` (forever when nil) or a signal on
    /// `wake`; true when signalled. Measured in nanoseconds so the wake-up lands on the edge,
    /// not up to a millisecond early.
    static func sleep(until deadline: Int64?, on wake: WakePipe) -> Bool {
        while true {
            var timeoutMs: Int64 = -1
            if let deadline {
                var now = timespec()
                clock_gettime(CLOCK_BOOTTIME, &now)  // the clock of KernelClock.monotonicMilliseconds
                let leftNs = deadline * 1_000_000 - (Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec))
                if leftNs <= 0 { return false }
                timeoutMs = (leftNs + 999_999) / 1_000_000
            }
            guard let ready = try? PollSet.waitOne(fd: wake.readEnd, events: Int16(POLLIN), timeoutMs: timeoutMs) else { return false }
            if ready != 0 { return true }
        }
    }
}
