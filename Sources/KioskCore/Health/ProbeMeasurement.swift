/// The layers of the verdict, in the order they are checked; the first failing one is the cause.
///
/// The order is the order in which a technician fixes things: no point chasing DNS while the
/// cable is out. `Comparable` follows the declaration order.
public enum HealthLayer: String, Codable, Sendable, CaseIterable, Comparable {
    case link, gateway, dns, internet, portal, broker, mqtt

    public static func < (lhs: HealthLayer, rhs: HealthLayer) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
}

/// What the kernel says about a network interface (`/sys/class/net`, `/proc/net/wireless`).
public struct LinkInfo: Codable, Equatable, Sendable {
    public var interface: String
    /// RFC 2863 operational state as the kernel names it: `up`, `down`, `dormant`, `unknown`, …
    public var operstate: String
    /// nil when the kernel will not say (an interface that is administratively down).
    public var carrier: Bool?
    /// Wi-Fi signal level; nil for wired links and when the driver does not report it.
    public var signalDBm: Double?

    public init(interface: String, operstate: String, carrier: Bool? = nil, signalDBm: Double? = nil) {
        self.interface = interface
        self.operstate = operstate
        self.carrier = carrier
        self.signalDBm = signalDBm
    }
}

/// One probe's result: a measurement, never an error. Being offline is normal in a village, so
/// a failure is data (`ok == false` and `detail` in a technician's words) that the verdict,
/// the samples and `kioskctl doctor` all read the same way.
///
/// Counting: `sent` is how many attempts the probe made (echoes, queries, connections),
/// `received` how many were answered at all, and `rttMs` holds one time per answer, so
/// `rttMs.count == received`. An answer is not necessarily success: an NXDOMAIN or a captive
/// portal's redirect is an answer (`received`) with `ok == false`.
public struct ProbeMeasurement: Codable, Equatable, Sendable {
    public var name: String
    /// `link`, `icmp`, `tcp`, `dns`, `http` or `mqtt`.
    public var type: String
    public var target: String
    public var layer: HealthLayer
    /// This probe says its layer works.
    public var ok: Bool
    /// http: a captive portal answered instead of the expected reply.
    public var portal: Bool
    public var sent: Int
    public var received: Int
    /// One per answer: connect time, echo RTT, resolution time, HTTP time to first byte.
    public var rttMs: [Double]
    /// The technician's words: "connection refused", "no carrier", "HTTP 302 to http://login.example".
    public var detail: String?
    /// link probes: the interface's state.
    public var link: LinkInfo?
    /// Wall time when the probe started (may be wrong while the clock is unsynced).
    public var atWallMs: Int64
    /// How long the probe took, by the monotonic clock.
    public var durationMs: Double
    /// http: the status code of the answer, when one came.
    public var httpStatus: Int?
    /// dns: the addresses the name resolved to (a portal's DNS often answers with its own).
    public var addresses: [String]?
    /// The probe could not run on this kiosk as set up (ICMP without permission): its layer is
    /// neither passed nor failed by it, and `detail` says how to allow it. Absent when false.
    public var untested: Bool?

    /// `received` defaults to `sent` when `ok` and to 0 when not.
    public init(
        name: String, type: String, target: String, layer: HealthLayer, ok: Bool,
        portal: Bool = false, sent: Int = 1, received: Int? = nil, rttMs: [Double] = [],
        detail: String? = nil, link: LinkInfo? = nil,
        atWallMs: Int64 = KernelClock.wallMilliseconds(), durationMs: Double = 0,
        httpStatus: Int? = nil, addresses: [String]? = nil, untested: Bool = false
    ) {
        self.name = name
        self.type = type
        self.target = target
        self.layer = layer
        self.ok = ok
        self.portal = portal
        self.sent = sent
        self.received = received ?? (ok ? sent : 0)
        self.rttMs = rttMs
        self.detail = detail
        self.link = link
        self.atWallMs = atWallMs
        self.durationMs = durationMs
        self.httpStatus = httpStatus
        self.addresses = addresses
        self.untested = untested ? true : nil
    }

    /// See `untested`.
    public var isUntested: Bool { untested == true }

    /// Share of attempts that got no answer, 0…1; 0 when nothing was sent.
    public var loss: Double {
        sent > 0 ? Double(sent - min(received, sent)) / Double(sent) : 0
    }
}

/// Something that checks one layer of connectivity now.
///
/// Probes are values that hold only their settings, so one set serves every round and any
/// thread. `ProbeRunner` runs a set concurrently.
public protocol HealthProbe: Sendable {
    var name: String { get }
    var layer: HealthLayer { get }
    /// `link`, `icmp`, `tcp`, `dns`, `http`, `mqtt`; defaults to `custom`.
    var type: String { get }
    /// What the probe checks, as configured; defaults to empty.
    var target: String { get }
    /// Never throws: a failure is a measurement with ok == false and a detail. Returns within
    /// about `timeout` (a probe may have a shorter timeout of its own).
    func measure(timeout: Duration) -> ProbeMeasurement
}

extension HealthProbe {
    public var type: String { "custom" }
    public var target: String { "" }
}
