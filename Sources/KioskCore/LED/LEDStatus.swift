/// One LED as `status` shows it: what it is meant to show now and whether it can.
public struct LEDStatus: Codable, Equatable, Sendable {
    /// Why the LED shows what it shows.
    public enum Mode: String, Codable, Sendable {
        /// The role's pattern from the policy.
        case normal
        /// `led identify` or `cmd/identify`: every LED blinks together.
        case identify
        /// `led test`: each LED lit in turn.
        case test
        /// kioskd is stopping: the documented "agent stopped" state.
        case stopped
    }

    /// The `[led.NAME]` name.
    public var name: String
    public var role: String
    public var driver: String
    /// The pattern it shows (`heartbeat`, `on`, `fast-blink`, …).
    public var pattern: String
    public var mode: Mode
    /// Why the LED cannot be driven (missing chip, busy line, permission); retried until fixed.
    public var fault: String?
    /// Since when the fault lasts, RFC 3339 UTC.
    public var faultSince: String?
    /// Something the technician should know that is not a fault, such as a sysfs LED without
    /// the transient trigger (it cannot go dark by itself when kioskd dies).
    public var note: String?

    public init(
        name: String, role: String, driver: String, pattern: String, mode: Mode, fault: String? = nil,
        faultSince: String? = nil, note: String? = nil
    ) {
        self.name = name
        self.role = role
        self.driver = driver
        self.pattern = pattern
        self.mode = mode
        self.fault = fault
        self.faultSince = faultSince
        self.note = note
    }
}

extension StatusReport {
    /// The report with the LEDs' states (`status` adds them after the rest is gathered).
    public func with(leds: [LEDStatus]?) -> StatusReport {
        var report = self
        report.leds = leds
        return report
    }
}
