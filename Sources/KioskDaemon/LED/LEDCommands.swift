#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KioskCore

/// The LED requests of the control socket (`led-test`, `led-identify`) and of the broker
/// (`cmd/identify`), checked and turned into calls on the LED service.
enum LEDCommands {
    /// How long identify blinks when nobody says.
    static let defaultIdentifySeconds = 30
    static let maxIdentifySeconds = 3600

    static func test(_ leds: LEDAnimator?) throws(ControlError) -> LEDCommandReply {
        let leds = try configured(leds)
        return LEDCommandReply(leds: leds.test(), milliseconds: LEDPolicy.testStepMs)
    }

    /// `{"seconds": N}`: 1–3600 (default 30); 0 ends an identify under way.
    static func identify(_ leds: LEDAnimator?, args: [String: JSONValue]) throws(ControlError) -> LEDCommandReply {
        let leds = try configured(leds)
        var seconds = defaultIdentifySeconds
        if let value = args["seconds"] {
            guard let number = value.number, number.rounded() == number, (0...Double(maxIdentifySeconds)).contains(number) else {
                throw ControlError(.badArguments, "seconds must be a whole number from 0 to \(maxIdentifySeconds)")
            }
            seconds = Int(number)
        }
        leds.identify(seconds: seconds)
        return LEDCommandReply(leds: leds.status, milliseconds: Int64(seconds) * 1000)
    }

    /// The seconds of a `cmd/identify` payload: empty, a number (`60`) or `{"seconds":60}`;
    /// anything else, or out of range, means the default.
    static func identifySeconds(payload: [UInt8]) -> Int {
        let text = String(decoding: payload, as: UTF8.self).filter { !$0.isWhitespace }
        var seconds: Double?
        if let number = Double(text) {
            seconds = number
        } else if let object = try? JSONDecoder().decode(JSONValue.self, from: Data(payload)) {
            seconds = object["seconds"]?.number
        }
        guard let seconds, seconds.rounded() == seconds, (1...Double(maxIdentifySeconds)).contains(seconds) else {
            return defaultIdentifySeconds
        }
        return Int(seconds)
    }

    private static func configured(_ leds: LEDAnimator?) throws(ControlError) -> LEDAnimator {
        guard let leds, !leds.isEmpty else {
            throw ControlError(
                .failed, "no LEDs are configured; add [led.NAME] sections to the configuration (see config/kioskd.conf)",
                reason: ConfigReason("no-leds"))
        }
        return leds
    }
}
