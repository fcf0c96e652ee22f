/// The reply to the control commands `led-test` and `led-identify`.
public struct LEDCommandReply: Codable, Equatable, Sendable {
    /// The LEDs, in the order `led test` lights them.
    public var leds: [LEDStatus]
    /// `led test`: how long each LED is lit; `led identify`: how long every LED blinks.
    public var milliseconds: Int64

    public init(leds: [LEDStatus], milliseconds: Int64) {
        self.leds = leds
        self.milliseconds = milliseconds
    }
}
