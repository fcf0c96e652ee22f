import KioskCore
import KioskMQTT
import Synchronization

/// Whichever broker client is current (a kiosk renamed by a reload, or one that crashed and
/// came back, gets a new one), for other threads: the recorder's committer wakes it when
/// records become durable, and the health thread measures it.
public final class CurrentBroker: Sendable {
    private let client = Mutex<BrokerClient?>(nil)

    public init() {}

    public func use(_ broker: BrokerClient?) { client.withLock { $0 = broker } }

    /// New records are durable: the publisher may send them.
    public func recordsAvailable() { client.withLock { $0 }?.recordsAvailable() }

    public var status: BrokerStatus? { client.withLock { $0 }?.status }
}
