import CMosquitto
import KioskCore
import Synchronization

/// A consumer of kiosk telemetry: subscribes to topic filters (QoS 1) and hands every message
/// to `onMessage`, reconnecting with full-jitter backoff for as long as it runs. What
/// `kioskctl fleet` and the fleet simulator's checker read the broker with.
///
/// `start()` returns at once; a network thread owned by the subscriber does every libmosquitto
/// call and calls `onMessage` in the order the broker delivered (keep it short). The state is
/// a snapshot under a lock, readable from any thread.
///
/// `Sendable` without `@unchecked`: the stored properties are immutable and Sendable, and the
/// only mutable state sits in `Mutex`es.
public final class BrokerSubscriber: Sendable {
    public struct Message: Sendable, Equatable {
        public var topic: String
        public var payload: [UInt8]
        /// From the broker's retained store (the last `status` of a kiosk), not live.
        public var retained: Bool
    }

    public enum State: Sendable, Equatable {
        case connecting
        /// Connected and every filter granted.
        case subscribed
        /// Not connected; the reason in a technician's words ("connection refused",
        /// "not authorized"), retried after a backoff.
        case disconnected(String)
        case stopped
    }

    private struct Shared: Sendable {
        var state = State.connecting
        var stopRequested = false
        var thread: SystemThread?
        var delivered = 0
    }

    private let settings: SubscriberSettings
    private let onMessage: @Sendable (Message) -> Void
    private let log: Logger
    private let shared = Mutex(Shared())
    private let wake: WakePipe
    private let exited: WakePipe

    public init(settings: SubscriberSettings, log: Logger = Logger("subscriber"), onMessage: @escaping @Sendable (Message) -> Void) throws(Errno) {
        self.settings = settings
        self.onMessage = onMessage
        self.log = log
        wake = try WakePipe()
        exited = try WakePipe()
    }

    deinit {
        stop()
    }

    public var state: State { shared.withLock { $0.state } }

    /// Messages handed to `onMessage` so far.
    public var delivered: Int { shared.withLock { $0.delivered } }

    /// Starts the network thread. Throws only when the thread cannot be made.
    public func start() throws(Errno) {
        let thread = try SystemThread.start("mqtt-consumer", joinable: true) { [self] in run() }
        shared.withLock { $0.thread = thread }
    }

    /// Waits until subscribed (true), or until `timeout` passes or the subscriber stops (false).
    public func waitUntilSubscribed(timeout: Duration) -> Bool {
        let deadline = KernelClock.monotonicMilliseconds() + timeout.inMilliseconds
        while KernelClock.monotonicMilliseconds() < deadline {
            switch state {
            case .subscribed: return true
            case .stopped: return false
            default: _ = exited.wait(timeout: .milliseconds(20))
            }
        }
        return state == .subscribed
    }

    /// Disconnects cleanly and ends the network thread (waits for it, at most about a second).
    public func stop() {
        let thread = shared.withLock { shared -> SystemThread? in
            shared.stopRequested = true
            defer { shared.thread = nil }
            return shared.thread
        }
        wake.signal()
        guard let thread else { return }
        if exited.wait(timeout: .seconds(2)) {
            thread.join()
        } else {
            thread.detach()
        }
    }

    private var stopRequested: Bool { shared.withLock { $0.stopRequested } }

    private func set(_ state: State) {
        shared.withLock { $0.state = state }
    }

    private func run() {
        var backoff = ReconnectBackoff(minimum: settings.reconnectMin, maximum: settings.reconnectMax)
        var lastReason: String?
        while !stopRequested {
            set(.connecting)
            let reason = session(&backoff) ?? "connection lost"
            if stopRequested { break }
            if reason != lastReason {
                log.warning("not connected to the broker", ["host": settings.host, "port": "\(settings.port)", "reason": reason])
                lastReason = reason
            }
            set(.disconnected(reason))
            if wake.wait(timeout: backoff.next()) { wake.drain() }
        }
        set(.stopped)
        exited.signal()
    }

    /// One connection, from connect to its end; returns why it ended (nil when stopped).
    private func session(_ backoff: inout ReconnectBackoff) -> String? {
        let connection: ConsumerConnection
        do {
            connection = try ConsumerConnection(settings: settings)
            try connection.connect(settings)
        } catch let error as MosquittoError {
            return error.summary
        } catch let error as SetupFailure {
            return error.summary
        } catch {
            return "\(error)"
        }
        var pendingGrants = settings.filters.count
        while !stopRequested {
            let failure = connection.loop(timeoutMs: 100)
            for event in connection.takeEvents() {
                switch event {
                case .connack(let code, _):
                    guard code == 0 else { return BrokerReason(rawValue: code).description }
                    do throws(MosquittoError) {
                        try connection.subscribe(settings.filters)
                    } catch {
                        return error.summary
                    }
                case .subscribed(_, let granted):
                    if let refused = granted.first(where: { $0 >= 0x80 }) {
                        return "subscription refused: \(BrokerReason(rawValue: refused).description)"
                    }
                    pendingGrants -= granted.count
                    if pendingGrants <= 0 {
                        backoff.reset()
                        set(.subscribed)
                        log.info("subscribed", ["filters": settings.filters.joined(separator: " ")])
                    }
                case .message(let topic, let payload, let retained):
                    onMessage(Message(topic: topic, payload: payload, retained: retained))
                    shared.withLock { $0.delivered += 1 }
                case .disconnected(let code, let systemCode):
                    if code != 0 { return MosquittoError(code, systemCode: systemCode).summary }
                case .published, .libraryLog:
                    break
                }
            }
            if let failure { return failure.summary }
        }
        connection.disconnect()
        _ = connection.loop(timeoutMs: 10)
        return nil
    }
}
