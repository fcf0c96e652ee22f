import KioskCore

extension LEDInputs {
    /// A clock still unsynced this long after kioskd started lights the fault LED: records are
    /// stamped with a wrong time and NTP is likely blocked.
    static let clockUnsyncedFaultMs: Int64 = 3_600_000
    /// More records than one publish window waiting while connected: the uplink is catching up.
    static let backlogDrainingRecords: UInt64 = 100

    /// What the LEDs show, from the state of kioskd's services.
    init(
        broker: BrokerStatus?, connectivity: ConnectivityState?, pendingRecords: UInt64, storageFault: String?,
        clock: ClockState, uptimeMs: Int64, configProblem: String?, sessionActive: Bool
    ) {
        let connected = broker?.state == .connected
        var faults: [String] = []
        if let storageFault { faults.append("storage: \(storageFault)") }
        if clock == .unsynced && uptimeMs >= Self.clockUnsyncedFaultMs { faults.append("clock not synced since kioskd started") }
        if let configProblem { faults.append("configuration: \(configProblem)") }
        // Records kept, not lost, but nothing reaches the province until someone fixes the
        // broker's ACL or quota: a technician must see it at a glance.
        if let refused = broker?.refused { faults.append("broker refuses records: \(refused.reason)") }
        self.init(
            connectivity: connectivity, brokerConnected: connected,
            backlogDraining: connected && pendingRecords > Self.backlogDrainingRecords,
            sessionActive: sessionActive, faults: faults)
    }
}
