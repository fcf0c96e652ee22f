/// A probe that cannot run as configured, kept in the set so its layer still shows, failing,
/// with the reason: the default probe set on a kiosk with no default route has no interface to
/// watch and no gateway to ping, and that is exactly what the technician must be told.
public struct UnavailableProbe: HealthProbe {
    public var name: String
    public var type: String
    public var target: String
    public var layer: HealthLayer
    public var reason: String

    public init(name: String, type: String, target: String = "", layer: HealthLayer, reason: String) {
        self.name = name
        self.type = type
        self.target = target
        self.layer = layer
        self.reason = reason
    }

    public func measure(timeout: Duration) -> ProbeMeasurement {
        ProbeMeasurement(name: name, type: type, target: target, layer: layer, ok: false, sent: 0, detail: reason)
    }
}
