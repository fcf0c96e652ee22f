import KioskCore
import KioskMQTT

/// `kioskctl fleet`'s arguments: where the provincial broker is, how to log in, what to watch.
struct FleetOptions {
    var settings: SubscriberSettings
    /// `mqtt://host:port` as given, for the header (never with a password).
    var brokerLabel: String
    var window: Duration = .seconds(3)
    var refresh: Duration = .seconds(1)
    /// Live mode stops by itself after this long (nil: until interrupted).
    var runFor: Duration?

    static func parse(_ arguments: [String], _ words: Words) throws(CommandFailure) -> FleetOptions {
        var broker: String?
        var site: String?
        var share: String?
        var prefix = "kiosk/v1"
        var tls: (ca: String?, cert: String?, key: String?) = (nil, nil, nil)
        var username: String?
        var passwordFile: String?
        var window: Duration = .seconds(3)
        var refresh: Duration = .seconds(1)
        var runFor: Duration?
        var rest = arguments[...]
        func value(_ name: String) throws(CommandFailure) -> String {
            guard let value = rest.popFirst(), !value.hasPrefix("--") else { throw .usage(words("args.needsValue", ["option": name])) }
            return value
        }
        func duration(_ name: String) throws(CommandFailure) -> Duration {
            let text = try value(name)
            return try Arguments.duration(name, text, words)
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--broker": broker = try value(argument)
            case "--site": site = try value(argument)
            case "--share": share = try value(argument)
            case "--prefix": prefix = try value(argument)
            case "--ca": tls.ca = try value(argument)
            case "--cert": tls.cert = try value(argument)
            case "--key": tls.key = try value(argument)
            case "--username": username = try value(argument)
            case "--password-file": passwordFile = try value(argument)
            case "--window": window = try duration(argument)
            case "--refresh": refresh = try duration(argument)
            case "--for": runFor = try duration(argument)
            default: throw .usage(words("args.unknown", ["argument": argument]))
            }
        }
        guard let broker else { throw .usage(words("fleet.needsBroker")) }
        guard let endpoint = BrokerURL(broker) else { throw .usage(words("fleet.notABrokerURL", ["url": broker])) }
        if let share, share.isEmpty || share.contains("/") || share.contains("+") || share.contains("#") {
            throw .usage(words("fleet.badShare", ["group": share]))
        }
        if let site, site.isEmpty || site.contains("/") || site.contains("+") || site.contains("#") {
            throw .usage(words("fleet.badSite", ["site": site]))
        }
        if (tls.cert == nil) != (tls.key == nil) { throw .usage(words("fleet.certNeedsKey")) }
        var password: String?
        if let passwordFile {
            do throws(SecretFileError) {
                password = try SecretFile.read(passwordFile)
            } catch {
                throw .failed(error.description)
            }
        }
        // A unique client id: several viewers (or a shared group's members) never take each
        // other's session over.
        var random = SystemRandomNumberGenerator()
        let clientID = "kioskctl-fleet-\(String(random.next() & 0xFFFF_FFFF, radix: 16))"
        let filter = SubscriberSettings.telemetryFilter(prefix: prefix, site: site, shareGroup: share)
        let settings = SubscriberSettings(
            host: endpoint.host, port: endpoint.port, tls: endpoint.tls || tls.ca != nil, caFile: tls.ca,
            certFile: tls.cert, keyFile: tls.key, username: username ?? endpoint.username, password: password,
            clientID: clientID, filters: [filter])
        var options = FleetOptions(settings: settings, brokerLabel: endpoint.label)
        options.window = window
        options.refresh = refresh
        options.runFor = runFor
        return options
    }
}

/// `mqtt://[user@]host[:port]`, `mqtts://…` (TLS, port 8883 by default) or `host[:port]`.
struct BrokerURL {
    var host: String
    var port: UInt16
    var tls: Bool
    var username: String?

    var label: String { "\(tls ? "mqtts" : "mqtt")://\(host):\(port)" }

    init?(_ text: String) {
        var rest = Substring(text)
        tls = false
        if rest.hasPrefix("mqtts://") {
            tls = true
            rest = rest.dropFirst(8)
        } else if rest.hasPrefix("mqtt://") {
            rest = rest.dropFirst(7)
        } else if rest.contains("://") {
            return nil
        }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        if let at = rest.lastIndex(of: "@") {
            username = String(rest[..<at])
            rest = rest[rest.index(after: at)...]
        }
        port = tls ? 8883 : 1883
        if rest.hasPrefix("[") {  // [::1]:1883
            guard let close = rest.firstIndex(of: "]") else { return nil }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
            if rest.hasPrefix(":") {
                guard let value = UInt16(rest.dropFirst()), value > 0 else { return nil }
                port = value
            } else if !rest.isEmpty {
                return nil
            }
        } else if let colon = rest.lastIndex(of: ":") {
            host = String(rest[..<colon])
            guard let value = UInt16(rest[rest.index(after: colon)...]), value > 0 else { return nil }
            port = value
        } else {
            host = String(rest)
        }
        if host.isEmpty || host.contains("/") { return nil }
    }
}
