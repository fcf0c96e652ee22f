import Synchronization

/// Commands from the broker (`cmd/report`), handed from the network thread to the main loop,
/// which takes them at its next turn (within a second).
final class BrokerRequests: Sendable {
    private let pending = Mutex<[String]>([])

    func add(_ name: String) {
        pending.withLock { $0.append(name) }
    }

    func take() -> [String] {
        pending.withLock { list in
            defer { list.removeAll() }
            return list
        }
    }
}
