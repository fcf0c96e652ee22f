import KioskCore
import KioskMQTT
import KioskOutbox

/// The broker client as one of kioskd's services: publishes the store's durable records
/// through the feed, carries the kiosk's presence, and passes the broker's commands on
/// (`cmd/identify` to the LEDs, `cmd/report` to usage).
final class BrokerService: Service {
    let name = "broker"
    private(set) var client: BrokerClient?
    private var config: Config
    /// Settings `check` read for the reload `apply` takes (the password file is read once).
    private var checked: BrokerSettings?
    private let feed: StoreFeed
    private let current: CurrentBroker
    private let startedWallMs: Int64
    private let onCommand: @Sendable (String, [UInt8]) -> Void
    private let wake: @Sendable () -> Void
    /// The broker's last acknowledgements are waited for at most this long at a stop.
    static let lastAcknowledgementsWait: Duration = .seconds(3)

    /// - Parameter wake: wakes the main loop (on the network thread) when the connection's
    ///   state changes or the broker asks for a report.
    init(
        config: Config, feed: StoreFeed, current: CurrentBroker, startedWallMs: Int64, leds: LEDAnimator?, reports: BrokerRequests,
        wake: @escaping @Sendable () -> Void
    ) {
        self.config = config
        self.wake = wake
        self.feed = feed
        self.current = current
        self.startedWallMs = startedWallMs
        onCommand = Self.commandHandler(leds: leds, reports: reports, wake: wake)
    }

    var status: BrokerStatus? { client?.status }

    func start() throws(StartupError) {
        begin(try Self.settings(for: config))
    }

    func stop(by deadline: Int64) {
        client?.stop(timeout: stopWait(until: deadline, atMost: Self.lastAcknowledgementsWait))
        client = nil
        current.use(nil)
    }

    func check(_ reload: Reload) throws(StartupError) {
        checked = try Self.settings(for: reload.new)
    }

    /// A new name or prefix needs a new client (its Last Will and topics carry the name): the
    /// old one stops first, with what it has in flight under the old name; the feed takes the
    /// new name; the new client starts, so its very first message carries it.
    func apply(_ reload: Reload) -> [String] {
        guard let settings = checked.take() else { return [] }
        let old = reload.old
        let new = reload.new
        config = new
        let renamed = new.device != old.device || new.mqtt.topicPrefix != old.mqtt.topicPrefix
        guard renamed else {
            client?.update(settings: settings)
            return new.mqtt != old.mqtt ? ["connection settings"] : []
        }
        client?.stop(timeout: Self.lastAcknowledgementsWait)
        feed.update(config: new)
        begin(settings)
        #if DEBUG || KIOSK_TEST_HOOKS
        TestHooks.pauseAfterBrokerRestart()
        #endif
        return ["new client for \(new.device.id) under \(new.mqtt.topicPrefix)"]
    }

    private func begin(_ settings: BrokerSettings) {
        let feed = self.feed
        let started = startedWallMs
        let client = BrokerClient(
            settings: settings,
            presence: { state, reason in feed.presence(state, reason: reason, startedWallMs: started) },
            onCommand: onCommand, log: Logger("mqtt"), feed: feed, onStatusChange: wake)
        self.client = client
        current.use(client)
        client.start()
    }

    private static func settings(for config: Config) throws(StartupError) -> BrokerSettings {
        var password: String?
        if let file = config.mqtt.passwordFile {
            do {
                password = try SecretFile.read(file)
            } catch {
                throw StartupError("[mqtt] password_file: \(error)")
            }
        }
        return BrokerSettings(config: config, password: password)
    }

    /// The broker's commands, on its network thread.
    private static func commandHandler(
        leds: LEDAnimator?, reports: BrokerRequests, wake: @escaping @Sendable () -> Void
    ) -> @Sendable (String, [UInt8]) -> Void {
        let log = Logger("mqtt")
        return { name, payload in
            switch name {
            case "identify":
                let seconds = LEDCommands.identifySeconds(payload: payload)
                log.notice("identify requested by the broker", ["seconds": "\(seconds)"])
                leds?.identify(seconds: seconds)
            case "report":
                reports.addReport()
                wake()
            default:
                log.notice("ignored a command from the broker", ["command": name])
            }
        }
    }
}
