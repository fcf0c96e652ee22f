#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import KioskCore
import KioskMQTT
import KioskOutbox
import KioskGPIO

/// kioskd: its services, its main loop, and what the signals do to them.
///
/// Services start in the order of `start()` (store, usage, control socket, LEDs, broker client,
/// health) and stop in the order of `stopServices()`, which says why it is not the reverse.
/// The main loop owns every service; signals and control requests are handled on its thread only, and the
/// systemd watchdog is fed from this loop, so a stalled loop stops the pings.
public final class Daemon {
    /// The path given with `--config`, or nil for the default path.
    let configPath: String?
    private(set) var loaded: LoadedConfig
    var config: Config { loaded.config }

    private let notifier: SystemdNotifier
    let log = Logger("kioskd")
    let startedWallMs = KernelClock.wallMilliseconds()
    let startedMonoMs = KernelClock.monotonicMilliseconds()

    private var signals: SignalPipe?
    var recorder: Recorder
    var control: ControlServer?
    var broker: BrokerClient? {
        didSet { brokerProbe.use(broker) }
    }
    private let brokerProbe = BrokerProbe()
    var health: HealthService?
    var usage: UsageService?
    /// `cmd/report` requests from the broker's network thread, counted for the main loop.
    private let brokerRequests = BrokerRequests()
    private var stopRequested = false
    /// Set by a reload that moved the socket: rebound by the main loop once no request is running.
    private var controlRebind: Config?
    private var lastNotifiedStatus = ""
    var leds: LEDService?
    /// Why the last reload was refused, until one succeeds: the fault LED shows it.
    private var reloadProblem: String?
    /// The control socket systemd listens on for kioskd (kioskd.socket), used by the first start only.
    private var activatedControl = ActivatedSockets.take().first

    public init(configPath: String?, loaded: LoadedConfig, notifier: SystemdNotifier = SystemdNotifier()) {
        self.configPath = configPath
        self.loaded = loaded
        self.notifier = notifier
        recorder = Recorder(config: loaded.config)
    }

    /// Runs until SIGTERM or SIGINT; returns the process exit status.
    public func run() -> Int32 {
        Logger.level = config.log.level
        log.notice("kioskd starting", [
            "version": KioskAgent.version, "config": loaded.file ?? "built-in defaults",
            "device": config.device.id, "site": config.device.site, "pid": "\(getpid())",
        ])
        do throws(StartupError) {
            try start()
        } catch {
            log.error("kioskd cannot start: \(error)")
            stopServices()
            return 1
        }
        notifier.ready(status: statusLine())
        log.info("kioskd ready", ["socket": config.control.socket, "watchdog": notifier.watchdogInterval.map { "\($0.inMilliseconds * 2)ms" } ?? "off"])
        mainLoop()
        notifier.stopping()
        log.notice("kioskd stopping")
        stopServices()
        log.notice("kioskd stopped")
        return 0
    }

    // MARK: services

    private func start() throws(StartupError) {
        do throws(Errno) {
            signals = try SignalPipe()
        } catch {
            throw StartupError("cannot set up signal handling: \(error)")
        }
        recorder.open()
        noteUncleanStop()
        recorder.event(.boot(config: loaded.file))
        recorder.sync()
        usage = UsageService(config: config, recorder: recorder)
        usage?.start()
        control = try makeControlServer(for: config)
        do throws(Errno) {
            leds = try LEDService(leds: config.leds)
        } catch {
            throw StartupError("cannot start the LED thread: \(error)")
        }
        leds?.start()
        let settings = try brokerSettings(for: config)
        broker = makeBroker(settings: settings, config: config)
        broker?.start()
        let probe = brokerProbe
        do throws(Errno) {
            health = try HealthService(config: config, ledgerDirectory: config.storage.dir + "/health") { probe.measure() }
        } catch {
            throw StartupError("cannot start the health thread: \(error)")
        }
        health?.start()
    }

    /// Not the reverse of `start()`: the LEDs go first, so the "agent stopped" state shows at
    /// once (and is held until kioskd exits); health and usage next, so their last records are
    /// stored with the `shutdown` event and synced; then the broker says `offline/shutdown` (and
    /// collects the last acknowledgements) while the control socket still answers; the socket;
    /// the store last.
    private func stopServices() {
        leds?.stop()  // the "agent stopped" state first, held until kioskd exits
        health?.stop()
        storeHealthRecords()
        health = nil
        usage?.stop()
        recorder.event(.shutdown)
        recorder.sync()
        markCleanStop()
        broker?.stop(timeout: .seconds(3))
        broker = nil
        control?.shutdown()
        control = nil
        recorder.close()
        // The LEDs stay held in the stopped state until the process exits.
    }

    private func makeControlServer(for config: Config) throws(StartupError) -> ControlServer {
        let group = try groupID(config.control.group)
        let limits = ControlServer.Limits(config.control)
        let policy = ControlPolicy(daemonUID: getuid(), group: group ?? getgid())
        let server: ControlServer
        if let fd = activatedControl.take(), let path = ActivatedSockets.unixListenerPath(of: fd) {
            server = ControlServer(activated: fd, path: path, limits: limits, policy: policy)
            log.info("control socket passed by systemd", ["socket": path])
            if path != config.control.socket {
                log.warning("systemd's control socket is not [control] socket; serving on systemd's", ["configured": config.control.socket])
            }
        } else {
            server = try ControlServer(path: config.control.socket, group: group, limits: limits, policy: policy)
        }
        for command in commands() { server.register(command) }
        return server
    }

    private func groupID(_ name: String?) throws(StartupError) -> gid_t? {
        guard let name else { return nil }
        guard let entry = getgrnam(name) else {
            throw StartupError("[control] group \(name) does not exist")
        }
        return entry.pointee.gr_gid
    }

    private func brokerSettings(for config: Config) throws(StartupError) -> BrokerSettings {
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

    private func makeBroker(settings: BrokerSettings, config: Config) -> BrokerClient {
        let started = startedWallMs
        let commandLog = Logger("mqtt")
        let feed = recorder.feed
        let leds = self.leds
        let client = BrokerClient(
            settings: settings,
            presence: { state, reason in feed.presence(state, reason: reason, startedWallMs: started) },
            onCommand: { [brokerRequests] name, payload in
                switch name {
                case "identify":
                    let seconds = LEDCommands.identifySeconds(payload: payload)
                    commandLog.notice("identify requested by the broker", ["seconds": "\(seconds)"])
                    leds?.identify(seconds: seconds)
                case "report":
                    brokerRequests.addReport()
                default:
                    commandLog.notice("ignored a command from the broker", ["command": name])
                }
            },
            log: Logger("mqtt"),
            feed: feed)
        recorder.onDurable = { [weak client] in client?.recordsAvailable() }
        return client
    }

    // MARK: main loop

    private func mainLoop() {
        guard let signals else { return }
        var nextWatchdog = KernelClock.monotonicMilliseconds()
        let watchdogMs = notifier.watchdogInterval?.inMilliseconds
        while !stopRequested {
            let now = KernelClock.monotonicMilliseconds()
            if let watchdogMs, now >= nextWatchdog {
                notifier.watchdog()
                nextWatchdog = now + watchdogMs
            }
            var wake = now + 1000
            if watchdogMs != nil { wake = min(wake, nextWatchdog) }
            if let deadline = control?.nextDeadline { wake = min(wake, deadline) }
            wake = min(wake, recorder.nextDeadline)
            if let usage { wake = min(wake, usage.nextDeadline) }

            var sources = PollSet()
            let signalSource = sources.add(signals.readEnd, events: Int16(POLLIN))
            let controlSource = sources.add(control?.pollDescriptors() ?? [])
            let usageSource = sources.add(usage?.pollDescriptors() ?? [])
            do throws(Errno) {
                try sources.wait(timeoutMs: max(0, wake - now))
            } catch {
                log.error("poll failed", ["error": "\(error)"])
                return
            }
            let after = KernelClock.monotonicMilliseconds()
            if sources.revents(signalSource) != 0 {
                for number in signals.drain() { handle(signal: number) }
            }
            control?.handle(sources.events(controlSource), now: after)
            usage?.handle(sources.events(usageSource))
            let reports = brokerRequests.takeReports()
            if reports > 0 {
                log.info("today's summary requested by the broker", ["requests": "\(reports)"])
                usage?.requestReport()
            }
            usage?.tick()
            storeHealthRecords()
            recorder.tick(now: after)
            leds?.update(ledInputs(now: after))
            for event in leds?.takeEvents() ?? [] { recorder.event(event) }
            if let target = controlRebind {
                controlRebind = nil
                rebindControl(for: target)
            }
            notifyStatusIfChanged()
        }
    }

    /// Appends what the health thread measured. An outage goes through the recorder's durable
    /// hand-off and is confirmed to the ledger once it is on the medium.
    private func storeHealthRecords() {
        guard let health else { return }
        for record in health.takeRecords() {
            guard record.outage != nil || record.recovered else {
                recorder.append(type: record.type, data: record.data, periodic: record.periodic)
                continue
            }
            let id = record.type + ":" + String(decoding: record.data, as: UTF8.self)
            if recorder.handOver(id: id, type: record.type, data: record.data, recovered: record.recovered, isSame: { $0.data == record.data }) {
                health.confirm(record)
            }
        }
    }

    private func handle(signal number: Int32) {
        switch number {
        case SIGHUP:
            _ = reload()
        default:
            log.notice("received a stop signal", ["signal": number == SIGINT ? "SIGINT" : "SIGTERM"])
            stopRequested = true
        }
    }

    private func notifyStatusIfChanged() {
        let line = statusLine()
        if line != lastNotifiedStatus {
            lastNotifiedStatus = line
            notifier.status(line)
        }
    }

    /// One line for `systemctl status`.
    private func statusLine() -> String {
        guard let status = broker?.status else { return "starting" }
        let target = "\(status.host):\(status.port)"
        switch status.state {
        case .connected: return "broker connected (\(target))"
        case .connecting: return "connecting to broker \(target)"
        case .disconnected: return "broker \(target) unreachable: \(status.lastError ?? "not connected yet")"
        case .stopped: return "stopping"
        }
    }

    /// What the LEDs show, from the services' state now.
    private func ledInputs(now: Int64) -> LEDInputs {
        let store = recorder.store
        return LEDInputs(
            broker: broker?.status, connectivity: health.flatMap { $0.current.rounds > 0 ? $0.current.state : nil },
            pendingRecords: store.map { $0.lastSeq &- $0.acknowledgedSeq } ?? 0, storageFault: recorder.storageFault,
            clock: recorder.clockState, uptimeMs: now - startedMonoMs, configProblem: reloadProblem,
            sessionActive: usage?.isActive ?? false)
    }

    // MARK: reload

    /// Reads the configuration again. A bad file keeps the running configuration and says why.
    func reload() -> Result<Void, ConfigError> {
        notifier.reloading()
        defer { notifier.ready(status: statusLine()) }
        let fresh: LoadedConfig
        do throws(ConfigError) {
            fresh = try ConfigLoader.load(path: configPath)
        } catch {
            log.error("reload refused: the configuration has errors; keeping the running one", ["errors": "\(error.diagnostics.count)"])
            reloadProblem = "reload refused: \(error.diagnostics.first.map { "\($0)" } ?? "errors")"
            for diagnostic in error.diagnostics { log.error("\(diagnostic)") }
            return .failure(error)
        }
        let old = config
        let new = fresh.config
        let settings: BrokerSettings
        // A new path binds a new socket; a new group alone regroups the one there is (a rebind
        // to the same path would find this kioskd listening and refuse).
        let moveControl = new.control.socket != old.control.socket
        let regroupControl = !moveControl && new.control.group != old.control.group
        do throws(StartupError) {
            settings = try brokerSettings(for: new)
            let group = try groupID(new.control.group)
            if regroupControl { try control?.regroup(group, daemonUID: getuid()) }
        } catch {
            log.error("reload failed: \(error); keeping the running configuration")
            let diagnostic = ConfigDiagnostic(file: fresh.file ?? "(defaults)", line: nil, section: nil, key: nil, message: error.description)
            return .failure(ConfigError(diagnostics: [diagnostic]))
        }
        if moveControl {
            controlRebind = new
        } else {
            control?.limits = ControlServer.Limits(new.control)
        }
        if new.storage.dir != old.storage.dir {
            log.notice("[storage] dir changes take effect at the next start", ["dir": old.storage.dir])
        }
        // A new name or prefix needs a new broker client (its Last Will and topics carry the
        // name). The old client goes first, with what it has in flight under the old name;
        // the new one starts last, once the recorder and the publisher's feed know the new
        // name, so its very first message carries it.
        let renamed = new.device != old.device || new.mqtt.topicPrefix != old.mqtt.topicPrefix
        if renamed {
            broker?.stop(timeout: .seconds(3))
            broker = nil
        }
        loaded = fresh
        reloadProblem = nil
        if new.leds != old.leds { leds?.reconfigure(leds: new.leds) }
        Logger.level = new.log.level
        recorder.update(config: new)
        health?.update(config: new)
        usage?.update(config: new)
        if renamed {
            broker = makeBroker(settings: settings, config: new)
            broker?.start()
            #if DEBUG || KIOSK_TEST_HOOKS
            TestHooks.pauseAfterBrokerRestart()
            #endif
        } else {
            broker?.update(settings: settings)
        }
        recorder.event(.configReloaded(fresh.file))
        log.notice("configuration reloaded", ["config": fresh.file ?? "built-in defaults"])
        return .success(())
    }

    /// Moves the control socket: binds the new one first, so if that fails the old one stays.
    private func rebindControl(for target: Config) {
        do throws(StartupError) {
            let moved = try makeControlServer(for: target)
            control?.shutdown()
            control = moved
            log.notice("control socket moved", ["socket": moved.path])
        } catch {
            log.error("cannot move the control socket: \(error); keeping \(control?.path ?? "none")")
        }
    }
}
