import KioskCore
import Synchronization

/// kioskd's connection to the provincial MQTT broker: presence, the Last Will, commands, and
/// (given a `RecordFeed`) the at-least-once publishing of stored records.
///
/// `start()` returns at once; a network thread owned by the client then connects, reconnects
/// with full-jitter backoff for as long as it takes (a broker that is down is normal in a
/// village), and on every connection subscribes to the command topic and announces `online`
/// (retained). The broker holds a Will that says `offline`/`connection-lost` after the will
/// delay; `stop(timeout:)` says `offline`/`shutdown` itself and leaves cleanly, so no Will.
///
/// Every libmosquitto call happens on the network thread. The callers' threads only leave
/// requests in a mailbox and wake the thread through a pipe, so `stop` and `update` take
/// effect at once, and `status` reads a snapshot under a lock.
///
/// The class is `Sendable` without `@unchecked`: all its stored properties are immutable and
/// Sendable, and its only mutable state sits in `Mutex`es.
public final class BrokerClient: Sendable {
    private enum Lifecycle: Sendable {
        case created
        case running(SystemThread)
        case stopped
    }

    private let initialSettings: Mutex<BrokerSettings>
    private let mailbox: ClientMailbox?
    private let lifecycle = Mutex(Lifecycle.created)
    private let presence: @Sendable (PresenceData.State, String?) -> [UInt8]
    private let onCommand: @Sendable (String, [UInt8]) -> Void
    private let feed: (any RecordFeed)?
    private let log: Logger

    /// - Parameters:
    ///   - presence: builds the `status` payload for a state and reason, when it is needed (the
    ///     Will at each connect, `online` after it, `offline` at stop). Called on the network
    ///     thread.
    ///   - onCommand: a message on `cmd/NAME`: the name (last topic level) and the payload.
    ///     Called on the network thread: keep it short, hand the work on.
    ///   - log: the client logs state changes (connected, disconnected with the reason, the
    ///     first failure and changes of reason), never secrets.
    ///   - feed: where records to publish come from. With a feed the client is also the
    ///     at-least-once publisher (`RecordPublisher`): QoS 1, in seq order, after the status of
    ///     each connection, at most `settings.publishWindow` unacknowledged. Its methods are
    ///     called on the network thread.
    ///   - onStatusChange: the connection's state, last error or refusal changed (called on
    ///     the network thread): kioskd's main loop wakes to show it on the LEDs and to systemd.
    public init(
        settings: BrokerSettings,
        presence: @escaping @Sendable (PresenceData.State, _ reason: String?) -> [UInt8],
        onCommand: @escaping @Sendable (_ name: String, _ payload: [UInt8]) -> Void,
        log: Logger,
        feed: (any RecordFeed)? = nil,
        onStatusChange: @escaping @Sendable () -> Void = {}
    ) {
        self.initialSettings = Mutex(settings)
        self.presence = presence
        self.onCommand = onCommand
        self.feed = feed
        self.log = log
        do {
            let mailbox = try ClientMailbox(settings: settings, onStatusChange: onStatusChange)
            if feed != nil {
                mailbox.updateStatus { $0.publishing = PublishingProgress(window: settings.effectivePublishWindow) }
            }
            self.mailbox = mailbox
        } catch {
            // Only when the process is out of file descriptors; start() then reports it.
            mailbox = nil
            log.error("cannot create the broker client's wake-up pipe", ["reason": error.technicianSummary])
        }
    }

    deinit {
        stop(timeout: .seconds(2))
    }

    /// Starts the network thread and returns at once. Calling it again does nothing; a client
    /// that was stopped stays stopped.
    public func start() {
        guard let mailbox else { return }
        let shouldStart = lifecycle.withLock { state in
            guard case .created = state else { return false }
            state = .stopped  // until the thread exists
            return true
        }
        guard shouldStart else { return }
        let settings = initialSettings.withLock { $0 }
        let (presence, onCommand, feed, log) = (self.presence, self.onCommand, self.feed, self.log)
        do {
            let thread = try SystemThread.start("kioskd-mqtt", joinable: true) {
                ConnectionLoop(
                    settings: settings, mailbox: mailbox, presence: presence, onCommand: onCommand,
                    feed: feed, log: log
                ).run()
            }
            lifecycle.withLock { $0 = .running(thread) }
        } catch {
            log.error("cannot start the broker client's network thread", ["reason": "\(error)"])
            mailbox.updateStatus { snapshot in
                snapshot.status.state = .stopped
                snapshot.status.lastError = "network thread not started: \(error)"
            }
        }
    }

    /// Stops cleanly: when connected, publishes retained `offline`/`shutdown` with QoS 1, waits
    /// for its PUBACK, sends a normal DISCONNECT (so the broker drops the Will) and ends the
    /// network thread. `timeout` bounds the network work; the call returns at most about a
    /// second later even if the thread is stuck in a name lookup (it is then left to finish).
    public func stop(timeout: Duration) {
        end(.clean(timeout: timeout), waitingAtMost: timeout + .seconds(1))
    }

    /// For tests: makes the network thread vanish as a crash would, closing the socket without
    /// DISCONNECT, so the broker really publishes the Will (after the will delay).
    @_spi(Testing)
    public func simulateCrash() {
        end(.abandon, waitingAtMost: .seconds(5))
    }

    /// Applies new settings (a reload). Equal settings change nothing; different ones close the
    /// connection cleanly and connect again at once with the new ones.
    public func update(settings: BrokerSettings) {
        let running = lifecycle.withLock { state -> Bool in
            if case .running = state { return true }
            return false
        }
        if running {
            mailbox?.requestSettings(settings)
        } else {
            initialSettings.withLock { $0 = settings }
            mailbox?.updateStatus { snapshot in
                snapshot.status.host = settings.host
                snapshot.status.port = settings.port
                snapshot.status.tls = settings.tls
            }
        }
    }

    /// New durable records may be waiting in the feed (the daemon calls it after every store
    /// sync): the network thread fills the publisher's window at once instead of at its next
    /// turn. Cheap and safe from any thread; does nothing useful without a feed.
    public func recordsAvailable() {
        mailbox?.recordsAvailable()
    }

    /// The libmosquitto loaded at run time, `major.minor.revision` (for `kioskd --version`).
    public static var libraryVersion: String { MosquittoLibrary.version }

    /// The connection as it is now: a cheap snapshot, safe from any thread.
    public var status: BrokerStatus {
        if let mailbox { return mailbox.status }
        let settings = initialSettings.withLock { $0 }
        return BrokerStatus(
            state: .stopped, host: settings.host, port: settings.port, tls: settings.tls,
            since: KernelClock.rfc3339(milliseconds: KernelClock.wallMilliseconds()),
            lastError: "no file descriptor left for the client")
    }

    private func end(_ mode: ClientMailbox.StopMode, waitingAtMost limit: Duration) {
        let thread = lifecycle.withLock { state -> SystemThread? in
            defer { state = .stopped }
            if case .running(let thread) = state { return thread }
            return nil
        }
        guard let mailbox else { return }
        guard let thread else {
            mailbox.updateStatus { $0.status.state = .stopped; $0.nextAttemptAt = nil }
            return
        }
        mailbox.requestStop(mode)
        if mailbox.exited.wait(timeout: limit) {
            thread.join()
        } else {
            log.warning("broker client's network thread did not end in time; leaving it to finish")
            thread.detach()
        }
    }
}
