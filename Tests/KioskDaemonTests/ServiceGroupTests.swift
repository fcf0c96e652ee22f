@testable import KioskDaemon
import Glibc
import KioskCore
import Testing

/// The one shape of kioskd's services, driven by the group with stand-in services: start in
/// order, stop in reverse by one deadline, a reload checked by all before any takes it, and
/// each service handed only its own ready descriptors.
@Suite struct ServiceGroupTests {
    final class Journal {
        var lines: [String] = []
    }

    final class Stub: Service {
        let name: String
        let journal: Journal
        var startFails = false
        var refusesReload = false
        var deadline: Int64?
        var descriptors: [pollfd] = []
        var handed: [pollfd] = []
        var nextDeadline: Int64?

        init(_ name: String, _ journal: Journal) {
            self.name = name
            self.journal = journal
        }

        func start() throws(StartupError) {
            if startFails { throw StartupError("no room") }
            journal.lines.append("start \(name)")
        }

        func stop(by deadline: Int64) {
            self.deadline = deadline
            journal.lines.append("stop \(name)")
        }

        func check(_ reload: Reload) throws(StartupError) {
            journal.lines.append("check \(name)")
            if refusesReload { throw StartupError("cannot take it") }
        }

        func apply(_ reload: Reload) -> [String] {
            journal.lines.append("apply \(name)")
            return ["took \(reload.new.device.id)"]
        }

        func pollDescriptors() -> [pollfd] { descriptors }

        func handle(_ ready: [pollfd], now: Int64) { handed = ready }

        func tick(now: Int64) { journal.lines.append("tick \(name)") }
    }

    func reload(to device: String) -> Reload {
        var new = Config.defaults()
        new.device.id = device
        return Reload(old: Config.defaults(), new: new)
    }

    @Test func startsInOrderAndStopsInReverseByOneDeadline() throws {
        let journal = Journal()
        let stubs = ["store", "control", "broker"].map { Stub($0, journal) }
        let group = ServiceGroup(stubs)
        try group.start()
        group.stop(by: 42_000)
        #expect(journal.lines == ["start store", "start control", "start broker", "stop broker", "stop control", "stop store"])
        #expect(stubs.map(\.deadline) == [42_000, 42_000, 42_000])
        group.stop(by: 50_000)
        #expect(journal.lines.count == 6, "a second stop stops nothing again")
    }

    @Test func aServiceThatCannotStartLeavesOnlyTheOnesBeforeItToStop() {
        let journal = Journal()
        let stubs = ["store", "control", "broker"].map { Stub($0, journal) }
        stubs[1].startFails = true
        let group = ServiceGroup(stubs)
        #expect(throws: StartupError.self) { try group.start() }
        group.stop(by: 0)
        #expect(journal.lines == ["start store", "stop store"])
    }

    @Test func aReloadOneServiceRefusesIsTakenByNone() {
        let journal = Journal()
        let stubs = ["store", "control", "broker"].map { Stub($0, journal) }
        stubs[2].refusesReload = true
        let group = ServiceGroup(stubs)
        #expect(throws: StartupError.self) { _ = try group.reload(reload(to: "k-2")) }
        #expect(journal.lines == ["check store", "check control", "check broker"], "every check runs before any apply")
    }

    @Test func aReloadIsCheckedByAllThenTakenByEachInOrder() throws {
        let journal = Journal()
        let group = ServiceGroup(["store", "broker"].map { Stub($0, journal) })
        let changes = try group.reload(reload(to: "k-7"))
        #expect(journal.lines == ["check store", "check broker", "apply store", "apply broker"])
        #expect(changes == ["store: took k-7", "broker: took k-7"])
    }

    @Test func eachServiceIsHandedOnlyItsOwnDescriptors() throws {
        let journal = Journal()
        let quiet = Stub("quiet", journal)
        let ready = Stub("ready", journal)
        let empty = Stub("empty", journal)
        var quietPipe: [Int32] = [0, 0]
        var readyPipe: [Int32] = [0, 0]
        #expect(pipe(&quietPipe) == 0 && pipe(&readyPipe) == 0)
        defer { for fd in quietPipe + readyPipe { close(fd) } }
        var byte: UInt8 = 1
        #expect(write(readyPipe[1], &byte, 1) == 1)
        quiet.descriptors = [pollfd(fd: quietPipe[0], events: Int16(POLLIN), revents: 0)]
        ready.descriptors = [pollfd(fd: readyPipe[0], events: Int16(POLLIN), revents: 0)]
        let group = ServiceGroup([quiet, empty, ready])
        var sources = PollSet()
        let tokens = group.addSources(to: &sources)
        #expect(try sources.wait(timeoutMs: 1_000) == 1)
        group.handle(sources, tokens: tokens, now: 0)
        #expect(quiet.handed.map(\.fd) == [quietPipe[0]] && quiet.handed[0].revents == 0)
        #expect(empty.handed.isEmpty)
        #expect(ready.handed.map(\.fd) == [readyPipe[0]] && ready.handed[0].revents & Int16(POLLIN) != 0)
        #expect(journal.lines == ["tick quiet", "tick empty", "tick ready"], "every service ticks, in order, after all handled")
    }

    @Test func theNextDeadlineIsTheEarliestOfAnyService() {
        let journal = Journal()
        let stubs = ["a", "b", "c"].map { Stub($0, journal) }
        let group = ServiceGroup(stubs)
        #expect(group.nextDeadline == nil)
        stubs[0].nextDeadline = 9_000
        stubs[2].nextDeadline = 4_000
        #expect(group.nextDeadline == 4_000)
    }

    @Test func aStoppingServiceWaitsNoLongerThanTheDeadlineLeaves() {
        let now = KernelClock.monotonicMilliseconds()
        #expect(stopWait(until: now + 60_000, atMost: .seconds(3)) == .seconds(3))
        #expect(stopWait(until: now + 500, atMost: .seconds(3)) <= .milliseconds(500))
        #expect(stopWait(until: now - 1_000, atMost: .seconds(3)) == .zero)
    }
}
