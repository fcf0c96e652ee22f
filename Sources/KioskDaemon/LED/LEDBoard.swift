import KioskCore
import KioskOutbox
import KioskGPIO

/// Every configured LED and what it shows, owned by the LED thread (behind the service's lock).
///
/// The board decides, for one instant, what each LED shows and when anything next changes; the
/// LED thread sleeps until then. Nothing here sleeps or loops on a timer: a board with steady
/// LEDs and no faults has no next change at all.
///
/// `@unchecked Sendable` because the drivers are classes without locks of their own: safe as the
/// board lives only inside `LEDAnimator`'s `Mutex`, so every driver call happens with that lock
/// held, one thread at a time.
struct LEDBoard: @unchecked Sendable {
    /// One `[led.NAME]`.
    struct Slot {
        var config: Config.LED
        /// nil for `driver = none`.
        var driver: (any LEDDriver)?
        var open = false
        var fault: LEDFault?
        var faultSinceWallMs: Int64?
        var retryAtMs: Int64 = 0
        /// The pattern shown and when it started: a pattern that stays the same keeps its phase.
        var pattern: LEDPattern = .off
        var patternStartMs: Int64 = 0
        var mode: LEDStatus.Mode = .normal
        /// What the driver was last told; nil when unknown (just opened).
        var lit: Bool?
        var refreshAtMs: Int64?
    }

    /// What an external request changed: identify and test override the policy for a while.
    enum Override: Equatable {
        case identify(startMs: Int64, untilMs: Int64)
        case test(startMs: Int64)
    }

    var slots: [Slot]
    var inputs = LEDInputs()
    var override: Override?
    var stopped = false
    /// Faults and recoveries for the main loop to record as `event`s.
    var events: [EventRecord] = []

    /// A missing chip or a busy line is tried again this often.
    static let retryMs: Int64 = 10_000

    init(_ leds: [Config.LED], makeDriver: (Config.LED) -> (any LEDDriver)?) {
        slots = leds.map { Slot(config: $0, driver: makeDriver($0)) }
    }

    /// When `led test` ends: one step per LED, then a step with all dark.
    func testEndMs(startMs: Int64) -> Int64 { startMs + Int64(slots.count + 1) * LEDPolicy.testStepMs }

    /// The pattern an LED shows at `nowMs` and since when, and the next time the choice itself
    /// changes (an identify or a test step ending).
    func choice(for index: Int, nowMs: Int64) -> (LEDPattern, startMs: Int64, mode: LEDStatus.Mode, changesAtMs: Int64?) {
        let role = slots[index].config.role
        if stopped { return (LEDPolicy.stopped(role: role), nowMs, .stopped, nil) }
        switch override {
        case .identify(let start, let until) where nowMs < until:
            return (LEDPolicy.identify, start, .identify, until)
        case .test(let start) where nowMs < testEndMs(startMs: start):
            let step = Int((nowMs - start) / LEDPolicy.testStepMs)
            let stepEnd = start + Int64(step + 1) * LEDPolicy.testStepMs
            return (step == index ? .on : .off, start + Int64(step) * LEDPolicy.testStepMs, .test, stepEnd)
        default:
            var faults = inputs.faults
            if role == .fault {
                // An LED that cannot be driven is itself a fault the fault LED shows.
                faults += slots.compactMap { slot in slot.fault.map { "LED \(slot.config.name): \($0)" } }
            }
            var own = inputs
            own.faults = faults
            return (LEDPolicy.pattern(role: role, inputs: own), slots[index].patternStartMs, .normal, nil)
        }
    }

    /// Brings every LED to what it should show at `nowMs`; returns when to run again (nil: not
    /// until something changes from outside).
    mutating func advance(nowMs: Int64, wallMs: Int64) -> Int64? {
        var next: Int64?
        func soonest(_ time: Int64?) {
            guard let time else { return }
            next = min(next ?? time, time)
        }
        if case .test(let start) = override, nowMs >= testEndMs(startMs: start) { override = nil }
        if case .identify(_, let until) = override, nowMs >= until { override = nil }
        for index in slots.indices {
            var (pattern, start, mode, changesAt) = choice(for: index, nowMs: nowMs)
            if mode == .normal && (pattern != slots[index].pattern || slots[index].mode != .normal) {
                start = nowMs  // a new pattern starts lit, now
                slots[index].patternStartMs = nowMs
            }
            slots[index].pattern = pattern
            slots[index].mode = mode
            soonest(changesAt)
            let level = LEDLevel(pattern, startMs: start, nowMs: nowMs)
            // Only an LED that is driven needs its edges: `none` and faulty LEDs wake nobody.
            guard slots[index].driver != nil else { continue }
            if !slots[index].open {
                guard nowMs >= slots[index].retryAtMs else {
                    soonest(slots[index].retryAtMs)
                    continue
                }
                guard open(index, nowMs: nowMs, wallMs: wallMs) else {
                    soonest(slots[index].retryAtMs)
                    continue
                }
            }
            soonest(level.nextEdgeMs)
            let refreshDue = slots[index].refreshAtMs.map { nowMs >= $0 } ?? false
            if slots[index].lit != level.lit || refreshDue {
                show(index, lit: level.lit, forMs: level.nextEdgeMs.map { $0 - nowMs }, nowMs: nowMs, wallMs: wallMs)
            }
            soonest(slots[index].open ? slots[index].refreshAtMs : slots[index].retryAtMs)
        }
        return next
    }

    private mutating func open(_ index: Int, nowMs: Int64, wallMs: Int64) -> Bool {
        guard let driver = slots[index].driver else { return false }
        do throws(LEDFault) {
            try driver.open()
            slots[index].open = true
            slots[index].lit = nil
            recovered(index)
            return true
        } catch {
            failed(index, error, nowMs: nowMs, wallMs: wallMs)
            return false
        }
    }

    private mutating func show(_ index: Int, lit: Bool, forMs: Int64?, nowMs: Int64, wallMs: Int64) {
        guard let driver = slots[index].driver else { return }
        do throws(LEDFault) {
            try driver.show(lit: lit, forMs: forMs)
            slots[index].lit = lit
            slots[index].refreshAtMs = lit && forMs == nil ? driver.refreshMs.map { nowMs + $0 } : nil
        } catch {
            // The device went away or was taken: let go, report, try again later.
            driver.close(leaving: false)
            slots[index].open = false
            failed(index, error, nowMs: nowMs, wallMs: wallMs)
        }
    }

    private mutating func failed(_ index: Int, _ fault: LEDFault, nowMs: Int64, wallMs: Int64) {
        slots[index].retryAtMs = nowMs + Self.retryMs
        slots[index].lit = nil
        slots[index].refreshAtMs = nil
        guard slots[index].fault != fault else { return }  // said once per fault, not per retry
        if slots[index].fault == nil { slots[index].faultSinceWallMs = wallMs }
        slots[index].fault = fault
        let led = slots[index].config
        Logger("led").error("LED cannot be driven; retrying every \(Self.retryMs / 1000) s", ["led": led.name, "role": led.role.rawValue, "error": fault.message])
        events.append(.ledFault(led: led.name, fault: fault))
    }

    private mutating func recovered(_ index: Int) {
        guard slots[index].fault != nil else { return }
        slots[index].fault = nil
        slots[index].faultSinceWallMs = nil
        let led = slots[index].config
        Logger("led").notice("LED driven again", ["led": led.name, "role": led.role.rawValue])
        events.append(.ledRecovered(led: led.name))
    }

    /// Leaves every LED in the state it shows now and lets go of it.
    mutating func release() {
        for index in slots.indices where slots[index].open {
            slots[index].driver?.close(leaving: slots[index].lit ?? false)
            slots[index].open = false
        }
    }

    var status: [LEDStatus] {
        slots.map { slot in
            LEDStatus(
                name: slot.config.name, role: slot.config.role.rawValue, driver: slot.config.driver.rawValue,
                pattern: slot.pattern.name, mode: slot.mode, fault: slot.fault?.message,
                faultSince: slot.faultSinceWallMs.map { KernelClock.rfc3339(milliseconds: $0) },
                note: slot.open ? slot.driver?.note : nil)
        }
    }
}
