#if canImport(Glibc)
import Glibc
#endif

/// One poll(2) over the descriptors of several sources, each getting back only its own ready
/// events: a source adds its entries and keeps the token; nothing is sliced by index.
public struct PollSet {
    /// A source's place in the set.
    public struct Token: Sendable {
        fileprivate let range: Range<Int>
    }

    private var entries: [pollfd] = []

    public init() {}

    /// Adds a source's descriptors (possibly none) and the events it waits for.
    public mutating func add(_ sourceEntries: [pollfd]) -> Token {
        let start = entries.count
        entries += sourceEntries
        return Token(range: start..<entries.count)
    }

    /// Adds one descriptor waiting for `events`.
    public mutating func add(_ fd: Int32, events: Int16) -> Token {
        add([pollfd(fd: fd, events: events, revents: 0)])
    }

    /// Waits at most `timeoutMs` (negative: as long as it takes) for any descriptor; returns
    /// how many are ready, 0 on timeout or when a signal interrupted the wait.
    @discardableResult
    public mutating func wait(timeoutMs: Int64) throws(Errno) -> Int {
        let ready = poll(&entries, nfds_t(entries.count), Int32(clamping: timeoutMs))
        if ready < 0 {
            if errno == EINTR { return 0 }
            throw Errno.current
        }
        return Int(ready)
    }

    /// The source's entries after `wait`, with their `revents`.
    public func events(_ token: Token) -> [pollfd] { Array(entries[token.range]) }

    /// The ready events of a one-descriptor source (0 when none).
    public func revents(_ token: Token) -> Int16 { token.range.isEmpty ? 0 : entries[token.range.lowerBound].revents }
}

extension PollSet {
    /// Waits until `fd` is ready for `events` or `timeoutMs` passes (negative: as long as it
    /// takes): the one wait of everything that watches a single descriptor. Returns its ready
    /// events — POLLERR, POLLHUP and POLLNVAL come whether asked for or not — or 0 on timeout.
    ///
    /// A signal does not cut the wait short: poll(2) is called again for the time left, rounded
    /// up, so 0 never comes back before the time is up. Any other failure is thrown.
    public static func waitOne(fd: Int32, events: Int16, timeoutMs: Int64) throws(Errno) -> Int16 {
        let deadline = timeoutMs < 0 ? nil : ContinuousClock.now + .milliseconds(timeoutMs)
        var entry = pollfd(fd: fd, events: events, revents: 0)
        while true {
            let ready = try Errno.retrying { poll(&entry, 1, deadline?.pollMillisecondsLeft ?? -1) }
            if ready > 0 { return entry.revents }
            // 0 before the deadline only for a time past poll's Int32 milliseconds (24 days).
            guard let deadline, deadline > .now else { return 0 }
        }
    }
}
