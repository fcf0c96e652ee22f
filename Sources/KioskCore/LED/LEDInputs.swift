/// What the LEDs show, gathered by kioskd's main loop from its services and handed to the LED
/// thread. Equal inputs mean nothing to redraw.
public struct LEDInputs: Equatable, Sendable {
    /// The connectivity verdict; nil until the first probe round has been judged.
    public var connectivity: ConnectivityState?
    public var brokerConnected: Bool
    /// Connected and sending a backlog larger than one publish window: the uplink is catching up.
    public var backlogDraining: Bool
    /// A visitor session is open.
    public var sessionActive: Bool
    /// Problems a technician must look at, in words (`storage: …`, `clock not synced for 2h`,
    /// `configuration: …`); any one of them lights the fault LED.
    public var faults: [String]

    public init(
        connectivity: ConnectivityState? = nil, brokerConnected: Bool = false, backlogDraining: Bool = false,
        sessionActive: Bool = false, faults: [String] = []
    ) {
        self.connectivity = connectivity
        self.brokerConnected = brokerConnected
        self.backlogDraining = backlogDraining
        self.sessionActive = sessionActive
        self.faults = faults
    }
}
