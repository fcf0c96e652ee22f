import KioskCore
import KioskOutbox

extension CurrentBroker {
    /// The broker connection itself as the last layer of the health verdict (`mqtt`: TLS and
    /// authentication included).
    func measure() -> ProbeMeasurement? {
        guard let status else { return nil }
        let connected = status.state == .connected
        return ProbeMeasurement(
            name: "broker-connection", type: "mqtt", target: "\(status.host):\(status.port)", layer: .mqtt,
            ok: connected, portal: false, sent: 1, received: connected ? 1 : 0, rttMs: [],
            detail: connected ? nil : (status.lastError ?? "not connected yet"), link: nil,
            atWallMs: KernelClock.wallMilliseconds(), durationMs: 0)
    }
}
