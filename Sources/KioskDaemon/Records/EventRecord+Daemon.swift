import KioskCore
import KioskGPIO
import KioskOutbox

/// The events only kioskd's own services make: a previous run that did not stop cleanly, and
/// the LEDs' faults.
extension EventRecord {
    static func unclean(_ previous: RunMarker, lastRecord: String?) -> EventRecord {
        let crash = previous.boot == KernelClock.bootID
        var event = EventRecord(
            kind: "unclean-shutdown",
            message: crash ? "kioskd was killed or crashed; it did not stop cleanly" : "the kiosk lost power or crashed while kioskd was running")
        event.cause = crash ? "crash" : "power-loss"
        event.previousBoot = previous.boot
        event.previousStart = KernelClock.rfc3339(milliseconds: previous.startedWallMs)
        event.lastRecord = lastRecord
        return event
    }

    static func ledFault(led: String, fault: LEDFault) -> EventRecord {
        var event = EventRecord(kind: "led-fault", message: "LED \(led) cannot be driven: \(fault.message)")
        event.led = led
        event.fault = fault.kind.rawValue
        return event
    }

    static func ledRecovered(led: String) -> EventRecord {
        var event = EventRecord(kind: "led-recovered", message: "LED \(led) is driven again")
        event.led = led
        return event
    }
}
