import Foundation
import KioskCore
import Testing
import TestSupport

/// The control protocol against a real kioskd: malformed, oversized, slow and surplus clients
/// get a clear error and never hurt the daemon.
@Suite struct ControlSocketTests {
    /// No broker listens on this port: kioskd must run regardless.
    static let config = """
        [mqtt]
        host = 127.0.0.1
        port = 9
        reconnect_max = 1s

        [storage]
        dir = $FOLDER/state

        [control]
        socket = $SOCKET
        max_clients = 3
        max_request_size = 1KiB
        idle_timeout = 500ms

        """

    func startKioskd() throws -> KioskdProcess {
        let kioskd = try KioskdProcess(config: Self.config)
        try kioskd.start()
        return kioskd
    }

    func reply(_ client: ControlClient, _ raw: String) throws -> JSONValue {
        try client.sendAll(Array(raw.utf8))
        return try JSON.decoder().decode(JSONValue.self, from: Data(try client.readLine()))
    }

    @Test func statusRequestCarriesItsIDBack() throws {
        let kioskd = try startKioskd()
        let client = try kioskd.connect()
        let answer = try reply(client, #"{"id":"abc-1","cmd":"status"}"# + "\n")
        #expect(answer["id"] == .string("abc-1"))
        #expect(answer["ok"] == .bool(true))
        #expect(answer["result"]?["version"] == .string(KioskAgent.version))
        #expect(answer["result"]?["pid"]?.number == Double(kioskd.pid))
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let kioskd = try startKioskd()
        let client = try kioskd.connect()
        try client.sendAll(Array((1...5).map { #"{"id":\#($0),"cmd":"status"}"# + "\n" }.joined().utf8))
        for id in 1...5 {
            let answer = try JSON.decoder().decode(JSONValue.self, from: Data(try client.readLine()))
            #expect(answer["id"] == .number(Double(id)))
        }
    }

    /// A client that pipelines more requests than it reads answers is served at the pace it
    /// reads: kioskd stops answering while replies wait unread, instead of dropping the client.
    @Test func manyPipelinedRequestsAreAllAnsweredWhenTheClientReadsThemLater() throws {
        let kioskd = try startKioskd()
        let client = try RawControlConnection(path: kioskd.socketPath)
        // 2,000 `config` requests (34 KB) ask for some 4 MB of replies before one is read.
        let count = 2_000
        #expect(client.sendAll(Array((1...count).map { #"{"id":\#($0),"cmd":"config"}"# + "\n" }.joined().utf8)))
        let lines = client.readLines(count)
        #expect(lines.count == count, "answered \(lines.count) of \(count); log:\n\(kioskd.log)")
        let ids = lines.compactMap { try? JSON.decoder().decode(JSONValue.self, from: Data($0))["id"]?.number }
        let inOrder = ids == (1...count).map(Double.init)
        #expect(inOrder, "replies out of order or without their id")
    }

    /// A client that pipelines requests and never reads an answer cannot make kioskd buffer
    /// without bound: the output limit applies before answering, so kioskd's peak memory
    /// stays put while it floods, the client is timed out, and others are served meanwhile.
    @Test func aClientThatPipelinesWithoutReadingIsBoundedInMemory() throws {
        let kioskd = try startKioskd()
        // 1,000 records of 150 bytes: each `history` request of 40 bytes asks for a 250 KB reply.
        let appended = try kioskd.connect().call("debug-append", args: ["count": .number(1000), "size": .number(100)], as: JSONValue.self)
        #expect((try? appended.get()) != nil, "debug-append failed: \(appended)")
        let settled = try ProcessFigures.settled(pid: kioskd.pid)
        let flood = try RawControlConnection(path: kioskd.socketPath)
        let sent = flood.flood(Array(#"{"cmd":"history","args":{"limit":1000}}"#.utf8) + [10], seconds: 2)
        let during = try ProcessFigures(pid: kioskd.pid)
        #expect(
            during.peakResidentKiB - settled.peakResidentKiB < 16 * 1024,
            "kioskd's peak RSS grew from \(settled.peakResidentKiB) to \(during.peakResidentKiB) KiB while a client sent \(sent.bytes) bytes of requests without reading")
        // Others are served while the flooding client is held back.
        #expect(try kioskd.status().pid == kioskd.pid)
        #expect(flood.waitForClose(timeout: 5), "the flooding client was never disconnected")
        let after = try ProcessFigures.settled(pid: kioskd.pid)
        #expect(after.openFiles == settled.openFiles, "before \(settled), after \(after)")
    }

    @Test func malformedRequestsGetClearErrorsAndTheConnectionSurvives() throws {
        let kioskd = try startKioskd()
        let client = try kioskd.connect()
        let cases: [(String, String, String)] = [
            ("this is not json\n", "bad-request", "request is not a JSON object"),
            ("[1,2,3]\n", "bad-request", "request is not a JSON object"),
            (#"{"id":7}"# + "\n", "bad-request", #"request has no "cmd" field"#),
            (#"{"id":8,"cmd":42}"# + "\n", "bad-request", #"request field "cmd" has the wrong type"#),
            ("\n", "bad-request", "empty request line"),
            (#"{"id":9,"cmd":"fly"}"# + "\n", "unknown-command", #"unknown command "fly"; known: config, debug-append, debug-read-fault, debug-stall, history, led-identify, led-test, queue, reload, report, session-activity, session-end, session-start, status"#),
        ]
        for (raw, code, message) in cases {
            let answer = try reply(client, raw)
            #expect(answer["ok"] == .bool(false), "\(raw)")
            #expect(answer["error"]?["code"] == .string(code), "\(raw)")
            #expect(answer["error"]?["message"] == .string(message), "\(raw)")
        }
        // Same connection, still served.
        #expect(try reply(client, #"{"id":10,"cmd":"status"}"# + "\n")["ok"] == .bool(true))
    }

    @Test func oversizedRequestIsRefusedAndDisconnected() throws {
        let kioskd = try startKioskd()
        let client = try kioskd.connect()
        try client.sendAll(Array(String(repeating: "x", count: 2048).utf8))
        let answer = try JSON.decoder().decode(JSONValue.self, from: Data(try client.readLine()))
        #expect(answer["error"]?["code"] == .string("too-large"))
        #expect(answer["error"]?["message"] == .string("request longer than 1024 bytes"))
        #expect(throws: ControlClient.Failure.protocolError("kioskd closed the connection")) { try client.readLine() }
        #expect(try kioskd.status().pid == kioskd.pid)
    }

    @Test func slowClientIsTimedOutAndOthersAreServed() throws {
        let kioskd = try startKioskd()
        let slow = try kioskd.connect()
        try slow.sendAll(Array(#"{"id":1,"cm"#.utf8))  // never finished
        let answer = try JSON.decoder().decode(JSONValue.self, from: Data(try slow.readLine()))
        #expect(answer["error"]?["code"] == .string("timeout"))
        #expect(answer["error"]?["message"] == .string("no complete request within 500 ms"))
        #expect(try kioskd.status().pid == kioskd.pid)
    }

    @Test func clientsBeyondTheLimitAreToldBusy() throws {
        let kioskd = try startKioskd()
        let held = try (0..<3).map { _ in try kioskd.connect() }
        // The three held connections count once kioskd has accepted them.
        for client in held { _ = try reply(client, #"{"id":1,"cmd":"status"}"# + "\n") }
        let extra = try kioskd.connect()
        let answer = try JSON.decoder().decode(JSONValue.self, from: Data(try extra.readLine()))
        #expect(answer["error"]?["code"] == .string("busy"))
        #expect(answer["error"]?["message"] == .string("too many control clients (limit 3); try again"))
        withExtendedLifetime(held) {}
    }

    @Test func socketIsMode0660() throws {
        let kioskd = try startKioskd()
        let attributes = try FileManager.default.attributesOfItem(atPath: kioskd.socketPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o660)
    }

    @Test func stateChangesAreRefusedToStrangers() throws {
        let kioskd = try startKioskd()
        // Open the socket to everyone so a stranger can connect at all; SO_PEERCRED must still
        // keep it from changing state, while reading is allowed.
        chmod(kioskd.socketPath, 0o666)
        let kioskctl = try Binaries.path("kioskctl")
        let setpriv = ["--reuid=65534", "--regid=65534", "--clear-groups", kioskctl, "--socket", kioskd.socketPath]
        let read = try runCommand("/usr/bin/setpriv", setpriv + ["status", "--json"])
        #expect(read.status == 0, "\(read.stderr)")
        let change = try runCommand("/usr/bin/setpriv", setpriv + ["reload"])
        #expect(change.status == 1)
        // Wrapped to 80 columns; as one line:
        #expect(change.stderr.replacing("\n  ", with: " ") == "kioskctl reload: \"reload\" changes state: allowed to root, kioskd's user and the socket's group only\n")
        #expect(change.stderr.split(separator: "\n").allSatisfy { $0.count <= 80 })
        // root may.
        #expect(try kioskd.kioskctl(["reload"]).status == 0)
    }

    /// The socket's group may be a supplementary group of the client (SO_PEERGROUPS).
    @Test func aMemberOfTheSocketGroupByASupplementaryGroupMayChangeState() throws {
        let kioskd = try KioskdProcess(config: "[control]\nsocket = $SOCKET\ngroup = daemon\n")
        try kioskd.start()
        chmod(kioskd.socketPath, 0o666)
        let kioskctl = try Binaries.path("kioskctl")
        let daemonGroup = try #require(getgrnam("daemon")).pointee.gr_gid
        let member = ["--reuid=65534", "--regid=65534", "--groups=\(daemonGroup)", kioskctl, "--socket", kioskd.socketPath]
        let change = try runCommand("/usr/bin/setpriv", member + ["reload"])
        #expect(change.status == 0, "\(change.stderr)")
    }

    @Test func secondKioskdRefusesToStealTheSocket() throws {
        let kioskd = try startKioskd()
        let result = try runCommand(try Binaries.path("kioskd"), ["--config", kioskd.configPath], timeout: 20)
        #expect(result.status == 1)
        #expect(result.stderr.contains("<3>kioskd cannot start: another kioskd is already listening on \(kioskd.socketPath)"))
        #expect(try kioskd.status().pid == kioskd.pid)
    }
}
