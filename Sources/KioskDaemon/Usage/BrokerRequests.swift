import Synchronization

/// `cmd/report` requests from the broker's network thread, for the main loop, which takes
/// them at its next turn (the broker service wakes it). Only their number is kept: a kiosk that comes back
/// after a day may find hundreds waiting in its MQTT 5 session, and they all ask for the same
/// thing, today's summary so far (`SummaryReports` coalesces them).
final class BrokerRequests: Sendable {
    private let reports = Mutex<Int>(0)

    func addReport() {
        reports.withLock { $0 += 1 }
    }

    /// How many reports were asked for since the last call.
    func takeReports() -> Int {
        reports.withLock { count in
            defer { count = 0 }
            return count
        }
    }
}
