#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The `link` layer: is the interface up and does it have a carrier (a cable, a Wi-Fi
/// association, a modem session)? Read from the kernel's own files, so it costs no traffic and
/// needs no privilege.
///
/// Up means operstate `up`, or `unknown` with a carrier: loopback, tun, ppp and several USB
/// modem drivers never report `up`. The Wi-Fi signal comes from `/proc/net/wireless` when the
/// interface is listed there; a weak signal is reported, not judged.
public struct LinkProbe: HealthProbe {
    public var name: String
    public var interface: String
    public var sysfs: String
    public var wireless: String
    public var layer: HealthLayer { .link }
    public var type: String { "link" }
    public var target: String { interface }

    public init(name: String = "link", interface: String, sysfs: String = "/sys/class/net", wireless: String = "/proc/net/wireless") {
        self.name = name
        self.interface = interface
        self.sysfs = sysfs
        self.wireless = wireless
    }

    /// Reads a few small files; `timeout` is not needed.
    public func measure(timeout: Duration) -> ProbeMeasurement {
        let deadline = ProbeDeadline(timeout: timeout)
        var result = inspect()
        result.durationMs = deadline.elapsedMs
        return result
    }

    private func inspect() -> ProbeMeasurement {
        let folder = sysfs + "/" + interface
        var result = ProbeMeasurement(name: name, type: type, target: interface, layer: .link, ok: false)

        guard !interface.isEmpty, !interface.contains("/"), interface != ".", interface != "..", FileManager.default.fileExists(atPath: folder) else {
            result.detail = "no interface \(interface.isEmpty ? "named" : interface) in \(sysfs)"
            return result
        }
        let operstate = Self.read(folder + "/operstate") ?? "unknown"
        // The kernel refuses to read `carrier` (EINVAL) while the interface is administratively down.
        let carrier = Self.read(folder + "/carrier").flatMap { $0 == "1" ? true : $0 == "0" ? false : nil }
        let info = LinkInfo(
            interface: interface, operstate: operstate, carrier: carrier,
            signalDBm: Self.signal(of: interface, in: wireless))
        result.link = info
        result.ok = operstate == "up" || (operstate == "unknown" && carrier == true)
        result.received = result.ok ? 1 : 0
        if !result.ok { result.detail = Self.explain(info) }
        return result
    }

    /// Why a link is not usable, for the technician.
    static func explain(_ info: LinkInfo) -> String {
        if info.carrier == false { return "no carrier" }
        switch info.operstate {
        case "down": return info.carrier == nil ? "interface is down (administratively: ip link set \(info.interface) up)" : "interface is down"
        case "dormant": return "interface is dormant (Wi-Fi not associated or authentication pending)"
        case "lowerlayerdown": return "the interface under it is down"
        case "notpresent": return "interface not present (driver or device missing)"
        case "testing": return "interface is in test mode"
        default: return "interface state \(info.operstate)"
        }
    }

    /// The signal level of `interface` in `/proc/net/wireless`, in dBm; nil when absent:
    ///
    ///     Inter-| sta-|   Quality        |   Discarded packets  ...
    ///      face | tus | link level noise |  nwid  crypt   frag  ...
    ///      wlan0: 0000   54.  -56.  -256        0      0      0 ...
    static func signal(of interface: String, in path: String) -> Double? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":"), line[..<colon].trimmed == interface else { continue }
            let fields = line[line.index(after: colon)...].split(whereSeparator: { $0 == " " || $0 == "\t" })
            // status, link quality, signal level, noise level, …
            guard fields.count >= 3 else { return nil }
            var level = fields[2]
            if level.hasSuffix(".") { level = level.dropLast() }
            guard let value = Double(level), value != 0 else { return nil }
            // Old drivers print dBm as an unsigned byte (186 is -70 dBm); no signal is above 0 dBm.
            return value > 0 ? value - 256 : value
        }
        return nil
    }

    private static func read(_ path: String) -> String? {
        (try? String(contentsOfFile: path, encoding: .utf8))?.trimmed
    }
}
