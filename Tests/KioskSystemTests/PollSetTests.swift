import Glibc
import KioskSystem
import Testing

/// One poll over several sources, each seeing only its own events.
@Suite struct PollSetTests {
    @Test func eachSourceGetsItsOwnReadyEvents() throws {
        let quiet = try WakePipe(), woken = try WakePipe()
        woken.signal()
        var set = PollSet()
        let first = set.add(quiet.readEnd, events: Int16(POLLIN))
        let none = set.add([])
        let second = set.add(woken.readEnd, events: Int16(POLLIN))
        #expect(try set.wait(timeoutMs: 1000) == 1)
        #expect(set.revents(first) == 0)
        #expect(set.events(none).isEmpty && set.revents(none) == 0)
        #expect(set.revents(second) & Int16(POLLIN) != 0)
        #expect(set.events(second).map(\.fd) == [woken.readEnd])
    }

    @Test func aTimeoutReadiesNothing() throws {
        let quiet = try WakePipe()
        var set = PollSet()
        let only = set.add(quiet.readEnd, events: Int16(POLLIN))
        #expect(try set.wait(timeoutMs: 20) == 0)
        #expect(set.revents(only) == 0)
    }
}
