#if canImport(Glibc)
import Glibc
#endif
import CGPIOD
import KioskCore

/// An LED on a GPIO line, through libgpiod (v1 or v2: the shim hides which).
///
/// The line is requested as an output under the consumer name `kioskd`, by offset or by line
/// name, active-low when the LED lights while the line is low; `gpioinfo` then shows it as used
/// by kioskd. The line keeps its last level when kioskd dies (the character device does not
/// reset it), which is why the power role blinks a heartbeat rather than lighting steadily.
public final class GPIOLEDLine: LEDDriver {
    public let kind = "gpiod"
    public let note: String? = nil
    public let refreshMs: Int64? = nil
    /// `[led.NAME] chip` and `line` as written.
    let chip: String
    let line: String
    let activeLow: Bool
    private var output: UnsafeMutablePointer<kiosk_gpio_output>?

    /// The consumer name other programs see on the lines kioskd holds.
    public static let consumer = "kioskd"

    public init(chip: String, line: String, activeLow: Bool) {
        self.chip = chip
        self.line = line
        self.activeLow = activeLow
    }

    deinit {
        if let output { kiosk_gpio_release(output) }
    }

    /// The character device of `chip`: `/dev/gpiochip0` for `gpiochip0` or `0`; a path as given.
    public static func devicePath(_ chip: String) -> String {
        if chip.hasPrefix("/") { return chip }
        if !chip.isEmpty, chip.allSatisfy(\.isASCII), chip.allSatisfy(\.isNumber) { return "/dev/gpiochip\(chip)" }
        return "/dev/\(chip)"
    }

    /// The line as an offset, or nil when `line` is a line name.
    var offset: UInt32? {
        line.allSatisfy({ $0.isASCII && $0.isNumber }) ? UInt32(line) : nil
    }

    /// How messages name the line: `line 3 of gpiochip0`, `line "LED_NET" of gpiochip0`.
    private var lineName: String {
        let path = Self.devicePath(chip)
        let chipName = chip.hasPrefix("/") ? path : String(path.dropFirst("/dev/".count))
        return "\(offset.map { "line \($0)" } ?? "line \"\(line)\"") of \(chipName)"
    }

    public func open() throws(LEDFault) {
        guard output == nil else { return }
        let path = Self.devicePath(chip)
        var stage: Int32 = 0
        var resolved = offset ?? 0
        let requested: UnsafeMutablePointer<kiosk_gpio_output>? = if offset != nil {
            kiosk_gpio_request_output(path, nil, &resolved, activeLow ? 1 : 0, 0, Self.consumer, &stage)
        } else {
            kiosk_gpio_request_output(path, line, &resolved, activeLow ? 1 : 0, 0, Self.consumer, &stage)
        }
        guard let requested else { throw fault(Errno.current, stage: stage, path: path, offset: resolved) }
        output = requested
    }

    private func fault(_ error: Errno, stage: Int32, path: String, offset resolved: UInt32) -> LEDFault {
        let kind = LEDFault.kind(of: error)
        switch (stage, kind) {
        case (Int32(KIOSK_GPIO_STAGE_CHIP.rawValue), .missing):
            return LEDFault(.missing, "no GPIO chip \(path) (\(error))")
        case (Int32(KIOSK_GPIO_STAGE_CHIP.rawValue), .permission):
            return LEDFault(.permission, "cannot open \(path): \(error); kioskd must be root or in the group that owns it")
        case (Int32(KIOSK_GPIO_STAGE_CHIP.rawValue), _):
            return LEDFault(kind, "cannot open \(path): \(error)")
        case (_, .missing) where offset == nil:
            return LEDFault(.missing, "no \(lineName)")
        case (_, .busy):
            var name = [CChar](repeating: 0, count: 64)
            let holder = kiosk_gpio_line_consumer(path, resolved, &name, name.count) == 1
                ? " (used by \"\(String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))\")" : ""
            return LEDFault(.busy, "\(lineName) is busy\(holder)")
        case (_, _) where error.rawValue == EINVAL:
            return LEDFault(.missing, "no \(lineName) (\(error))")
        default:
            return LEDFault(kind, "cannot request \(lineName) as an output: \(error)")
        }
    }

    public func show(lit: Bool, forMs: Int64?) throws(LEDFault) {
        guard let output else { throw LEDFault(.failed, "\(lineName) is not requested") }
        if kiosk_gpio_set(output, lit ? 1 : 0) < 0 {
            let error = Errno.current
            throw LEDFault(LEDFault.kind(of: error), "cannot set \(lineName): \(error)")
        }
    }

    public func close(leaving lit: Bool) {
        guard let output else { return }
        _ = kiosk_gpio_set(output, lit ? 1 : 0)
        kiosk_gpio_release(output)
        self.output = nil
    }
}
