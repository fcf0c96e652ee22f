/// kiosk-agent's version, shown by `--version`, `status` and the retained `status` message.
public enum KioskAgent {
    public static let version = "0.1.0"
}
