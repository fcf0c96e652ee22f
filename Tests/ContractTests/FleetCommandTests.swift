import Foundation
import KioskCore
import KioskFleet
import Testing
import TestSupport

/// `kioskctl fleet` against a real broker, real kioskd processes and hand-made record streams.
@Suite struct FleetCommandTests {
    static func fleet(_ arguments: [String], timeout: TimeInterval = 30) throws -> CommandResult {
        try runCommand(try Binaries.path("kioskctl"), ["fleet"] + arguments, timeout: timeout)
    }

    static func snapshot(_ result: CommandResult) throws -> FleetSnapshot {
        guard result.status == 0 else { throw TestFailure("kioskctl fleet failed (\(result.status)): \(result.stderr)\(result.stdout)") }
        return try JSON.decoder().decode(FleetSnapshot.self, from: Data(result.stdout.utf8))
    }

    static func record(_ type: String, seq: UInt64, device: String, site: String = "hn-02", data: String = #"{"kind":"boot","message":"m"}"#) -> String {
        #"{"boot":"b","clock":"synced","data":\#(data),"device":"\#(device)","mono_ms":1,"schema":"kiosk.v1","seq":\#(seq),"site":"\#(site)","ts":"\#(KernelClock.rfc3339(milliseconds: KernelClock.wallMilliseconds()))","type":"\#(type)"}"#
    }

    @Test func theSnapshotShowsARealKioskOnlineThenItsLastWill() throws {
        let broker = try MosquittoBroker()
        let kioskd = try KioskdProcess(config: """
            [device]
            id = kiosk-fleet
            site = hn-01
            [mqtt]
            host = 127.0.0.1
            port = \(broker.port)
            will_delay = 1s
            reconnect_max = 1s
            [health]
            interval = 500ms
            publish_interval = 1s

            """)
        try kioskd.start()
        #expect(waitUntil(timeout: 20) { (try? kioskd.status())?.broker.state == .connected }, "log:\n\(kioskd.log)")
        // Started after kioskd: the retained status tells it the kiosk is online.
        var snap = try Self.snapshot(Self.fleet(["--broker", "mqtt://127.0.0.1:\(broker.port)", "--json", "--window", "6s"]))
        var kiosk = try #require(snap.kiosks.first { $0.device == "kiosk-fleet" }, "\(snap)")
        #expect(kiosk.site == "hn-01")
        #expect(kiosk.presence == "online")
        #expect(kiosk.version == KioskAgent.version)
        #expect(kiosk.connectivity != nil, "a health record within 6 s at publish_interval 1s (a loaded machine): \(kiosk)")
        #expect(kiosk.records >= 1 && kiosk.missing == 0 && kiosk.duplicates == 0, "\(kiosk)")
        #expect(kiosk.backlog == 0)

        try kioskd.stop(signal: SIGKILL)
        // The Will is retained: a viewer started after the crash sees the kiosk offline.
        #expect(waitUntil(timeout: 10) {
            let late = try? Self.snapshot(Self.fleet(["--broker", "127.0.0.1:\(broker.port)", "--json", "--window", "300ms"]))
            snap = late ?? snap
            return late?.kiosks.first { $0.device == "kiosk-fleet" }?.presence == "offline"
        }, "\(snap)")
        kiosk = try #require(snap.kiosks.first { $0.device == "kiosk-fleet" })
        #expect(kiosk.presenceReason == "connection-lost")
    }

    /// A broker that logs subscriptions, so a test can wait until its viewers listen.
    static func loggingBroker() throws -> MosquittoBroker {
        try MosquittoBroker(options: .init(extraConfig: ["log_type error", "log_type warning", "log_type notice", "log_type information", "log_type subscribe"]))
    }

    static func waitForViewers(_ count: Int, on broker: MosquittoBroker) throws {
        let subscribed = waitUntil(timeout: 20) {
            broker.log.components(separatedBy: "\n").filter { $0.contains("kioskctl-fleet-") && $0.contains(" 1 ") }.count >= count
        }
        guard subscribed else { throw TestFailure("\(count) kioskctl fleet viewer(s) did not subscribe within 20 s:\n\(broker.log)") }
    }

    @Test func gapsDuplicatesAndSitesAreReported() throws {
        let broker = try Self.loggingBroker()
        let connection = SubscriberConnection(broker)
        let viewers = try [nil, "hn-03"].map { site in
            var arguments = ["fleet", "--broker", "127.0.0.1:\(broker.port)", "--json", "--window", "4s"]
            if let site { arguments += ["--site", site] }
            return BackgroundCommand(try Binaries.path("kioskctl"), arguments)
        }
        try Self.waitForViewers(2, on: broker)
        for seq in [UInt64(1), 2, 2, 5, 6, 6, 6] {
            try MQTTPublisher.publish(Self.record("event", seq: seq, device: "kiosk-gappy"), to: "kiosk/v1/hn-02/kiosk-gappy/event", via: connection)
        }
        try MQTTPublisher.publish(Self.record("event", seq: 7, device: "kiosk-other", site: "hn-03"), to: "kiosk/v1/hn-03/kiosk-other/event", via: connection)
        let everything = try Self.snapshot(try viewers[0].wait())
        let gappy = try #require(everything.kiosks.first { $0.device == "kiosk-gappy" }, "\(everything)")
        #expect(gappy.records == 4)
        #expect(gappy.duplicates == 3)
        #expect(gappy.missing == 2)
        #expect(gappy.missingSeqs == [3, 4])
        #expect(everything.totals.kiosks == 2)
        let oneSite = try Self.snapshot(try viewers[1].wait())
        #expect(oneSite.kiosks.map(\.device) == ["kiosk-other"], "\(oneSite)")
        #expect(oneSite.filters == ["kiosk/v1/hn-03/#"])
    }

    @Test func aSharedSubscriptionSplitsTheRecordsBetweenViewers() throws {
        let broker = try Self.loggingBroker()
        let connection = SubscriberConnection(broker)
        let viewers = try (0..<2).map { _ in
            BackgroundCommand(
                try Binaries.path("kioskctl"), ["fleet", "--broker", "127.0.0.1:\(broker.port)", "--share", "dashboards", "--json", "--window", "4s"])
        }
        try Self.waitForViewers(2, on: broker)
        let payloads = (UInt64(1)...20).map { Self.record("event", seq: $0, device: "kiosk-shared") }
        let feed = try MosquittoBroker.executable("mosquitto_pub", package: "mosquitto-clients")
        let published = try runCommand(feed, connection.arguments + ["-q", "1", "-t", "kiosk/v1/hn-02/kiosk-shared/event", "-l"], input: payloads.joined(separator: "\n") + "\n")
        #expect(published.status == 0, "\(published.stderr)")
        let snapshots = try viewers.map { try Self.snapshot(try $0.wait()) }
        let counts = snapshots.map(\.totals.records)
        #expect(counts[0] + counts[1] == 20, "\(counts)")
        #expect(counts[0] > 0 && counts[1] > 0, "each viewer got a share: \(counts)")
        #expect(snapshots[0].filters == ["$share/dashboards/kiosk/v1/#"])
    }

    /// A viewer inside a program holding many descriptors: its socket numbered past 1024,
    /// where select(2)-based loops (mosquitto_loop) give up. The descriptors are held by the
    /// viewer's own process (opened by the shell that execs it), never by the test process:
    /// with descriptors past 1024 open there, Foundation's Process.run in another test's spawn
    /// copies past the end of a buffer and crashes the test run (it did in CI).
    @Test func aViewerWhoseSocketIsNumberedPast1024StillSubscribes() throws {
        let broker = try Self.loggingBroker()
        try MQTTPublisher.publish(
            Self.record("status", seq: 1, device: "kiosk-far", data: #"{"state":"online","version":"0.1.0","boot":"b","started":"x"}"#),
            to: "kiosk/v1/hn-02/kiosk-far/status", via: SubscriberConnection(broker), retain: true)
        let script = """
            ulimit -n 4096 || exit 90
            for fd in $(seq 3 1030); do eval "exec $fd</dev/null" || exit 91; done
            exec "$0" fleet --broker 127.0.0.1:\(broker.port) --json --window 2s
            """
        let result = try runCommand("/bin/bash", ["-c", script, try Binaries.path("kioskctl")])
        #expect(result.status != 90 && result.status != 91, "the shell could not hold descriptors up to 1030")
        let snap = try Self.snapshot(result)
        #expect(snap.kiosks.first { $0.device == "kiosk-far" }?.presence == "online", "\(snap)")
    }

    @Test func theLiveTableListsEveryKioskAndItsGaps() throws {
        let broker = try Self.loggingBroker()
        let connection = SubscriberConnection(broker)
        try MQTTPublisher.publish(
            Self.record("status", seq: 9, device: "kiosk-table", data: #"{"state":"offline","reason":"connection-lost","version":"0.1.0","boot":"b","started":"x"}"#),
            to: "kiosk/v1/hn-02/kiosk-table/status", via: connection, retain: true)
        let viewer = BackgroundCommand(try Binaries.path("kioskctl"), ["fleet", "--broker", "127.0.0.1:\(broker.port)", "--for", "3s", "--refresh", "500ms"])
        try Self.waitForViewers(1, on: broker)
        for seq in [UInt64(3), 5] {
            try MQTTPublisher.publish(Self.record("event", seq: seq, device: "kiosk-table"), to: "kiosk/v1/hn-02/kiosk-table/event", via: connection)
        }
        let result = try viewer.wait()
        #expect(result.status == 0, "\(result.stderr)")
        // Into a pipe the table is printed at every refresh; the last one has everything.
        let last = try #require(result.stdout.components(separatedBy: "fleet  mqtt://").last)
        #expect(last.contains("DEVICE"), "\(last)")
        #expect(last.contains("kiosk-table hn-02 offline (connection-lost)"), "\(last)")
        #expect(last.contains("gap: kiosk-table misses 1 record(s): seq 4"), "\(last)")
        #expect(last.contains("1 kiosks: 0 online, 1 offline"), "\(last)")
    }

    @Test func anUnreachableBrokerExits69AndBadArgumentsExit64() throws {
        let closed = FreePort.next()
        let result = try Self.fleet(["--broker", "mqtt://127.0.0.1:\(closed)", "--json"])
        #expect(result.status == 69, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("cannot subscribe at mqtt://127.0.0.1:\(closed): connection refused"), "\(result.stderr)")
        #expect(try Self.fleet([]).stderr.contains("--broker URL is required"))
        #expect(try Self.fleet([]).status == 64)
        #expect(try Self.fleet(["--broker", "http://x"]).status == 64)
        #expect(try Self.fleet(["--broker", "x", "--share", "a/b"]).status == 64)
    }
}
