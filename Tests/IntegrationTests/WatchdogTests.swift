import Foundation
import KioskCore
import Testing
import TestSupport

/// The systemd watchdog as kioskd.service arms it (`WatchdogSec=`): pings come from the main
/// loop itself, so a loop that is stuck stops them and systemd restarts kioskd. The loop is
/// stalled with the debug-only `debug-stall` control command.
@Suite struct WatchdogTests {
    @Test func aStalledMainLoopStopsThePingsAndTheyResumeAfterwards() throws {
        let notify = try NotifySocketListener()
        let kioskd = try KioskdProcess(config: LifecycleTests.noBroker)
        // WATCHDOG_USEC=200000: systemd would give up after 200 ms without a ping; kioskd pings every 100 ms.
        try kioskd.start(environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "200000"])
        #expect(notify.waitFor("READY=1"), "no READY=1; log:\n\(kioskd.log)")
        #expect(notify.messages.contains { $0.text.contains("READY=1") && $0.text.contains("STATUS=") })
        #expect(waitUntil(timeout: 5) { notify.receive(timeout: 0.05); return notify.count("WATCHDOG=1") >= 3 })

        let client = try kioskd.connect()
        let stalledAt = Date()
        try client.sendAll(Array(#"{"id":1,"cmd":"debug-stall","args":{"seconds":1.5}}"#.utf8) + [10])
        // Collect what arrives while the loop is stuck, with arrival times.
        while Date().timeIntervalSince(stalledAt) < 1.3 { notify.receive(timeout: 0.02) }
        let reply = try JSON.decoder().decode(JSONValue.self, from: Data(client.readLine()))
        #expect(reply["ok"] == .bool(true), "debug-stall failed: \(reply)")
        let resumedAt = Date()

        let pings = notify.messages.filter { $0.text == "WATCHDOG=1" }.map(\.at)
        // One ping may already be on its way when the request is read; none after that.
        let duringStall = pings.filter { $0 > stalledAt.addingTimeInterval(0.15) && $0 < stalledAt.addingTimeInterval(1.3) }
        #expect(duringStall.isEmpty, "the watchdog was fed while the main loop was stalled: \(duringStall.count) pings")
        // After the stall the loop feeds the watchdog again, at its usual pace.
        #expect(waitUntil(timeout: 3) {
            notify.receive(timeout: 0.05)
            return notify.messages.filter { $0.text == "WATCHDOG=1" && $0.at > resumedAt }.count >= 5
        }, "pings did not resume after the stall; log:\n\(kioskd.log)")
        // The first ping after the request comes only when the 1.5 s stall is over.
        let all = notify.messages.filter { $0.text == "WATCHDOG=1" }.map(\.at)
        let firstAfter = all.first { $0 > stalledAt.addingTimeInterval(0.15) }
        #expect((firstAfter?.timeIntervalSince(stalledAt) ?? 0) >= 1.4, "a ping came \(firstAfter.map { $0.timeIntervalSince(stalledAt) } ?? -1) s into a 1.5 s stall")
        try kioskd.stop()
    }

    /// A notification socket whose reader stopped reading (systemd hung, or a socket of the
    /// wrong kind) fills up; sending to it must not block the main loop, or the control socket
    /// stops answering and the watchdog itself is what stalls kioskd.
    @Test func aNotifySocketNobodyReadsNeverBlocksTheMainLoop() throws {
        let notify = try NotifySocketListener()
        let kioskd = try KioskdProcess(config: LifecycleTests.noBroker)
        // A ping every 5 ms: the socket's queue (net.unix.max_dgram_qlen, 512) is full in seconds.
        try kioskd.start(environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "10000"])
        #expect(notify.waitFor("READY=1"), "no READY=1; log:\n\(kioskd.log)")
        let queueLength = Int((try? String(contentsOfFile: "/proc/sys/net/unix/max_dgram_qlen", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 512
        // Nobody reads from here on: long enough for more pings than the queue holds.
        Thread.sleep(forTimeInterval: Double(queueLength) * 0.005 * 2 + 1)
        for _ in 0..<3 {
            let status = try kioskd.connect().call("status", as: JSONValue.self)
            #expect((try? status.get()) != nil, "kioskd did not answer with a full notify socket: \(status)")
        }
        try kioskd.stop()
    }

    /// The group commit's fdatasyncs run off the main loop: with every store sync taking 1.5 s
    /// (the debug-build hook for a slow SD card), the pings go on while records become durable.
    @Test func aSlowCardDoesNotHoldUpThePings() throws {
        let notify = try NotifySocketListener()
        let kioskd = try KioskdProcess(config: LifecycleTests.noBroker)
        // A ping every 500 ms.
        try kioskd.start(environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "1000000", "KIOSK_TEST_STORE_SYNC_DELAY_MS": "1500"])
        #expect(notify.waitFor("READY=1"), "no READY=1; log:\n\(kioskd.log)")
        let started = Date()
        for _ in 0..<3 {
            let reply = try kioskd.connect().call("debug-append", args: ["count": .number(10)], as: JSONValue.self)
            #expect((try? reply.get()) != nil, "debug-append failed: \(reply)")
            let until = Date().addingTimeInterval(1.5)
            while Date() < until { notify.receive(timeout: 0.02) }
        }
        let queue = try #require(try kioskd.status().queue)
        #expect(waitUntil(timeout: 10) { (try? kioskd.status().queue).map { $0?.durableSeq == queue.lastSeq } ?? false })
        let pings = notify.messages.filter { $0.text == "WATCHDOG=1" && $0.at > started }.map(\.at)
        let longest = zip(pings.dropFirst(), pings).map { $0.timeIntervalSince($1) }.max() ?? 5
        // 500 ms between pings, with 250 ms of slack for a loaded test machine.
        #expect(longest < 0.75, "the longest gap between watchdog pings was \(Int(longest * 1000)) ms")
    }

    @Test func debugStallRefusesBadArguments() throws {
        let kioskd = try KioskdProcess(config: LifecycleTests.noBroker)
        try kioskd.start()
        let client = try kioskd.connect()
        let result = try client.call("debug-stall", args: ["seconds": .number(0)], as: JSONValue.self)
        guard case .failure(let error) = result else { Issue.record("a stall of 0 s was accepted"); return }
        #expect(error.code == .badArguments)
        #expect(error.message == "seconds must be more than 0 and at most 60")
    }
}
