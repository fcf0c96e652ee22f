#if canImport(Glibc)
import Glibc
#endif
import KioskCore

/// kioskd's control commands, and the `status` they report.
extension Daemon {
    /// Appends a record through the recorder (for capabilities and debug commands).
    func recordAppend(type: String, _ data: some Encodable, periodic: Bool = false) -> UInt64? {
        recorder.append(type: type, data, periodic: periodic)
    }

    func commands() -> [ControlCommand] {
        var all = baseCommands() + (usage?.commands() ?? [])
        #if DEBUG || KIOSK_TEST_HOOKS
        all += debugCommands()
        #endif
        return all
    }

    private func baseCommands() -> [ControlCommand] {
        [
            ControlCommand("status") { [unowned self] _, _ in
                self.recorder.checkClock()
                return self.statusReport().with(leds: self.leds?.animator.status)
            },
            ControlCommand("queue") { [unowned self] _, _ throws(ControlError) in
                try self.readStore { (store) throws(StoreError) in try store.stats() }
            },
            ControlCommand("history") { [unowned self] args, _ throws(ControlError) in
                let anchor = self.recorder.clockState == .synced ? ClockAnchor.current() : nil
                return try self.readStore { (store) throws(StoreError) in
                    try store.records(HistoryEntry.query(from: args)).map { HistoryEntry($0, anchor: anchor) }
                }
            },
            ControlCommand("config") { [unowned self] _, _ in
                EffectiveConfig(file: self.loaded.file, ini: self.config.renderINI())
            },
            ControlCommand("led-test", changesState: true) { [unowned self] _, _ throws(ControlError) in
                try LEDCommands.test(self.leds?.animator)
            },
            ControlCommand("led-identify", changesState: true) { [unowned self] args, _ throws(ControlError) in
                try LEDCommands.identify(self.leds?.animator, args: args)
            },
            ControlCommand("reload", changesState: true) { [unowned self] _, _ throws(ControlError) in
                switch self.reload() {
                case .success: return EffectiveConfig(file: self.loaded.file, ini: self.config.renderINI())
                case .failure(let error): throw ControlError(.failed, error.description)
                }
            },
        ]
    }

    /// Runs a read of the record store for a control command; a store that is not open or
    /// cannot be read becomes the command's error.
    private func readStore<T>(_ read: (RecordStore) throws(StoreError) -> T) throws(ControlError) -> T {
        guard let store = recorder.store else {
            throw ControlError(.failed, "the record store is not open: \(recorder.fault ?? "unknown")", reason: ConfigReason("store-closed"))
        }
        do throws(StoreError) {
            return try read(store)
        } catch {
            throw ControlError(.failed, "cannot read the record store: \(error)")
        }
    }

    func statusReport() -> StatusReport {
        let now = KernelClock.monotonicMilliseconds()
        return StatusReport(
            version: KioskAgent.version, pid: getpid(),
            started: KernelClock.rfc3339(milliseconds: startedWallMs), uptimeMs: now - startedMonoMs,
            boot: KernelClock.bootID, device: config.device.id, site: config.device.site,
            configFile: loaded.file, clock: recorder.clockState,
            broker: broker?.status ?? BrokerStatus(
                state: .stopped, host: config.mqtt.host, port: config.mqtt.port, tls: config.mqtt.tls,
                since: KernelClock.rfc3339(milliseconds: startedWallMs)),
            queue: try? recorder.store?.stats(), storageFault: recorder.storageFault,
            connectivity: health.flatMap { ConnectivityStatus($0.current) }, session: usage?.current)
    }
}
