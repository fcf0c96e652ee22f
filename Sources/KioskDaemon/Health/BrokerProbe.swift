import KioskCore
import KioskMQTT
import Synchronization

/// The broker connection itself as the last layer of the verdict (`mqtt`: TLS and
/// authentication included). Holds whichever broker client is current, as reloads replace it.
final class BrokerProbe: Sendable {
    private let client = Mutex<BrokerClient?>(nil)

    func use(_ broker: BrokerClient?) { client.withLock { $0 = broker } }

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
