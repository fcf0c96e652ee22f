#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The whole configuration of kioskd as one value, with every default in code.
///
/// A missing configuration file means `Config.defaults(for:)`. The parser (`ConfigParser`)
/// overlays the file on the defaults and `validate` checks what a single key cannot.
/// The INI sections and keys are those of SPEC.md; `config/kioskd.conf` documents each one.
public struct Config: Equatable, Sendable {
    public var device: Device
    public var mqtt: MQTT
    public var storage: Storage
    public var health: Health
    /// `[probe.NAME]` sections, in file order.
    public var probes: [Probe]
    public var sessions: Sessions
    /// `[led.NAME]` sections, in file order.
    public var leds: [LED]
    public var control: Control
    public var log: Log

    public struct Device: Equatable, Sendable {
        /// `[a-z0-9-]`, 1–63 characters; defaults to the host name made valid.
        public var id: String
        /// Commune or ward code: one MQTT topic level.
        public var site: String
        /// IANA time zone of the daily rollup (`Asia/Ho_Chi_Minh`); nil: the system's. kioskctl
        /// shows times in it too.
        public var timezone: String?
        /// kioskctl's language when the environment names none (`LANG` unset, `C`, `POSIX`).
        public var language: Language = .en

        public enum Language: String, Equatable, Sendable, CaseIterable {
            case en, vi
        }
    }

    public struct MQTT: Equatable, Sendable {
        public var host = "127.0.0.1"
        public var port: UInt16 = 1883
        public var tls = false
        /// CA bundle that signs the broker's certificate; nil means the system's CAs.
        public var caFile: String?
        public var certFile: String?
        public var keyFile: String?
        public var username: String?
        /// File holding the password; refused when world-readable.
        public var passwordFile: String?
        public var keepalive: Duration = .seconds(60)
        public var topicPrefix = "kiosk/v1"
        /// MQTT client id; nil means the device id.
        public var clientID: String?
        public var protocolVersion: ProtocolVersion = .auto
        /// MQTT 5 will delay: a flap shorter than this never shows `offline`.
        public var willDelay: Duration = .seconds(30)
        /// Full-jitter exponential backoff between connection attempts.
        public var reconnectMin: Duration = .seconds(1)
        public var reconnectMax: Duration = .seconds(300)
    }

    public enum ProtocolVersion: String, Equatable, Sendable, CaseIterable {
        /// MQTT 5, falling back to 3.1.1 when the broker refuses it.
        case auto
        case v5 = "5"
        case v311 = "3.1.1"
    }

    public struct Storage: Equatable, Sendable {
        public var dir: String
        public var maxSize: UInt64 = 256 * 1024 * 1024
        public var retention: Duration = .seconds(90 * 86_400)
        public var syncInterval: Duration = .seconds(1)
    }

    public struct Health: Equatable, Sendable {
        public var interval: Duration = .seconds(30)
        public var publishInterval: Duration = .seconds(300)
        /// Consecutive bad rounds before an outage starts: one lost echo is not an outage.
        public var downRounds = 2
        /// Consecutive good rounds before an outage ends.
        public var upRounds = 1
        /// Loss above this share of attempts (but not all) makes the connection degraded.
        public var degradedLossPercent = 20
        /// A p95 round-trip time above this makes the connection degraded.
        public var degradedRtt: Duration = .seconds(1)
    }

    public struct Probe: Equatable, Sendable {
        public enum Kind: String, Equatable, Sendable, CaseIterable {
            case link, icmp, tcp, dns, http
        }
        public var name: String
        public var type: Kind
        public var target: String
        public var timeout: Duration = .seconds(5)

        public init(name: String, type: Kind, target: String, timeout: Duration = .seconds(5)) {
            self.name = name
            self.type = type
            self.target = target
            self.timeout = timeout
        }
    }

    public struct Sessions: Equatable, Sendable {
        public var idleTimeout: Duration = .seconds(120)
        /// The categories a session may carry (`[a-z0-9-]`); empty: labels are refused.
        public var labels: [String] = []
        /// Linux input devices whose key, touch or pointer events count as activity:
        /// empty (`none`), `["all"]` for every /dev/input/event* device, or device paths.
        public var input: [String] = []
    }

    public struct LED: Equatable, Sendable {
        public enum Role: String, Equatable, Sendable, CaseIterable {
            case power, network, uplink, session, fault
        }
        public enum Driver: String, Equatable, Sendable, CaseIterable {
            case gpiod, sysfs, none
        }
        public var name: String
        public var role: Role
        public var driver: Driver
        /// gpiod: chip name, path or number (`gpiochip0`, `/dev/gpiochip0`, `0`).
        public var chip: String?
        /// gpiod: line offset or line name.
        public var line: String?
        public var activeLow = false
        /// sysfs: a `/sys/class/leds/NAME` folder.
        public var path: String?

        public init(
            name: String, role: Role, driver: Driver, chip: String? = nil, line: String? = nil,
            activeLow: Bool = false, path: String? = nil
        ) {
            self.name = name
            self.role = role
            self.driver = driver
            self.chip = chip
            self.line = line
            self.activeLow = activeLow
            self.path = path
        }
    }

    public struct Control: Equatable, Sendable {
        public var socket: String
        /// Group owning the socket; its members may change state. nil: kioskd's own group.
        public var group: String?
        public var maxClients = 16
        public var maxRequestSize: UInt64 = 64 * 1024
        /// A client that sends no complete request for this long is disconnected.
        public var idleTimeout: Duration = .seconds(10)
    }

    public struct Log: Equatable, Sendable {
        public var level: LogLevel = .info
    }
}

extension Config {
    /// The built-in configuration: a laptop-friendly embedded default (broker on
    /// 127.0.0.1:1883, no LEDs), with state and socket under the user's own folders when not root.
    public static func defaults(for host: HostEnvironment = .current) -> Config {
        Config(
            device: Device(id: host.deviceID, site: "unassigned"),
            mqtt: MQTT(),
            storage: Storage(dir: host.stateDirectory),
            health: Health(),
            probes: [],
            sessions: Sessions(),
            leds: [],
            control: Control(socket: host.controlSocket),
            log: Log()
        )
    }

    /// The MQTT client id actually used.
    public var clientID: String { mqtt.clientID ?? device.id }

    /// `{topic_prefix}/{site}/{device}/{type}`
    public func topic(_ type: String) -> String {
        "\(mqtt.topicPrefix)/\(device.site)/\(device.id)/\(type)"
    }
}
