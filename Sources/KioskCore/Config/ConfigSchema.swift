/// One key of kioskd.conf: how its text becomes part of `Target` and how it is written back.
///
/// The parser and `renderINI()` share these, so every key that can be read is written, and
/// written in the form that reads back to the same value.
struct ConfigKey<Target>: Sendable {
    let name: String
    /// Whether `key =` with nothing after it is allowed; for optional values it means "unset".
    let acceptsEmpty: Bool
    let apply: @Sendable (inout Target, String) throws(InvalidValue) -> Void
    /// The value as written in the file; nil when an optional value is unset (`#key =`).
    let render: @Sendable (Target) -> String?
}

/// A section that appears at most once, such as `[mqtt]`.
struct ConfigSection: Sendable {
    let name: String
    let keys: [ConfigKey<Config>]

    func key(_ name: String) -> ConfigKey<Config>? { keys.first { $0.name == name } }
}

/// Every section and key kioskd.conf knows, in the order `renderINI()` writes them.
enum ConfigSchema {
    static let device = ConfigSection(name: "device", keys: [
        .text("id", \.device.id),
        .text("site", \.device.site),
        .optionalText("timezone", \.device.timezone),
        .choice("language", "a language", \.device.language),
    ])

    static let mqtt = ConfigSection(name: "mqtt", keys: [
        .text("host", \.mqtt.host),
        .port("port", \.mqtt.port),
        .bool("tls", \.mqtt.tls),
        .optionalText("ca_file", \.mqtt.caFile),
        .optionalText("cert_file", \.mqtt.certFile),
        .optionalText("key_file", \.mqtt.keyFile),
        .optionalText("username", \.mqtt.username),
        .optionalText("password_file", \.mqtt.passwordFile),
        .duration("keepalive", \.mqtt.keepalive),
        .text("topic_prefix", \.mqtt.topicPrefix),
        .optionalText("client_id", \.mqtt.clientID),
        .choice("protocol", "an MQTT protocol version", \.mqtt.protocolVersion),
        .duration("will_delay", \.mqtt.willDelay),
        .duration("reconnect_min", \.mqtt.reconnectMin),
        .duration("reconnect_max", \.mqtt.reconnectMax),
    ])

    static let storage = ConfigSection(name: "storage", keys: [
        .text("dir", \.storage.dir),
        .size("max_size", \.storage.maxSize),
        .duration("retention", \.storage.retention),
        .duration("sync_interval", \.storage.syncInterval),
    ])

    static let health = ConfigSection(name: "health", keys: [
        .duration("interval", \.health.interval),
        .duration("publish_interval", \.health.publishInterval),
        .count("down_rounds", \.health.downRounds),
        .count("up_rounds", \.health.upRounds),
        .count("degraded_loss_percent", \.health.degradedLossPercent),
        .duration("degraded_rtt", \.health.degradedRtt),
    ])

    static let sessions = ConfigSection(name: "sessions", keys: [
        .duration("idle_timeout", \.sessions.idleTimeout),
        .list("labels", \.sessions.labels, empty: ""),
        .list("input", \.sessions.input, empty: "none"),
    ])

    static let control = ConfigSection(name: "control", keys: [
        .text("socket", \.control.socket),
        .optionalText("group", \.control.group),
        .count("max_clients", \.control.maxClients),
        .size("max_request_size", \.control.maxRequestSize),
        .duration("idle_timeout", \.control.idleTimeout),
    ])

    static let log = ConfigSection(name: "log", keys: [
        .choice("level", "a log level", \.log.level, LogLevel.allCases.map { ($0.name, $0) }),
    ])

    /// `[probe.NAME]`: `target` may be empty only for `link` (the default route's interface).
    static let probeKeys: [ConfigKey<Config.Probe>] = [
        .choice("type", "a probe type", \.type),
        ConfigKey(
            name: "target", acceptsEmpty: true,
            apply: { probe, text in probe.target = text },
            render: { $0.target.isEmpty ? nil : $0.target }
        ),
        .duration("timeout", \.timeout),
    ]

    /// `[led.NAME]`: which of the keys after `role` and `driver` apply depends on the driver.
    static let ledKeys: [ConfigKey<Config.LED>] = [
        .choice("role", "an LED role", \.role),
        .choice("driver", "an LED driver", \.driver),
        .optionalText("chip", \.chip),
        .optionalText("line", \.line),
        .bool("active_low", \.activeLow),
        .optionalText("path", \.path),
    ]

    /// The keys each LED driver takes besides `role` and `driver`.
    static func ledKeys(for driver: Config.LED.Driver) -> [String] {
        switch driver {
        case .gpiod: ["chip", "line", "active_low"]
        case .sysfs: ["path"]
        case .none: []
        }
    }

    /// The sections that appear at most once.
    static let fixedSections = [device, mqtt, storage, health, sessions, control, log]

    /// `[probe.NAME]` and `[led.NAME]`, which appear once per named item.
    static let itemSections = ["probe", "led"]

    static func keys(ofItem kind: String) -> [String] {
        kind == "probe" ? probeKeys.map(\.name) : ledKeys.map(\.name)
    }

    /// Every section as a technician writes it, for messages: `[device]`, …, `[probe.NAME]`.
    static var sectionList: [String] {
        fixedSections.map { "[\($0.name)]" } + itemSections.map { "[\($0).NAME]" }
    }
}

extension ConfigKey {
    static func text(_ name: String, _ path: WritableKeyPath<Target, String> & Sendable) -> ConfigKey {
        ConfigKey(
            name: name, acceptsEmpty: false,
            apply: { target, text in target[keyPath: path] = text },
            render: { $0[keyPath: path] }
        )
    }

    /// An empty value unsets it, so `#ca_file =` uncommented as `ca_file =` changes nothing.
    static func optionalText(_ name: String, _ path: WritableKeyPath<Target, String?> & Sendable) -> ConfigKey {
        ConfigKey(
            name: name, acceptsEmpty: true,
            apply: { target, text in target[keyPath: path] = text.isEmpty ? nil : text },
            render: { $0[keyPath: path] }
        )
    }

    /// Words separated by commas or spaces; `empty` is how the empty list is written.
    static func list(_ name: String, _ path: WritableKeyPath<Target, [String]> & Sendable, empty: String) -> ConfigKey {
        ConfigKey(
            name: name, acceptsEmpty: true,
            apply: { target, text in
                let words = text.split { $0 == "," || $0 == " " || $0 == "\t" }.map(String.init)
                target[keyPath: path] = words == [empty] ? [] : words
            },
            render: { target in
                let words = target[keyPath: path]
                return words.isEmpty ? (empty.isEmpty ? nil : empty) : words.joined(separator: ", ")
            }
        )
    }

    static func duration(_ name: String, _ path: WritableKeyPath<Target, Duration> & Sendable) -> ConfigKey {
        ConfigKey(
            name: name, acceptsEmpty: false,
            apply: { (target, text) throws(InvalidValue) in target[keyPath: path] = try ConfigValue.duration(text) },
            render: { ConfigValue.format($0[keyPath: path]) }
        )
    }

    static func size(_ name: String, _ path: WritableKeyPath<Target, UInt64> & Sendable) -> ConfigKey {
        ConfigKey(
            name: name, acceptsEmpty: false,
            apply: { (target, text) throws(InvalidValue) in target[keyPath: path] = try ConfigValue.size(text) },
            render: { ConfigValue.format(size: $0[keyPath: path]) }
        )
    }

    static func bool(_ name: String, _ path: WritableKeyPath<Target, Bool> & Sendable) -> ConfigKey {
        ConfigKey(
            name: name, acceptsEmpty: false,
            apply: { (target, text) throws(InvalidValue) in target[keyPath: path] = try ConfigValue.bool(text) },
            render: { ConfigValue.format($0[keyPath: path]) }
        )
    }

    static func port(_ name: String, _ path: WritableKeyPath<Target, UInt16> & Sendable) -> ConfigKey {
        ConfigKey(
            name: name, acceptsEmpty: false,
            apply: { (target, text) throws(InvalidValue) in target[keyPath: path] = try ConfigValue.port(text) },
            render: { String($0[keyPath: path]) }
        )
    }

    static func count(_ name: String, _ path: WritableKeyPath<Target, Int> & Sendable) -> ConfigKey {
        ConfigKey(
            name: name, acceptsEmpty: false,
            apply: { (target, text) throws(InvalidValue) in target[keyPath: path] = try ConfigValue.count(text) },
            render: { String($0[keyPath: path]) }
        )
    }

    /// One of a fixed list of words; `what` names the kind for messages ("a probe type").
    static func choice<Value: Equatable & Sendable>(
        _ name: String, _ what: String, _ path: WritableKeyPath<Target, Value> & Sendable,
        _ options: [(String, Value)]
    ) -> ConfigKey {
        ConfigKey(
            name: name, acceptsEmpty: false,
            apply: { (target, text) throws(InvalidValue) in
                let word = try ConfigValue.choice(text, what, options.map(\.0))
                target[keyPath: path] = options.first { $0.0 == word }!.1
            },
            render: { target in options.first { $0.1 == target[keyPath: path] }?.0 }
        )
    }

    static func choice<Value: RawRepresentable & CaseIterable & Equatable & Sendable>(
        _ name: String, _ what: String, _ path: WritableKeyPath<Target, Value> & Sendable
    ) -> ConfigKey where Value.RawValue == String {
        choice(name, what, path, Value.allCases.map { ($0.rawValue, $0) })
    }
}
