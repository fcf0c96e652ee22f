/// What an LED of a given role shows. An LED's role is its `[led.NAME] role`.
public typealias LEDRole = Config.LED.Role

/// The one place that decides which pattern each role shows. The technician's LED card
/// (`LEDLegend`, printed by `kioskctl led card`) asks it for every pattern it shows, so the card
/// cannot disagree with the LEDs.
public enum LEDPolicy {
    /// The pattern for `role` while kioskd runs normally.
    public static func pattern(role: LEDRole, inputs: LEDInputs) -> LEDPattern {
        switch role {
        case .power:
            // Alive. A heartbeat, not steady light: a crashed kioskd leaves a gpiod line frozen,
            // lit or dark, and a frozen LED is visibly not a heartbeat.
            return .heartbeat
        case .network:
            switch inputs.connectivity {
            case nil: return .off
            case .online: return .on
            case .degraded: return .slowBlink
            case .portal: return .doubleBlink
            case .offline: return .fastBlink
            }
        case .uplink:
            guard inputs.brokerConnected else { return .off }
            return inputs.backlogDraining ? .blink : .on
        case .session:
            return inputs.sessionActive ? .on : .off
        case .fault:
            return inputs.faults.isEmpty ? .off : .on
        }
    }

    /// The documented "agent stopped" state, applied when kioskd stops (SIGTERM, SIGINT): every
    /// LED dark except the fault LED, lit steady. A power cut leaves every LED dark; a crash
    /// leaves the heartbeat frozen (gpiod) or dark (sysfs with the transient trigger).
    public static func stopped(role: LEDRole) -> LEDPattern {
        role == .fault ? .on : .off
    }

    /// `kioskctl led identify` and the broker's `cmd/identify`: every LED blinks together.
    public static let identify = LEDPattern.fastBlink

    /// How long `kioskctl led test` lights each LED.
    public static let testStepMs: Int64 = 1000
}
