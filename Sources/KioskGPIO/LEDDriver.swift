#if canImport(Glibc)
import Glibc
#endif
import KioskCore

/// One physical LED, however it is wired. kioskd's LED thread is the only caller: a driver is
/// used from one thread at a time and needs no locking of its own.
///
/// Every failure is an `LEDFault`: the LED thread reports it, lets the LED go and tries again
/// later; it never stops anything else.
public protocol LEDDriver: AnyObject {
    /// `gpiod`, `sysfs`.
    var kind: String { get }
    /// Something the technician should know that is not a fault (see `LEDStatus.note`).
    var note: String? { get }
    /// While lit steadily, `show` must be called again this often (ms): a dead-man LED goes dark
    /// by itself unless re-armed. nil: once is enough.
    var refreshMs: Int64? { get }
    /// Takes hold of the LED (opens the chip and requests the line, or checks the sysfs folder).
    func open() throws(LEDFault)
    /// Lights or darkens the LED. `forMs` is how long a lit phase lasts when the pattern knows
    /// it; a dead-man LED arms its kernel timer for that long.
    func show(lit: Bool, forMs: Int64?) throws(LEDFault)
    /// Leaves the LED lit or dark for good (the "agent stopped" state) and lets go of it.
    func close(leaving lit: Bool)
}

/// Why an LED cannot be driven: kept in the C library's or kernel's words, with the kind a
/// technician acts on.
public struct LEDFault: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// No such chip, line or sysfs LED.
        case missing
        /// Another program holds the line.
        case busy
        /// kioskd may not open the device or file.
        case permission
        /// Anything else the kernel refused.
        case failed
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// The kind of fault an errno means.
    static func kind(of error: Errno) -> Kind {
        switch error.rawValue {
        case ENOENT, ENODEV, ENXIO: .missing
        case EBUSY: .busy
        case EACCES, EPERM, EROFS: .permission
        default: .failed
        }
    }
}

/// Makes the driver `[led.NAME]` asks for; nil for `driver = none` (an LED kept in the
/// configuration and in `status`, but not lit).
public enum LEDDrivers {
    public static func make(_ led: Config.LED) -> (any LEDDriver)? {
        switch led.driver {
        case .gpiod:
            GPIOLEDLine(chip: led.chip ?? "", line: led.line ?? "", activeLow: led.activeLow)
        case .sysfs:
            SysfsLED(path: led.path ?? "", deadMan: led.role == .power)
        case .none:
            nil
        }
    }
}
