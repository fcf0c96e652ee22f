import CMosquitto
import KioskCore
import Synchronization

/// What the caller's threads and the network thread share: requests one way, status the other.
///
/// Requests (stop, new settings) are written under a lock and announced through `wake`, so the
/// network thread notices them at once; the status is written by the network thread only and
/// read by anyone. Nothing here calls libmosquitto.
final class ClientMailbox: Sendable {
    enum StopMode: Sendable, Equatable {
        /// Publish `offline`/`shutdown`, wait for its PUBACK, DISCONNECT: the Will is discarded.
        case clean(timeout: Duration)
        /// Close the socket without DISCONNECT, as a crash would: the broker sends the Will.
        case abandon
    }

    struct Requests: Sendable {
        var stop: StopMode?
        var settings: BrokerSettings?
    }

    /// The status plus what its derived fields are computed from when it is read: the deadline
    /// of `nextAttemptMs`, and the publisher's counters (written once per turn of the loop, so
    /// a time is formatted only when somebody asks).
    struct Snapshot: Sendable {
        var status: BrokerStatus
        var nextAttemptAt: Int64?
        var publishing: PublishingProgress?
    }

    /// Signalled on every request.
    let wake: WakePipe
    /// Signalled once, when the network thread is about to return (so `stop` can wait with a
    /// deadline: glibc's pthread_timedjoin_np is not visible to Swift).
    let exited: WakePipe
    private let requests = Mutex(Requests())
    private let snapshot: Mutex<Snapshot>

    /// Called (on the network thread) when what others show of the connection changes: its
    /// state, its last error, a refusal.
    private let onStatusChange: @Sendable () -> Void

    init(settings: BrokerSettings, onStatusChange: @escaping @Sendable () -> Void = {}) throws(MosquittoError) {
        self.onStatusChange = onStatusChange
        do throws(Errno) {
            wake = try WakePipe()
            exited = try WakePipe()
        } catch {
            throw MosquittoError(MOSQ_ERR_ERRNO, systemCode: error.rawValue)
        }
        let status = BrokerStatus(
            state: .disconnected, host: settings.host, port: settings.port, tls: settings.tls,
            since: KernelClock.rfc3339(milliseconds: KernelClock.wallMilliseconds()))
        snapshot = Mutex(Snapshot(status: status))
    }

    func requestStop(_ mode: StopMode) {
        requests.withLock { pending in
            if pending.stop == nil || mode == .abandon { pending.stop = mode }
        }
        wake.signal()
    }

    func requestSettings(_ settings: BrokerSettings) {
        requests.withLock { $0.settings = settings }
        wake.signal()
    }

    /// New records may be waiting in the feed: the network thread looks at once. One byte into
    /// a non-blocking pipe, never blocking the caller (a full pipe is a wake-up already pending).
    func recordsAvailable() {
        wake.signal()
    }

    /// Everything requested since the last call (the newest settings win).
    func takeRequests() -> Requests {
        requests.withLock { pending in
            defer { pending = Requests() }
            return pending
        }
    }

    var status: BrokerStatus {
        let current = snapshot.withLock { $0 }
        var status = current.status
        if let at = current.nextAttemptAt, status.state == .disconnected {
            status.nextAttemptMs = max(0, at - KernelClock.monotonicMilliseconds())
        } else {
            status.nextAttemptMs = nil
        }
        if let progress = current.publishing {
            status.publishWindow = progress.window
            status.inFlight = progress.inFlight
            status.published = progress.published
            status.resent = progress.resent
            status.rejected = progress.rejected
            status.lastRejection = progress.lastRejection
            status.lastAckAt = progress.lastAckWallMs.map(KernelClock.rfc3339(milliseconds:))
            status.refused = progress.refusal.map { refusal in
                BrokerRefusal(
                    reasonCode: Int(refusal.reasonCode), reason: refusal.reason, seq: refusal.seq, topic: refusal.topic,
                    since: KernelClock.rfc3339(milliseconds: refusal.sinceWallMs), count: refusal.count,
                    nextRetryMs: refusal.retryAtMonoMs.map { max(0, $0 - KernelClock.monotonicMilliseconds()) })
            }
        }
        return status
    }

    /// Changes the status; `since` moves only when the state does.
    func updateStatus(_ change: (inout Snapshot) -> Void) {
        let shownChanged = snapshot.withLock { current in
            let before = current.status
            change(&current)
            if current.status.state != before.state {
                current.status.since = KernelClock.rfc3339(milliseconds: KernelClock.wallMilliseconds())
            }
            return current.status.state != before.state || current.status.lastError != before.lastError
                || current.status.refused != before.refused
        }
        if shownChanged { onStatusChange() }
    }
}
