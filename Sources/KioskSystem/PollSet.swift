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
