import CMosquitto
import KioskCore
#if canImport(Glibc)
import Glibc
#endif

/// The broker client's network thread: connects, keeps the connection, reconnects, stops.
///
/// It is made and run on that thread and touched by no other (requests arrive through the
/// `ClientMailbox`), so its state needs no lock, and every libmosquitto call comes from here.
/// The loop is libmosquitto's "external loop": poll(2) on the client socket and the wake pipe,
/// then `mosquitto_loop_read/write/misc`. Reconnecting is ours too (full-jitter backoff, a fresh
/// handle per attempt, a CONNACK deadline), never libmosquitto's.
final class ConnectionLoop {
    enum Phase {
        /// No connection; the next attempt starts at `until` (monotonic milliseconds).
        case waiting(until: Int64)
        /// An attempt is under way; without CONNACK by `deadline` it has failed.
        case connecting(deadline: Int64)
        case connected

        var isWaiting: Bool {
            if case .waiting = self { return true }
            return false
        }
    }

    let mailbox: ClientMailbox
    let presence: @Sendable (PresenceData.State, String?) -> [UInt8]
    let onCommand: @Sendable (String, [UInt8]) -> Void
    let log: Logger
    /// The at-least-once publisher, when the client was given a record feed.
    let publisher: RecordPublisher?
    /// The publisher's counters as the status last showed them.
    var shownProgress: PublishingProgress?

    var settings: BrokerSettings
    var backoff: ReconnectBackoff
    var phase: Phase = .waiting(until: 0)
    var connection: BrokerConnection? {
        didSet {
            // Message ids belong to one handle: whatever ends or replaces a connection ends its
            // in-flight window, and the next connection resumes from the feed's position.
            guard connection !== oldValue, let publisher else { return }
            publisher.end()
            showPublishingProgress()
        }
    }
    /// Which brokers took only MQTT 3.1.1 under `protocol = auto`; a reload forgets it.
    var protocols = ProtocolMemory()
    var failedAttempts = 0
    /// What the callbacks said about the current attempt or connection: one value, replaced
    /// at each attempt.
    var attempt = AttemptDiagnostics()

    struct AttemptDiagnostics {
        /// A CONNACK's refusal.
        var refusal: BrokerReason?
        /// The reason an MQTT 5 broker gave when it ended the connection itself.
        var brokerDisconnect: BrokerReason?
        /// libmosquitto's error and warning lines since the attempt began (or it connected),
        /// oldest first.
        var libraryErrors: [String] = []
        /// The `MOSQ_ERR_*` code the disconnect callback reported, with its errno.
        var disconnectError: MosquittoError?
    }
    /// Message ids of presence publishes still waiting for their PUBACK.
    var awaitingAck: Set<Int32> = []
    /// The last failure reason logged above debug level, to log changes rather than repeats.
    var lastLoggedFailure: String?
    /// Set while we close a connection ourselves (stop, reconfigure): its end is no failure.
    var closingOnPurpose = false

    init(
        settings: BrokerSettings, mailbox: ClientMailbox,
        presence: @escaping @Sendable (PresenceData.State, String?) -> [UInt8],
        onCommand: @escaping @Sendable (String, [UInt8]) -> Void, feed: (any RecordFeed)?,
        log: Logger
    ) {
        self.settings = settings
        self.mailbox = mailbox
        self.presence = presence
        self.onCommand = onCommand
        self.log = log
        self.publisher = feed.map {
            RecordPublisher(
                feed: $0, window: settings.effectivePublishWindow, retryMinimum: settings.reconnectMin,
                retryMaximum: settings.reconnectMax, log: Logger("publisher"))
        }
        self.backoff = ReconnectBackoff(minimum: settings.reconnectMin, maximum: settings.reconnectMax)
    }

    static var now: Int64 { KernelClock.monotonicMilliseconds() }

    /// Runs until a stop request has been carried out.
    func run() {
        defer { mailbox.exited.signal() }
        showPublishingProgress()
        while true {
            let requests = mailbox.takeRequests()
            if let stop = requests.stop {
                shutDown(stop)
                return
            }
            if let newSettings = requests.settings {
                reconfigure(newSettings)
            }
            step()
        }
    }

    /// One turn: wait for the next attempt, or serve the connection until something is due.
    private func step() {
        if connection == nil, !phase.isWaiting {
            phase = .waiting(until: Self.now)  // never spin on a connection that is gone
        }
        switch phase {
        case .waiting(let until):
            let now = Self.now
            if now >= until {
                beginAttempt()
            } else if mailbox.wake.wait(timeout: .milliseconds(until - now)) {
                mailbox.wake.drain()
            }
        case .connecting(let deadline):
            pump(maxWait: min(1000, deadline - Self.now))
            if case .connecting = phase, Self.now >= deadline {
                attemptFailed("timed out waiting for CONNACK")
            }
        case .connected:
            // Idle, the loop wakes only for libmosquitto's keepalive (`maintainEveryMs`); the
            // wake pipe brings it round for records, and a refused record due to be offered
            // again sooner wakes it in time.
            pump(maxWait: min(maintainEveryMs, publisher?.millisecondsUntilRetry ?? .max))
        }
    }

    /// How often a quiet connection is maintained (mosquitto_loop_misc: PINGREQ once a
    /// keepalive passed without traffic, given up when the next passes without PINGRESP): a
    /// quarter keepalive, so each is at most that late and a broker never waits more than
    /// 1.25 keepalives, well inside the 1.5 it allows.
    var maintainEveryMs: Int64 {
        max(1000, DurationUnits.milliseconds(settings.keepalive) / 4)
    }

    /// One poll(2) on the socket and the wake pipe, then libmosquitto reads, writes and keeps
    /// the connection alive; then the events its callbacks queued are handled, and the publisher
    /// reports what settled and refills its window (a wake-up may be `recordsAvailable()`).
    func pump(maxWait: Int64) {
        guard let connection else { return }
        let socket = connection.socket
        guard socket >= 0 else {
            connectionEnded(nil)
            return
        }
        var sources = PollSet()
        let broker = sources.add(socket, events: Int16(POLLIN) | (connection.wantsWrite ? Int16(POLLOUT) : 0))
        let wake = sources.add(mailbox.wake.readEnd, events: Int16(POLLIN))
        guard (try? sources.wait(timeoutMs: max(0, maxWait))) != nil else { return }  // the caller comes round again
        if sources.revents(wake) != 0 { mailbox.wake.drain() }
        let socketEvents = sources.revents(broker)
        var failure: MosquittoError?
        if socketEvents & Int16(POLLIN | POLLERR | POLLHUP) != 0 {
            failure = connection.read()
        }
        if failure == nil, connection.isOpen, socketEvents & Int16(POLLOUT) != 0 {
            failure = connection.write()
        }
        if failure == nil, connection.isOpen {
            failure = connection.maintain()
        }
        handle(connection.takeEvents())
        if failure != nil || !connection.isOpen {
            connectionEnded(failure)
        }
        advancePublishing()
    }

    // MARK: attempts

    private func beginAttempt() {
        attempt = AttemptDiagnostics()
        awaitingAck = []
        let version = protocolForNextAttempt
        mailbox.updateStatus { $0.status.state = .connecting; $0.nextAttemptAt = nil }
        phase = .connecting(deadline: Self.now + DurationUnits.milliseconds(settings.connectTimeout))
        let made: BrokerConnection
        do {
            let will = presence(.offline, "connection-lost")
            made = try BrokerConnection(settings: settings, protocolVersion: version, will: will)
        } catch {
            attemptFailed(error.technicianSummary)
            return
        }
        connection = made
        do {
            try made.connect(host: settings.host, port: settings.port, keepalive: settings.keepalive)
            handle(made.takeEvents())
        } catch {
            // On loopback the TCP connect and even the TLS handshake can fail inside this call:
            // what the library logged meanwhile (OpenSSL's reason) is in the queued events.
            handle(made.takeEvents())
            connection = nil
            attemptFailed(failureReason(error, afterConnecting: false))
        }
    }

    private var protocolForNextAttempt: MQTTProtocolVersion {
        switch settings.protocolVersion {
        case .v5: .v5
        case .v311: .v311
        case .auto: protocols.version(for: brokerKey, nowMs: Self.now)
        }
    }

    var brokerKey: String { ProtocolMemory.key(host: settings.host, port: settings.port) }

    /// How an MQTT 5 attempt that got no usable CONNACK ended, in words, when a 3.1.1-only
    /// broker ends one that way (see `ProtocolMemory`); nil for anything else (connection
    /// refused, a lookup, TLS or CONNACK timeout), which says nothing about the version.
    func olderBrokerSign(_ error: MosquittoError?) -> String? {
        if let refusal = attempt.refusal {
            return refusal.refusesProtocolVersion ? refusal.description : nil
        }
        guard let error else { return nil }
        if error.is(MOSQ_ERR_PROTOCOL) || error.is(MOSQ_ERR_MALFORMED_PACKET) {
            return "CONNACK could not be read (\(error.summary))"
        }
        if error.is(MOSQ_ERR_CONN_LOST)
            || (error.is(MOSQ_ERR_ERRNO) && (error.systemCode == ECONNRESET || error.systemCode == EPIPE)) {
            return "broker closed the connection before CONNACK"
        }
        return nil
    }

    /// The connection (or the attempt) is over: decide what to say and when to try again.
    func connectionEnded(_ error: MosquittoError?) {
        let wasConnected: Bool
        if case .connected = phase { wasConnected = true } else { wasConnected = false }
        let version = connection?.protocolVersion
        connection = nil
        if closingOnPurpose { return }
        var reason = failureReason(error ?? attempt.disconnectError, afterConnecting: wasConnected)
        if wasConnected {
            connectionLost(reason)
            return
        }
        let sign = olderBrokerSign(error ?? attempt.disconnectError)
        if let sign, settings.protocolVersion == .auto, version == .v5 {
            protocols.mqtt5Refused(by: brokerKey)
            let words = "\(sign) after an MQTT 5 CONNECT; trying MQTT 3.1.1"
            log.notice("broker did not take MQTT 5; trying MQTT 3.1.1", [
                "host": settings.host, "port": String(settings.port), "reason": sign,
            ])
            mailbox.updateStatus { snapshot in
                snapshot.status.lastError = words
                snapshot.status.lastErrorAt = KernelClock.rfc3339(milliseconds: KernelClock.wallMilliseconds())
            }
            phase = .waiting(until: Self.now)
            return
        }
        if let sign, let version {
            if version == .v311, settings.protocolVersion == .auto { protocols.mqtt311Failed(at: brokerKey) }
            if attempt.refusal == nil { reason = "\(sign) (MQTT \(version.name))" }
        }
        attemptFailed(reason)
    }

    private func connectionLost(_ reason: String) {
        let delay = backoff.next()
        log.warning("disconnected from broker", [
            "host": settings.host, "reason": reason,
            "next_attempt_ms": String(DurationUnits.milliseconds(delay)),
        ])
        lastLoggedFailure = reason
        scheduleNextAttempt(after: delay, error: reason)
    }

    func attemptFailed(_ reason: String) {
        connection = nil
        failedAttempts += 1
        let delay = backoff.next()
        let metadata: KeyValuePairs<String, String> = [
            "host": settings.host, "port": String(settings.port), "reason": reason,
            "attempts": String(failedAttempts),
            "next_attempt_ms": String(DurationUnits.milliseconds(delay)),
        ]
        // State changes, not every failure: the first, a new reason, then one line in twenty.
        if failedAttempts == 1 || reason != lastLoggedFailure {
            log.warning("cannot connect to broker", metadata)
            lastLoggedFailure = reason
        } else if failedAttempts % 20 == 0 {
            log.notice("still cannot connect to broker", metadata)
        } else {
            log.debug("cannot connect to broker", metadata)
        }
        scheduleNextAttempt(after: delay, error: reason)
    }

    private func scheduleNextAttempt(after delay: Duration, error: String) {
        let at = Self.now + DurationUnits.milliseconds(delay)
        phase = .waiting(until: at)
        let failures = failedAttempts
        mailbox.updateStatus { snapshot in
            snapshot.status.state = .disconnected
            snapshot.status.lastError = error
            snapshot.status.lastErrorAt = KernelClock.rfc3339(milliseconds: KernelClock.wallMilliseconds())
            snapshot.status.failedAttempts = failures
            snapshot.nextAttemptAt = at
        }
    }

    /// The most specific words available, in order: the broker's refusal or DISCONNECT reason,
    /// OpenSSL's detail from the library log, then the return code (with its errno or lookup
    /// error). Once connected, OpenSSL's words only count when the error itself is a TLS one.
    func failureReason(_ error: (any Error)?, afterConnecting connected: Bool) -> String {
        if let error, !(error is MosquittoError) {
            return error.technicianSummary
        }
        let error = error as? MosquittoError
        if let refusal = attempt.refusal {
            return refusal.description
        }
        if let brokerDisconnect = attempt.brokerDisconnect {
            return "disconnected by broker: \(brokerDisconnect)"
        }
        let tlsError = error.map { $0.is(MOSQ_ERR_TLS) || $0.is(MOSQ_ERR_TLS_HANDSHAKE) } ?? false
        let prefix = connected ? "TLS error" : "TLS handshake failed"
        // OpenSSL often queues several lines; the first names the cause.
        if !connected || tlsError, let detail = attempt.libraryErrors.lazy.compactMap(Self.openSSLDetail).first {
            return "\(prefix): \(detail)"
        }
        if let error {
            if tlsError, let line = attempt.libraryErrors.last {
                return "\(prefix): \(line)"
            }
            return error.summary
        }
        return attempt.libraryErrors.last ?? "connection closed"
    }

    /// "OpenSSL Error[0]: error:0A000086:SSL routines::certificate verify failed"
    /// → "certificate verify failed".
    static func openSSLDetail(_ line: String) -> String? {
        guard line.contains("OpenSSL Error") || line.contains("SSL routines") else { return nil }
        guard let last = line.split(separator: ":", omittingEmptySubsequences: true).last else {
            return nil
        }
        let detail = last.trimmed
        return detail.isEmpty ? nil : detail
    }
}
