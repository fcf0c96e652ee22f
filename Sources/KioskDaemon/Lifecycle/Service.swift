#if canImport(Glibc)
import Glibc
#endif
import KioskCore

/// One of kioskd's services, in the one shape the daemon's `ServiceGroup` drives: started in
/// the group's order, stopped in reverse, offered each reloaded configuration, and turned by the
/// main loop (its descriptors, its next deadline, its tick). Everything runs on the main loop;
/// a service with a thread of its own hides it behind these calls.
protocol Service: AnyObject {
    /// For the log.
    var name: String { get }
    func start() throws(StartupError)
    /// Stops, by the monotonic millisecond `deadline` kioskd's shutdown gives every service.
    func stop(by deadline: Int64)
    /// Whether this service can take `reload`, before any service takes it: throws what
    /// refuses the whole reload (a password file that cannot be read, a group that does not
    /// exist). Changes nothing.
    func check(_ reload: Reload) throws(StartupError)
    /// Takes a reloaded configuration every service's `check` accepted; returns what it
    /// changed, in a few words each, for the log.
    func apply(_ reload: Reload) -> [String]
    /// What the main loop polls for this service (asked before every poll).
    func pollDescriptors() -> [pollfd]
    /// This service's own entries after the poll, whether ready or not.
    func handle(_ ready: [pollfd], now: Int64)
    /// When `tick` must run next (monotonic ms); nil when only descriptors and other
    /// services' turns need it.
    var nextDeadline: Int64? { get }
    /// Its turn of the main loop, after every service handled its descriptors.
    func tick(now: Int64)
}

extension Service {
    func check(_ reload: Reload) throws(StartupError) {}
    func apply(_ reload: Reload) -> [String] { [] }
    func pollDescriptors() -> [pollfd] { [] }
    func handle(_ ready: [pollfd], now: Int64) {}
    var nextDeadline: Int64? { nil }
    func tick(now: Int64) {}
}

/// How long a stopping service may still wait: its own bound, cut to what is left before
/// the shutdown's `deadline` (monotonic ms).
func stopWait(until deadline: Int64, atMost bound: Duration) -> Duration {
    .milliseconds(max(0, min(bound.inMilliseconds, deadline - KernelClock.monotonicMilliseconds())))
}

/// A configuration read again on SIGHUP or `kioskctl reload`, beside the running one.
struct Reload {
    var old: Config
    var new: Config
}

/// Why kioskd cannot start, or a reload cannot be taken.
public struct StartupError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// kioskd's services in their start order.
final class ServiceGroup {
    let services: [any Service]
    private var started: [any Service] = []
    private let log = Logger("kioskd")

    init(_ services: [any Service]) {
        self.services = services
    }

    /// Starts every service in order. When one cannot start it throws; the ones before it
    /// are running, and `stop` stops them.
    func start() throws(StartupError) {
        for service in services {
            try service.start()
            started.append(service)
        }
    }

    /// Stops what started, in reverse start order, all by one deadline.
    func stop(by deadline: Int64) {
        let order = started.reversed()
        started.removeAll()
        for service in order { service.stop(by: deadline) }
    }

    /// Offers a reloaded configuration: every service checks it first, so a refusal leaves
    /// every service as it was; then each takes it, in start order. Returns what changed.
    func reload(_ reload: Reload) throws(StartupError) -> [String] {
        for service in services { try service.check(reload) }
        return services.flatMap { service in service.apply(reload).map { "\(service.name): \($0)" } }
    }

    /// The earliest `nextDeadline` of any service, or nil.
    var nextDeadline: Int64? {
        services.compactMap(\.nextDeadline).min()
    }

    /// Adds every service's descriptors to `sources`, to hand back with `handle`.
    func addSources(to sources: inout PollSet) -> [PollSet.Token] {
        services.map { sources.add($0.pollDescriptors()) }
    }

    /// Hands each service its own entries after `sources.wait`, then gives each its tick.
    func handle(_ sources: PollSet, tokens: [PollSet.Token], now: Int64) {
        for (service, token) in zip(services, tokens) { service.handle(sources.events(token), now: now) }
        for service in services { service.tick(now: now) }
    }
}
