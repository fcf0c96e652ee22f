import KioskCore
import KioskOutbox

/// The status LEDs as one of kioskd's services: the animator's thread drives the lines; this
/// main-loop side hands it, every turn, what the other services report, and stores the
/// animator's `led-fault` events.
///
/// Started last and so stopped first: the "agent stopped" state shows at once while the
/// others stop, and is held until kioskd exits. With no `[led.*]` configured the thread is not
/// started at all (a reload that adds LEDs starts it), and the main loop computes no inputs.
final class LEDService: Service {
    let name = "leds"
    let animator: LEDAnimator
    private let recorder: Recorder
    private let inputs: (Int64) -> LEDInputs
    private var leds: [Config.LED]
    private var threadStarted = false

    /// - Parameter inputs: what the LEDs show at a monotonic millisecond, from the other services.
    init(config: Config, recorder: Recorder, inputs: @escaping (Int64) -> LEDInputs) throws(StartupError) {
        self.recorder = recorder
        self.inputs = inputs
        leds = config.leds
        do throws(Errno) {
            animator = try LEDAnimator(leds: config.leds)
        } catch {
            throw StartupError("cannot set up the LED thread: \(error)")
        }
    }

    func start() { startThreadIfLEDs() }

    func stop(by deadline: Int64) {
        if threadStarted { animator.stop(by: deadline) }
    }

    func apply(_ reload: Reload) -> [String] {
        guard reload.new.leds != leds else { return [] }
        leds = reload.new.leds
        animator.reconfigure(leds: leds)
        startThreadIfLEDs()
        return ["\(leds.count) LED(s)"]
    }

    func tick(now: Int64) {
        guard threadStarted else { return }
        animator.update(inputs(now))
        for event in animator.takeEvents() { recorder.event(event) }
    }

    private func startThreadIfLEDs() {
        guard !threadStarted, !leds.isEmpty else { return }
        threadStarted = true
        animator.start()
    }
}
