import KioskCore
import KioskMQTT
import Synchronization

/// Whichever broker client is current (a reload that renames the kiosk replaces it), for the
/// other threads: the recorder's committer wakes it when records become durable, and the
/// health thread measures the connection as the last layer of its verdict (`mqtt`: TLS and
/// authentication included).
final class CurrentBroker: Sendable {
    private let client = Mutex<BrokerClient?>(nil)

    func use(_ broker: BrokerClient?) { client.withLock { $0 = broker } }

    /// New records are durable: the publisher may send them.
    func recordsAvailable() { client.withLock { $0 }?.recordsAvailable() }

    func measure() -> ProbeMeasurement? {
        guard let status = client.withLock({ $0 })?.status else { return nil }
        let connected = status.state == .connected
        return ProbeMeasurement(
            name: "broker-connection", type: "mqtt", target: "\(status.host):\(status.port)", layer: .mqtt,
            ok: connected, portal: false, sent: 1, received: connected ? 1 : 0, rttMs: [],
            detail: connected ? nil : (status.lastError ?? "not connected yet"), link: nil,
            atWallMs: KernelClock.wallMilliseconds(), durationMs: 0)
    }
}
