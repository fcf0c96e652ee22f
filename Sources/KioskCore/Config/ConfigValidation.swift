#if canImport(Glibc)
import Glibc
#endif

extension Config {
    /// Checks what no single value can: ranges, keys that need each other, the files the
    /// configuration names and the control group. Never touches the network, so a kiosk that
    /// is offline can still check its configuration.
    ///
    /// TLS files are only looked at when `tls = yes`: with `tls = no` they are ignored, so an
    /// image can carry the paths before the certificates are installed. The password file is
    /// always checked. Secret files (`key_file`, `password_file`) are refused when every user
    /// may read them; the check is on the mode bits, as root can read anything.
    public func validate(file: String) throws(ConfigError) {
        let problems = problems(file: file, origins: ConfigOrigins())
        if !problems.isEmpty { throw ConfigError(diagnostics: problems) }
    }

    /// Every problem, placed at the line of the key (or section) named in `origins`.
    func problems(file: String, origins: ConfigOrigins) -> [ConfigDiagnostic] {
        var check = ConfigCheck(file: file, origins: origins)
        check.device(device)
        check.mqtt(mqtt)
        check.storage(storage)
        check.health(health)
        for probe in probes { check.probe(probe, healthInterval: health.interval) }
        check.sessions(sessions)
        for led in leds { check.led(led) }
        check.sharedLEDHardware(leds)
        check.unique("probe", probes.map(\.name))
        check.unique("led", leds.map(\.name))
        check.control(control)
        return check.diagnostics
    }
}

/// The checks of `Config.validate`, one method per section.
private struct ConfigCheck {
    let file: String
    let origins: ConfigOrigins
    var diagnostics: [ConfigDiagnostic] = []

    mutating func report(_ section: String, _ key: String, _ message: String, reason: ConfigReason? = nil) {
        diagnostics.append(ConfigDiagnostic(
            file: file, line: origins.line(section, key), section: section, key: key, message: message, reason: reason))
    }

    /// Runs a check of one written value. `host = broker.vn # main` is a common habit from
    /// other formats, so a refused value holding " #" says why.
    mutating func value(_ section: String, _ key: String, _ written: String, _ check: (String) throws(InvalidValue) -> Void) {
        do throws(InvalidValue) {
            try check(written)
        } catch {
            let problem = error.explained(written: written)
            report(section, key, problem.message, reason: problem.reason)
        }
    }

    // MARK: sections

    mutating func device(_ device: Config.Device) {
        value("device", "id", device.id, ConfigValue.checkDeviceID)
        value("device", "site", device.site, ConfigValue.checkTopicLevel)
        if let zone = device.timezone {
            value("device", "timezone", zone) { (name) throws(InvalidValue) in _ = try LocalTimeZone.load(name) }
        }
    }

    mutating func sessions(_ sessions: Config.Sessions) {
        positive("sessions", "idle_timeout", sessions.idleTimeout)
        for label in sessions.labels {
            value("sessions", "labels", label, ConfigValue.checkLabel)
        }
        if sessions.input != ["all"] {
            for path in sessions.input where !path.hasPrefix("/dev/input/") {
                report("sessions", "input", "\(ConfigValue.quoted(path)) is not an input device: use none, all, or paths under /dev/input/")
            }
        }
    }

    mutating func mqtt(_ mqtt: Config.MQTT) {
        if mqtt.host.isEmpty { report("mqtt", "host", "may not be empty") }
        value("mqtt", "host", mqtt.host, ConfigValue.checkVisible)
        if mqtt.port == 0 { report("mqtt", "port", "0 is not a port (1-65535)") }
        if mqtt.tls {
            if mqtt.certFile != nil && mqtt.keyFile == nil { report("mqtt", "cert_file", "set without key_file") }
            if mqtt.keyFile != nil && mqtt.certFile == nil { report("mqtt", "key_file", "set without cert_file") }
            readable("mqtt", "ca_file", mqtt.caFile, secret: false)
            readable("mqtt", "cert_file", mqtt.certFile, secret: false)
            readable("mqtt", "key_file", mqtt.keyFile, secret: true)
        }
        if mqtt.passwordFile != nil && mqtt.username == nil {
            report("mqtt", "password_file", "set without username")
        }
        readable("mqtt", "password_file", mqtt.passwordFile, secret: true)
        // libmosquitto takes whole seconds and refuses a keepalive under 5 s; MQTT caps it at 65535.
        wholeSeconds("mqtt", "keepalive", mqtt.keepalive, within: .seconds(5) ... .seconds(65_535))
        value("mqtt", "topic_prefix", mqtt.topicPrefix, ConfigValue.checkTopicPrefix)
        // The MQTT 5 will delay is a 32-bit number of seconds.
        wholeSeconds("mqtt", "will_delay", mqtt.willDelay, within: .zero ... .seconds(UInt32.max))
        positive("mqtt", "reconnect_min", mqtt.reconnectMin)
        positive("mqtt", "reconnect_max", mqtt.reconnectMax)
        if mqtt.reconnectMin > mqtt.reconnectMax {
            let (min, max) = (ConfigValue.format(mqtt.reconnectMin), ConfigValue.format(mqtt.reconnectMax))
            if origins.keys["mqtt reconnect_max"] != nil && origins.keys["mqtt reconnect_min"] == nil {
                report("mqtt", "reconnect_max", "\(max) is shorter than reconnect_min (\(min))")
            } else {
                report("mqtt", "reconnect_min", "\(min) is longer than reconnect_max (\(max))")
            }
        }
    }

    mutating func storage(_ storage: Config.Storage) {
        absolutePath("storage", "dir", storage.dir)
        if storage.maxSize < 1 << 20 {
            report("storage", "max_size", "\(ConfigValue.format(size: storage.maxSize)) is too small; use at least 1MiB")
        }
        positive("storage", "retention", storage.retention)
        positive("storage", "sync_interval", storage.syncInterval)
    }

    mutating func health(_ health: Config.Health) {
        positive("health", "interval", health.interval)
        positive("health", "publish_interval", health.publishInterval)
        positive("health", "degraded_rtt", health.degradedRtt)
        for (key, rounds) in [("down_rounds", health.downRounds), ("up_rounds", health.upRounds)] where !(1...100).contains(rounds) {
            report("health", key, "\(rounds) is out of range (1-100)")
        }
        if !(1...100).contains(health.degradedLossPercent) {
            report("health", "degraded_loss_percent", "\(health.degradedLossPercent) is out of range (1-100)")
        }
        if health.publishInterval < health.interval {
            report("health", "publish_interval", "\(ConfigValue.format(health.publishInterval)) is shorter than interval (\(ConfigValue.format(health.interval)))")
        }
    }

    mutating func probe(_ probe: Config.Probe, healthInterval: Duration) {
        let section = "probe.\(probe.name)"
        value(section, "name", probe.name, ConfigValue.checkItemName)
        value(section, "target", probe.target) { (target) throws(InvalidValue) in try ConfigValue.checkProbeTarget(target, for: probe.type) }
        positive(section, "timeout", probe.timeout)
        if probe.timeout > healthInterval {
            report(section, "timeout", "\(ConfigValue.format(probe.timeout)) is longer than [health] interval (\(ConfigValue.format(healthInterval)))")
        }
    }

    mutating func led(_ led: Config.LED) {
        let section = "led.\(led.name)"
        value(section, "name", led.name, ConfigValue.checkItemName)
        let allowed = ConfigSchema.ledKeys(for: led.driver)
        let set: [(String, Bool)] = [("chip", led.chip != nil), ("line", led.line != nil), ("active_low", led.activeLow), ("path", led.path != nil)]
        for (key, isSet) in set where isSet && !allowed.contains(key) {
            report(section, key, "only the \(key == "path" ? "sysfs" : "gpiod") driver uses it")
        }
        switch led.driver {
        case .gpiod:
            for (key, value) in [("chip", led.chip), ("line", led.line)] where value == nil {
                report(section, key, "missing; the gpiod driver needs chip and line")
            }
        case .sysfs:
            if let path = led.path {
                absolutePath(section, "path", path)
            } else {
                report(section, "path", "missing; the sysfs driver needs the /sys/class/leds/NAME folder")
            }
        case .none:
            break
        }
    }

    /// Two `[led.*]` sections on one GPIO line or one LED class folder would fight over it (the
    /// second would only ever report "busy"): the second one is refused. Chips are compared as
    /// written after `/dev/` and a bare number are made `gpiochipN`; a line named in one section
    /// and numbered in another cannot be told apart here.
    mutating func sharedLEDHardware(_ leds: [Config.LED]) {
        var owners: [String: String] = [:]
        for led in leds {
            let key: String
            switch led.driver {
            case .gpiod:
                guard var chip = led.chip, let line = led.line else { continue }
                if chip.hasPrefix("/dev/") { chip.removeFirst(5) }
                if !chip.isEmpty, chip.allSatisfy(\.isNumber) { chip = "gpiochip" + chip }
                key = "gpio \(chip) \(line)"
            case .sysfs:
                guard let path = led.path else { continue }
                key = "sysfs " + (path.hasSuffix("/") ? String(path.dropLast()) : path)
            case .none:
                continue
            }
            if let first = owners[key] {
                let what = led.driver == .gpiod ? "line \(led.line ?? "") of \(led.chip ?? "")" : "\(led.path ?? "")"
                report("led.\(led.name)", led.driver == .gpiod ? "line" : "path", "\(what) is already [led.\(first)]'s")
            } else {
                owners[key] = led.name
            }
        }
    }

    mutating func control(_ control: Config.Control) {
        absolutePath("control", "socket", control.socket)
        if UnixAddress(path: control.socket) == nil && control.socket.hasPrefix("/") {
            report("control", "socket", "\(ConfigValue.quoted(control.socket)) is too long for a socket path (at most 107 bytes)")
        }
        if let group = control.group, !ConfigCheck.groupExists(group) {
            report("control", "group", "no group \(ConfigValue.quoted(group)) on this system; create it with: groupadd --system \(group)")
        }
        if !(1...1024).contains(control.maxClients) {
            report("control", "max_clients", "\(control.maxClients) is out of range (1-1024)")
        }
        if !((1 << 10)...(16 << 20)).contains(control.maxRequestSize) {
            report("control", "max_request_size", "\(ConfigValue.format(size: control.maxRequestSize)) is out of range (1KiB-16MiB)")
        }
        positive("control", "idle_timeout", control.idleTimeout)
    }

    // MARK: kinds

    mutating func positive(_ section: String, _ key: String, _ duration: Duration) {
        if duration <= .zero { report(section, key, "must be more than 0") }
    }

    mutating func wholeSeconds(_ section: String, _ key: String, _ duration: Duration, within range: ClosedRange<Duration>) {
        let text = ConfigValue.format(duration)
        if duration.inMilliseconds % 1000 != 0 {
            report(section, key, "\(text) is not a whole number of seconds")
        } else if !range.contains(duration) {
            report(section, key, "\(text) is out of range (\(ConfigValue.format(range.lowerBound))-\(ConfigValue.format(range.upperBound)))")
        }
    }

    mutating func absolutePath(_ section: String, _ key: String, _ path: String) {
        if !path.hasPrefix("/") { report(section, key, "\(ConfigValue.quoted(path)) is not an absolute path") }
    }

    mutating func readable(_ section: String, _ key: String, _ path: String?, secret: Bool) {
        guard let path else { return }
        guard path.hasPrefix("/") else { return absolutePath(section, key, path) }
        do throws(SecretFileError) {
            try SecretFile.check(path, secret: secret)
        } catch {
            report(section, key, error.description)
        }
    }

    /// Two sections of one name can only come from a Config built in code; a file reports them
    /// as a section given twice.
    mutating func unique(_ kind: String, _ names: [String]) {
        var seen: Set<String> = []
        for name in names where !seen.insert(name).inserted {
            diagnostics.append(ConfigDiagnostic(file: file, line: origins.sections["\(kind).\(name)"], message: "section [\(kind).\(name)] given twice"))
        }
    }

    /// Looked up in the group database (`/etc/group`, or NSS), as `chown` would.
    static func groupExists(_ name: String) -> Bool {
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var size = 4096
        while size <= 1 << 20 {
            var buffer = [CChar](repeating: 0, count: size)
            let status = getgrnam_r(name, &entry, &buffer, buffer.count, &result)
            if status != ERANGE { return status == 0 && result != nil }
            size *= 2
        }
        return false
    }
}
