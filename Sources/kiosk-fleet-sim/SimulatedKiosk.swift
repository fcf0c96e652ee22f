import KioskCore
import KioskOutbox
@_spi(Testing) import KioskMQTT

/// One simulated kiosk running kioskd's own recording and publishing path: kioskd's `Recorder`
/// over a real `RecordStore` on disk (its group commit, drop announcements, `boot` event), its
/// `StoreFeed`, and a real `BrokerClient` (at-least-once, QoS 1, in seq order, status and Last
/// Will). Only what is recorded, and when, is made up.
///
/// Driven by one simulation thread (`tick`), never concurrently; the broker client runs its own
/// network thread as in kioskd.
final class SimulatedKiosk {
    enum OutageKind: String { case linkDown = "link-down", crash }

    let device: String
    let site: String
    private let config: Config
    private let settings: BrokerSettings
    private let deadSettings: BrokerSettings
    private let recorder: Recorder
    private let current = CurrentBroker()
    private var client: BrokerClient? {
        didSet { current.use(client) }
    }
    private var random: SimulationRandom
    private let schedule: SimulationOptions.Schedule
    private let started = KernelClock.wallMilliseconds()
    private var nextHealth: Int64
    private var nextSession: Int64
    private var nextOutage: Int64
    private var outage: (kind: OutageKind, startMs: Int64, endMs: Int64)?
    private(set) var forcedDisconnects: [OutageKind: Int] = [:]
    private(set) var appendFailures = 0

    init(index: Int, options: SimulationOptions, now: Int64) throws {
        device = "kiosk-" + String(index).leftPadded(to: 4)
        site = "site-" + String(index % options.sites).leftPadded(to: 2)
        var config = Config.defaults(for: HostEnvironment(hostname: device, isRoot: false, home: options.storeDirectory))
        config.device.id = device
        config.device.site = site
        config.storage.dir = options.storeDirectory + "/" + device
        config.storage.maxSize = 16 * 1024 * 1024
        config.storage.syncInterval = .milliseconds(options.schedule.syncMs)
        self.config = config
        var settings = BrokerSettings(config: config, password: nil)
        settings.host = options.host
        settings.port = options.port
        settings.willDelay = options.schedule.willDelay
        settings.reconnectMin = .milliseconds(500)
        settings.reconnectMax = .seconds(5)
        self.settings = settings
        var dead = settings
        dead.port = options.deadPort
        deadSettings = dead
        recorder = Recorder(config: config)
        recorder.onDurable = { [current] in current.recordsAvailable() }
        schedule = options.schedule
        random = SimulationRandom(seed: options.seed &+ UInt64(index) &* 7919)
        nextHealth = now + random.exponential(meanMs: schedule.healthMs)  // spread, then periodic
        nextSession = now + random.exponential(meanMs: schedule.sessionMs)
        nextOutage = schedule.outageMs > 0 ? now + random.exponential(meanMs: schedule.outageMs) : Int64.max
        try openStore()
    }

    /// Starts publishing: a `boot` event, then the broker client.
    func start() {
        recorder.event(.boot(config: "kiosk-fleet-sim"))
        recorder.sync()
        connect()
    }

    private func openStore() throws {
        recorder.open()
        guard recorder.store != nil else {
            throw SimulationFailure("cannot open the record store of \(device) at \(config.storage.dir): \(recorder.fault ?? "?")")
        }
    }

    private func connect() {
        let (feed, started) = (recorder.feed, self.started)
        let client = BrokerClient(
            settings: settings,
            presence: { state, reason in feed.presence(state, reason: reason, startedWallMs: started) },
            onCommand: { _, _ in },
            log: Logger("sim"),
            feed: feed)
        client.start()
        self.client = client
    }

    /// Does what is due at `now`; `recording` false stops new records (the drain at the end).
    func tick(now: Int64, recording: Bool) {
        if recording {
            if now >= nextHealth {
                nextHealth = now + schedule.healthMs
                append("health", SimulatedRecords.health(&random, target: "1.1.1.1"), periodic: true)
            }
            if now >= nextSession {
                nextSession = now + random.exponential(meanMs: schedule.sessionMs)
                append("session", SimulatedRecords.session(&random, endingAt: KernelClock.wallMilliseconds()))
            }
            if outage == nil && now >= nextOutage { beginOutage(now: now) }
        }
        if let outage, now >= outage.endMs || !recording { endOutage(now: now) }
        recorder.tick(now: now)
    }

    private func beginOutage(now: Int64) {
        let kind: OutageKind = random.chance(0.5) ? .linkDown : .crash
        let length = max(200, random.exponential(meanMs: schedule.outageLengthMs))
        outage = (kind, KernelClock.wallMilliseconds(), now + length)
        forcedDisconnects[kind, default: 0] += 1
        switch kind {
        case .linkDown:
            // The uplink is gone: the client loses the broker and retries; the kiosk keeps recording.
            client?.update(settings: deadSettings)
        case .crash:
            // kioskd dies without DISCONNECT (the broker publishes the Will after the will delay);
            // the store is closed as a restart finds it, then reopened with recovery.
            client?.simulateCrash()
            client = nil
            recorder.close()
        }
    }

    private func endOutage(now: Int64) {
        guard let current = outage else { return }
        outage = nil
        nextOutage = schedule.outageMs > 0 ? now + random.exponential(meanMs: schedule.outageMs) : Int64.max
        switch current.kind {
        case .linkDown:
            client?.update(settings: settings)
        case .crash:
            do {
                try openStore()
            } catch {
                appendFailures += 1
            }
            recorder.event(.boot(config: "kiosk-fleet-sim"))
            recorder.sync()
            connect()
        }
        append("outage", SimulatedRecords.outage(startMs: current.startMs, endMs: KernelClock.wallMilliseconds()))
    }

    private func append(_ type: String, _ value: some Encodable, periodic: Bool = false) {
        guard recorder.store != nil else { return }  // "kioskd" is down (a crash outage): nothing is recorded
        if recorder.append(type: type, value, periodic: periodic) == nil { appendFailures += 1 }
    }

    /// The newest record's seq, and the highest the broker acknowledged.
    var lastSeq: UInt64 { recorder.store?.lastSeq ?? 0 }
    var acknowledgedSeq: UInt64 { recorder.store?.acknowledgedSeq ?? 0 }
    var isConnected: Bool { client?.status.state == .connected }

    /// A clean stop: `offline`/`shutdown`, DISCONNECT, the store closed.
    func stop() {
        client?.stop(timeout: .seconds(5))
        client = nil
        recorder.close()
    }
}

struct SimulationFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
