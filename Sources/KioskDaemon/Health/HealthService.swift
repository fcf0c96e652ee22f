import KioskCore
import KioskOutbox

/// Connectivity health as one of kioskd's services: the prober's thread measures, and this
/// main-loop side stores what it hands over — `health` samples appended, `outage` records
/// through the recorder's durable hand-off, confirmed to the prober's ledger once durable.
final class HealthService: Service {
    let name = "health"
    let prober: HealthProber
    private let recorder: Recorder

    /// - Parameters:
    ///   - broker: the broker connection, measured as the last layer (`mqtt`).
    ///   - wake: wakes the main loop after each round, for its records and its verdict.
    init(config: Config, recorder: Recorder, broker: CurrentBroker, wake: @escaping @Sendable () -> Void) throws(StartupError) {
        self.recorder = recorder
        do throws(Errno) {
            prober = try HealthProber(config: config, ledgerDirectory: config.storage.dir + "/health", brokerMeasurement: { broker.measure() }, onRound: wake)
        } catch {
            throw StartupError("cannot set up the health thread: \(error)")
        }
    }

    var current: HealthProber.Snapshot { prober.current }

    func start() { prober.start() }

    /// Stops the prober, then stores what it measured last.
    func stop(by deadline: Int64) {
        prober.stop(by: deadline)
        storeRecords()
    }

    func apply(_ reload: Reload) -> [String] {
        let changed = reload.new.health != reload.old.health || reload.new.probes != reload.old.probes
        prober.update(config: reload.new)
        return changed ? ["probes and thresholds"] : []
    }

    func tick(now: Int64) { storeRecords() }

    private func storeRecords() {
        for record in prober.takeRecords() {
            guard record.outage != nil || record.recovered else {
                recorder.append(type: record.type, data: record.data, periodic: record.periodic)
                continue
            }
            let id = record.type + ":" + String(decoding: record.data, as: UTF8.self)
            if recorder.handOver(id: id, type: record.type, data: record.data, recovered: record.recovered, isSame: { $0.data == record.data }) {
                prober.confirm(record)
            }
        }
    }
}
