#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import KioskCore
import KioskOutbox
import KioskMQTT

/// kioskd: its services, its main loop, and what the signals do to them.
///
/// The services are one `ServiceGroup`, started in order (store, control socket, broker
/// client, run events, usage, health, LEDs) and stopped in reverse under one deadline. The main
/// loop owns them all; signals and control requests are handled on its thread only, and the
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
    /// Every service stops by this long after the stop began: below systemd's
    /// `TimeoutStopSec=15s`, so kioskd exits on its own, store closed, before it is killed.
    static let stopBudgetMs: Int64 = 10_000

    let recorder: Recorder
    private let currentBroker = CurrentBroker()
    private(set) var group = ServiceGroup([])
    private(set) var control: ControlSocket?
    private(set) var broker: BrokerService?
    private(set) var health: HealthService?
    private(set) var usage: UsageService?
    private(set) var leds: LEDService?
    private var stopRequested = false
    private var lastNotifiedStatus = ""
    private var nextWatchdog: Int64 = 0
    /// Other threads wake the main loop with it: a health round, a broker state change or
    /// command. Idle, the loop wakes for nothing else but deadlines.
    private var doorbell: WakePipe?
    /// Why the last reload was refused, until one succeeds: the fault LED shows it.
    private var reloadProblem: String?
    /// The control socket systemd listens on for kioskd (kioskd.socket), used by the first start only.
    private var activatedControl = ActivatedSockets.take().first

    public init(configPath: String?, loaded: LoadedConfig, notifier: SystemdNotifier = SystemdNotifier()) {
        self.configPath = configPath
        self.loaded = loaded
        self.notifier = notifier
        recorder = Recorder(config: loaded.config)
        recorder.onDurable = { [currentBroker] in currentBroker.recordsAvailable() }
    }

    /// Runs until SIGTERM or SIGINT; returns the process exit status.
    public func run() -> Int32 {
        Logger.level = config.log.level
        log.notice("kioskd starting", [
            "version": KioskAgent.version, "config": loaded.file ?? "built-in defaults",
            "device": config.device.id, "site": config.device.site, "pid": "\(getpid())",
        ])
        let signals: SignalPipe
        do throws(Errno) {
            signals = try SignalPipe()
        } catch {
            log.error("kioskd cannot start: cannot set up signal handling: \(error)")
            return 1
        }
        do throws(StartupError) {
            try start()
        } catch {
            log.error("kioskd cannot start: \(error)")
            stop()
            return 1
        }
        notifier.ready(status: statusLine())
        log.info("kioskd ready", ["socket": config.control.socket, "watchdog": notifier.watchdogInterval.map { "\($0.inMilliseconds * 2)ms" } ?? "off"])
        while !stopRequested {
            do throws(Errno) {
                try turn(signals: signals)
            } catch {
                log.error("poll failed", ["error": "\(error)"])
                break
            }
        }
        notifier.stopping()
        log.notice("kioskd stopping")
        stop()
        log.notice("kioskd stopped")
        return 0
    }

    // MARK: services

    /// Makes the services and starts them in order; when one cannot start, `stop` stops
    /// those that did.
    func start() throws(StartupError) {
        let doorbell: WakePipe
        do throws(Errno) {
            doorbell = try WakePipe()
        } catch {
            throw StartupError("cannot set up the main loop's wake-up pipe: \(error)")
        }
        self.doorbell = doorbell
        let wake: @Sendable () -> Void = { doorbell.signal() }
        let usage = UsageService(config: config, recorder: recorder)
        let leds = try LEDService(config: config, recorder: recorder) { [unowned self] now in self.ledInputs(now: now) }
        let broker = BrokerService(
            config: config, feed: recorder.feed, current: currentBroker, startedWallMs: startedWallMs,
            leds: leds.animator, reports: usage.brokerReports, wake: wake)
        let control = ControlSocket(config: config.control, activated: activatedControl.take()) { [unowned self] in self.commands() }
        let health = try HealthService(config: config, recorder: recorder, broker: currentBroker, wake: wake)
        let run = RunEvents(recorder: recorder, storageDir: config.storage.dir, configFile: loaded.file, startedWallMs: startedWallMs)
        (self.usage, self.leds, self.broker, self.control, self.health) = (usage, leds, broker, control, health)
        group = ServiceGroup([recorder, control, broker, run, usage, health, leds])
        try group.start()
    }

    /// Stops every service that started, in reverse order, by one deadline.
    func stop() {
        group.stop(by: KernelClock.monotonicMilliseconds() + Self.stopBudgetMs)
    }

    // MARK: main loop

    /// One turn of the main loop: the watchdog, one poll over the signals, the doorbell and
    /// every service's descriptors until the first deadline (none: until something is ready),
    /// then each service's turn.
    func turn(signals: SignalPipe?) throws(Errno) {
        let now = KernelClock.monotonicMilliseconds()
        let watchdogMs = notifier.watchdogInterval?.inMilliseconds
        if let watchdogMs, now >= nextWatchdog {
            notifier.watchdog()
            nextWatchdog = now + watchdogMs
        }
        let deadlines = [watchdogMs != nil ? nextWatchdog : nil, group.nextDeadline].compactMap { $0 }
        let timeoutMs = deadlines.min().map { max(0, $0 - now) } ?? -1

        var sources = PollSet()
        let signalSource = signals.map { sources.add($0.readEnd, events: Int16(POLLIN)) }
        let doorbellSource = doorbell.map { sources.add($0.readEnd, events: Int16(POLLIN)) }
        let serviceSources = group.addSources(to: &sources)
        try sources.wait(timeoutMs: timeoutMs)
        if let signals, let signalSource, sources.revents(signalSource) != 0 {
            for number in signals.drain() { handle(signal: number) }
        }
        if let doorbell, let doorbellSource, sources.revents(doorbellSource) != 0 { doorbell.drain() }
        group.handle(sources, tokens: serviceSources, now: KernelClock.monotonicMilliseconds())
        notifyStatusIfChanged()
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

    /// Reads the configuration again and offers it to every service. A bad file, or one a
    /// service cannot take, keeps the running configuration and says why.
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
        let changes: [String]
        do throws(StartupError) {
            changes = try group.reload(Reload(old: config, new: fresh.config))
        } catch {
            log.error("reload failed: \(error); keeping the running configuration")
            let diagnostic = ConfigDiagnostic(file: fresh.file ?? "(defaults)", line: nil, section: nil, key: nil, message: error.description)
            return .failure(ConfigError(diagnostics: [diagnostic]))
        }
        loaded = fresh
        reloadProblem = nil
        Logger.level = fresh.config.log.level
        recorder.event(.configReloaded(fresh.file))
        log.notice("configuration reloaded", [
            "config": fresh.file ?? "built-in defaults", "changed": changes.isEmpty ? "nothing" : changes.joined(separator: "; "),
        ])
        return .success(())
    }
}
