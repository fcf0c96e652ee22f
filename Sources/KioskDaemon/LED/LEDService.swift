import KioskCore
import KioskOutbox

/// The status LEDs as one of kioskd's services: the animator's thread drives the lines; this
/// main-loop side hands it, every turn, what the other services report, and stores the
/// animator's `led-fault` events.
///
/// Started last and so stopped first: the "agent stopped" state shows at once while the
/// others stop, and is held until kioskd exits.
final class LEDService: Service {
    let name = "leds"
    let animator: LEDAnimator
    private let recorder: Recorder
    private let inputs: (Int64) -> LEDInputs

    /// - Parameter inputs: what the LEDs show at a monotonic millisecond, from the other services.
    init(config: Config, recorder: Recorder, inputs: @escaping (Int64) -> LEDInputs) throws(StartupError) {
        self.recorder = recorder
        self.inputs = inputs
        do throws(Errno) {
            animator = try LEDAnimator(leds: config.leds)
        } catch {
            throw StartupError("cannot set up the LED thread: \(error)")
        }
    }

    func start() { animator.start() }

    func stop(by deadline: Int64) { animator.stop(by: deadline) }

    func apply(_ reload: Reload) -> [String] {
        guard reload.new.leds != reload.old.leds else { return [] }
        animator.reconfigure(leds: reload.new.leds)
        return ["\(reload.new.leds.count) LED(s)"]
    }

    func tick(now: Int64) {
        animator.update(inputs(now))
        for event in animator.takeEvents() { recorder.event(event) }
    }
}
