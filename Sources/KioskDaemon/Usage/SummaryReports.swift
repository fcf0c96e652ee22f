/// When today's summary is made on request (the broker's `cmd/report`): coalesced.
///
/// At most one report starts per `windowMs` (5 s). The first request after a quiet spell is
/// due at once; every request that arrives while it is made or within the window is answered
/// by a single further report when the window ends, so the newest request still gets a
/// summary made after it. 500 requests at once make 2 summaries, not 500.
struct SummaryReports {
    static let windowMs: Int64 = 5_000
    private var requested = false
    private var nextStart: Int64 = 0

    /// Notes a request.
    mutating func request() { requested = true }

    /// Whether a report should start now.
    func isDue(now: Int64) -> Bool { requested && now >= nextStart }

    /// A report started now: the requests so far are answered by it.
    mutating func started(now: Int64) {
        requested = false
        nextStart = now + Self.windowMs
    }

    /// When a report waiting for its window is due, or nil when none waits.
    func nextDeadline(now: Int64) -> Int64? {
        requested ? max(now, nextStart) : nil
    }
}
