import CGPIOD

/// The libgpiod this build uses: which API generation the shim compiled against and which
/// library version is loaded. LED drivers build on this module.
public enum GPIOLibrary {
    /// 1 for libgpiod 1.x (Debian 12), 2 for libgpiod 2.x (Debian 13, Raspberry Pi OS trixie).
    public static var api: Int { Int(kiosk_gpio_api()) }

    public static var version: String { String(cString: kiosk_gpio_library_version()) }
}
