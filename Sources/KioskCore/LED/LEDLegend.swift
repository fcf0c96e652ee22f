/// The technician's LED table as data: every situation a technician may find an LED in, with
/// the pattern it shows then.
///
/// The patterns are not written here: each row holds the situation (the inputs kioskd's
/// services report, or kioskd stopped, or identify) and asks `LEDPolicy` for the pattern, so
/// the printed card (`kioskctl led card`) cannot disagree with what the LEDs do.
/// `LEDLegendTests` checks that every pattern the policy can give a role has a row.
public enum LEDLegend {
    /// What brings an LED to show a row's pattern.
    public enum Situation: Equatable, Sendable {
        /// kioskd runs and its services report these inputs: `LEDPolicy.pattern(role:inputs:)`.
        case running(LEDInputs)
        /// kioskd stopped on purpose: `LEDPolicy.stopped(role:)`.
        case stopped
        /// kioskd died and left the line lit: a gpiod line keeps the level of its last write,
        /// so a heartbeat caught on a beat stays lit, steadily.
        case frozenLit
        /// `kioskctl led identify` or the broker's `cmd/identify`: `LEDPolicy.identify`.
        case identify
    }

    /// One line of the card.
    public struct Row: Equatable, Sendable {
        /// `ROLE.SITUATION` (`network.portal`), `all.identify` for every LED at once; kioskctl's
        /// catalogue keys for the row's words are built from it.
        public let id: String
        /// The LED the row is about; nil for every LED at once.
        public let role: LEDRole?
        public let situation: Situation
        /// What the LED shows in this situation, as `LEDPolicy` decides it.
        public let pattern: LEDPattern

        static func running(_ role: LEDRole, _ name: String, _ inputs: LEDInputs) -> Row {
            Row(id: "\(role).\(name)", role: role, situation: .running(inputs), pattern: LEDPolicy.pattern(role: role, inputs: inputs))
        }

        static func stopped(_ role: LEDRole) -> Row {
            Row(id: "\(role).stopped", role: role, situation: .stopped, pattern: LEDPolicy.stopped(role: role))
        }

        static func frozenLit(_ role: LEDRole) -> Row {
            Row(id: "\(role).frozen", role: role, situation: .frozenLit, pattern: .on)
        }

        static let identify = Row(id: "all.identify", role: nil, situation: .identify, pattern: LEDPolicy.identify)
    }

    /// The rows in the card's order: by role, as `LEDRole` lists them, then every LED at once.
    public static let rows: [Row] = [
        .running(.power, "running", LEDInputs()),
        .stopped(.power),
        .frozenLit(.power),
        .running(.network, "unjudged", LEDInputs(connectivity: nil)),
        .running(.network, "online", LEDInputs(connectivity: .online)),
        .running(.network, "degraded", LEDInputs(connectivity: .degraded)),
        .running(.network, "portal", LEDInputs(connectivity: .portal)),
        .running(.network, "offline", LEDInputs(connectivity: .offline)),
        .running(.uplink, "disconnected", LEDInputs(brokerConnected: false)),
        .running(.uplink, "connected", LEDInputs(brokerConnected: true)),
        .running(.uplink, "draining", LEDInputs(brokerConnected: true, backlogDraining: true)),
        .running(.session, "idle", LEDInputs(sessionActive: false)),
        .running(.session, "active", LEDInputs(sessionActive: true)),
        .running(.fault, "none", LEDInputs(faults: [])),
        .running(.fault, "problem", LEDInputs(faults: ["storage: no space left on device"])),
        .stopped(.fault),
        .identify,
    ]
}
