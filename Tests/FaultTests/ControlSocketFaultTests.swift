import Foundation
import KioskCore
import Synchronization
import Testing
import TestSupport

/// The control socket under a hostile load, against a real kioskd: malformed requests (bad
/// JSON, wrong types, unknown commands, invalid UTF-8, NUL bytes, random bytes), oversized
/// ones, slow ones (byte by byte, stalled mid-line), pipelined ones, several clients at once
/// clients that leave mid-request and clients that pipeline without ever reading; then a user outside `[control] group`. kioskd must not
/// crash, must answer every error with a stable code, and its descriptors and memory must
/// stay flat: the same number of open files after as before, and resident memory within
/// 4 MiB of what it was after a warm-up.
@Suite(.serialized) struct ControlSocketFaultTests {
    /// `idle_timeout` 3 s: long enough that a test client stalled by a loaded machine between
    /// two batches is not timed out (1 s was not, with a load of 10 on 2 cores).
    static let config = """
        [mqtt]
        host = 127.0.0.1
        port = 9
        reconnect_max = 1s

        [control]
        socket = $SOCKET
        max_clients = 32
        max_request_size = 1KiB
        idle_timeout = 3s

        """

    /// Every code kioskd may answer with (`ControlError.Code`): the stable contract.
    static let codes: Set<String> = ["bad-request", "unknown-command", "bad-arguments", "too-large", "forbidden", "busy", "timeout", "failed"]
    static let stateChanging = ["debug-append", "debug-read-fault", "debug-stall", "led-identify", "led-test", "reload", "session-activity", "session-end", "session-start"]
    static let readOnly = ["config", "history", "queue", "report", "status"]

    /// Requests with the exact code each must get.
    static let malformed: [(bytes: [UInt8], code: String?)] = [
        (Array("this is not json".utf8), "bad-request"),
        (Array("[1,2,3]".utf8), "bad-request"),
        (Array(#"{"id":7}"#.utf8), "bad-request"),
        (Array(#"{"id":8,"cmd":42}"#.utf8), "bad-request"),
        (Array(#"{"cmd":"status","args":[1]}"#.utf8), "bad-request"),
        (Array(#"{"cmd":"status","id":{"a":"#.utf8), "bad-request"),
        (Array(#"{"cmd":"fly"}"#.utf8), "unknown-command"),
        (Array(#"{"cmd":""}"#.utf8), "unknown-command"),
        (Array(#"{"cmd":"report","args":{"day":"yesterday"}}"#.utf8), "bad-arguments"),
        (Array(#"{"cmd":"history","args":{"limit":"#.utf8), "bad-request"),
        (Array(#"{"cmd":"st"#.utf8) + [0xFF, 0xFE] + Array(#"atus"}"#.utf8), "bad-request"),  // invalid UTF-8
        (Array(#"{"cmd":"sta"#.utf8) + [0xC3] + Array(#""}"#.utf8), "bad-request"),  // a cut sequence
        (Array(#"{"cmd":"status"#.utf8) + [0] + Array(#""}"#.utf8), "bad-request"),  // NUL inside a string
        ([0] + Array(#"{"cmd":"status"}"#.utf8), "bad-request"),  // NUL before it
        ([], "bad-request"),  // an empty line
        (Array(#"{"cmd":"status"}"#.utf8), nil),  // a good one among them: answered ok
    ]

    @Test func hostileClientsGetClearErrorsAndKioskdStaysFlat() throws {
        let kioskd = try KioskdProcess(config: Self.config)
        try kioskd.start()
        var random = SplitMix(seed: 12)
        var tally = Tally()

        // Warm-up, then the figures everything is compared with.
        try pipelined(kioskd, count: 1_000, random: &random, tally: &tally)
        let before = try ProcessFigures.settled(pid: kioskd.pid)

        try pipelined(kioskd, count: FaultProfile.count(quick: 15_000, full: 155_000), random: &random, tally: &tally)
        try concurrent(kioskd, clients: 8, each: FaultProfile.count(quick: 400, full: 4_000), tally: &tally)
        try oversized(kioskd, count: FaultProfile.count(quick: 200, full: 2_000), tally: &tally)
        try slow(kioskd, count: FaultProfile.count(quick: 20, full: 200), tally: &tally)
        try stalled(kioskd, count: FaultProfile.count(quick: 20, full: 200), tally: &tally)
        try leavingMidRequest(kioskd, count: FaultProfile.count(quick: 1_000, full: 10_000), tally: &tally)
        try floods(kioskd, count: FaultProfile.count(quick: 3, full: 30), tally: &tally)

        #expect(kioskd.isRunning, "kioskd died; log:\n\(kioskd.log.suffix(3000))")
        #expect(try kioskd.status().pid == kioskd.pid)
        let after = try ProcessFigures.settled(pid: kioskd.pid)
        #expect(after.openFiles == before.openFiles, "open files before \(before), after \(after)")
        #expect(after.residentKiB - before.residentKiB <= 4 * 1024, "RSS before \(before), after \(after)")
        // Requests kioskd read and answered (or refused), not counting what floods left in the socket.
        let handled = tally.sent - tally.byKind["pipelined unread", default: 0]
        #expect(handled >= FaultProfile.count(quick: 20_000, full: 200_000), "only \(handled) requests handled")
        #expect(tally.unclear == [], "replies without a stable error code: \(tally.unclear.prefix(5))")
        #expect(tally.wrong == [], "replies with the wrong code: \(tally.wrong.prefix(5))")

        FaultReport.record(
            part: "control socket",
            tried: "\(tally.sent.formatted()) requests: \(tally.byKind.sorted { $0.key < $1.key }.map { "\($0.value.formatted()) \($0.key)" }.joined(separator: ", "))",
            found: "no crash; \(tally.errors.formatted()) errors answered, \(tally.unclear.count + tally.wrong.count) unclear; fds \(before.openFiles) → \(after.openFiles); RSS \(before.residentKiB) → \(after.residentKiB) KiB")
    }

    /// A user outside `[control] group` (uid 65534 with no groups, through setpriv) is refused
    /// every command that changes state, and may run every read-only one. The two lists
    /// together must be every command kioskd knows, so a new command has to be placed in one.
    @Test func aStrangerIsRefusedEveryStateChangeAndMayRead() throws {
        let kioskd = try KioskdProcess(config: Self.config)
        try kioskd.start()
        chmod(kioskd.socketPath, 0o666)  // so the stranger can connect at all
        let known = try kioskd.connect().call("no-such-command", as: JSONValue.self)
        guard case .failure(let error) = known, let list = error.message.split(separator: ":").last else {
            Issue.record("no list of commands: \(known)")
            return
        }
        let commands = Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(commands == Set(Self.stateChanging + Self.readOnly), "commands kioskd knows: \(commands.sorted())")

        let requests = (Self.stateChanging + Self.readOnly).enumerated()
            .map { #"{"id":\#($0.offset),"cmd":"\#($0.element)"}"# }.joined(separator: "\n") + "\n"
        let client = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile("rwb")
            for line in sys.stdin.buffer:
                f.write(line); f.flush(); sys.stdout.write(f.readline().decode()); sys.stdout.flush()
            """
        let result = try runCommand(
            "/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c", client, kioskd.socketPath],
            input: requests)
        #expect(result.status == 0, "\(result.stderr)")
        let replies = result.stdout.split(separator: "\n").compactMap { try? JSON.decoder().decode(JSONValue.self, from: Data($0.utf8)) }
        #expect(replies.count == Self.stateChanging.count + Self.readOnly.count, "\(result.stdout)")
        var refused = 0
        for (index, reply) in replies.enumerated() {
            let command = (Self.stateChanging + Self.readOnly)[index]
            if Self.stateChanging.contains(command) {
                #expect(reply["error"]?["code"] == .string("forbidden"), "\(command) by a stranger: \(reply)")
                #expect(reply["error"]?["message"] == .string("\"\(command)\" changes state: allowed to root, kioskd's user and the socket's group only"))
                refused += 1
            } else {
                #expect(reply["ok"] == .bool(true), "\(command) by a stranger: \(reply)")
            }
        }
        FaultReport.record(
            part: "control socket, stranger",
            tried: "uid 65534 outside [control] group: \(Self.stateChanging.count) state-changing and \(Self.readOnly.count) read-only commands",
            found: "\(refused) refused as forbidden, \(replies.count - refused) read-only answered")
    }

    // MARK: the loads

    /// What was sent and what came back.
    struct Tally {
        var sent = 0
        var errors = 0
        var byKind: [String: Int] = [:]
        var unclear: [String] = []
        var wrong: [String] = []

        mutating func count(_ kind: String, _ n: Int = 1) {
            sent += n
            byKind[kind, default: 0] += n
        }

        /// Checks one reply line: JSON, `ok` true, or `ok` false with a stable code and a
        /// sentence; and, when `expected` is given, that code.
        mutating func check(_ line: [UInt8], expected: String?? = .none) {
            guard let reply = try? JSON.decoder().decode(JSONValue.self, from: Data(line)) else {
                unclear.append(String(decoding: line.prefix(120), as: UTF8.self))
                return
            }
            var code: String?
            if reply["ok"] != .bool(true) {
                errors += 1
                guard let text = reply["error"]?["code"]?.string, ControlSocketFaultTests.codes.contains(text),
                    let message = reply["error"]?["message"]?.string, !message.isEmpty
                else {
                    unclear.append(String(decoding: line.prefix(120), as: UTF8.self))
                    return
                }
                code = text
            }
            if case .some(let want) = expected, want != code {
                wrong.append("expected \(want ?? "ok"), got \(String(decoding: line.prefix(120), as: UTF8.self))")
            }
        }
    }

    /// Malformed requests and random bytes, pipelined 100 at a time on one connection.
    func pipelined(_ kioskd: KioskdProcess, count: Int, random: inout SplitMix, tally: inout Tally) throws {
        let client = try RawControlConnection(path: kioskd.socketPath)
        var done = 0
        while done < count {
            let batch = min(100, count - done)
            var bytes: [UInt8] = []
            var expected: [String??] = []
            for _ in 0..<batch {
                if random.next() % 4 == 0 {
                    // Random bytes (no newline), or a good request with one byte changed.
                    var line: [UInt8]
                    if random.next() % 2 == 0 {
                        line = (0..<Int(random.next() % 200)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                    } else {
                        line = Array(#"{"id":1,"cmd":"status"}"#.utf8)
                        line[Int(random.next() % UInt64(line.count))] = UInt8(truncatingIfNeeded: random.next())
                    }
                    bytes += line.filter { $0 != 10 } + [10]
                    expected.append(.none)
                    tally.count("random")
                } else {
                    let pick = Self.malformed[Int(random.next() % UInt64(Self.malformed.count))]
                    bytes += pick.bytes + [10]
                    expected.append(.some(pick.code))
                    tally.count("malformed")
                }
            }
            guard client.sendAll(bytes) else {
                throw TestFailure("kioskd stopped reading a pipelined client after \(done) requests (\(client.lastError ?? "timed out")); log:\n\(kioskd.log.suffix(2000))")
            }
            let replies = client.readLines(batch)
            guard replies.count == batch else {
                throw TestFailure("\(replies.count) replies to \(batch) pipelined requests (after \(done)); last: \(replies.last.map { String(decoding: $0, as: UTF8.self) } ?? "")")
            }
            for (reply, want) in zip(replies, expected) { tally.check(reply, expected: want) }
            done += batch
        }
    }

    /// Several clients at once, each sending its own mix one request at a time.
    func concurrent(_ kioskd: KioskdProcess, clients: Int, each: Int, tally: inout Tally) throws {
        let results = Mutex<(tallies: [Tally], failures: [String])>(([], []))
        DispatchQueue.concurrentPerform(iterations: clients) { index in
            var local = Tally()
            do {
                let client = try RawControlConnection(path: kioskd.socketPath)
                for n in 0..<each {
                    let pick = Self.malformed[(n + index) % Self.malformed.count]
                    guard client.sendAll(pick.bytes + [10]), let reply = client.readLines(1).first else {
                        throw TestFailure("client \(index) got no reply to request \(n)")
                    }
                    local.count("concurrent")
                    local.check(reply, expected: .some(pick.code))
                }
            } catch {
                results.withLock { $0.failures.append("\(error)") }
            }
            results.withLock { $0.tallies.append(local) }
        }
        let (tallies, failures) = results.withLock { $0 }
        #expect(failures.isEmpty, "\(failures)")
        for local in tallies { tally.merge(local) }
    }

    /// Requests longer than `max_request_size`: a too-large error, then the connection closes.
    func oversized(_ kioskd: KioskdProcess, count: Int, tally: inout Tally) throws {
        for n in 0..<count {
            let client = try RawControlConnection(path: kioskd.socketPath)
            let size = 1_025 + (n * 997) % 8_000
            _ = client.sendAll(Array(repeating: UInt8(ascii: n % 2 == 0 ? "x" : "{"), count: size))
            tally.count("oversized")
            guard let reply = client.readLines(1).first else { throw TestFailure("no reply to an oversized request") }
            tally.check(reply, expected: .some("too-large"))
            #expect(client.waitForClose(timeout: 2), "an oversized request's connection stayed open")
        }
    }

    /// A good request sent one byte at a time (1 ms apart): answered like any other.
    func slow(_ kioskd: KioskdProcess, count: Int, tally: inout Tally) throws {
        for _ in 0..<count {
            let client = try RawControlConnection(path: kioskd.socketPath)
            for byte in Array(#"{"id":"slow","cmd":"status"}"#.utf8) + [10] {
                _ = client.sendAll([byte])
                usleep(1_000)
            }
            tally.count("byte by byte")
            guard let reply = client.readLines(1).first else { throw TestFailure("no reply to a request sent byte by byte") }
            tally.check(reply, expected: .some(nil))
        }
    }

    /// Half a request, then nothing: a timeout error after `idle_timeout`, then closed. 25 at a time.
    func stalled(_ kioskd: KioskdProcess, count: Int, tally: inout Tally) throws {
        var left = count
        while left > 0 {
            let group = min(25, left)
            let clients = try (0..<group).map { _ in try RawControlConnection(path: kioskd.socketPath) }
            for client in clients { _ = client.sendAll(Array(#"{"id":1,"cmd":"sta"#.utf8)) }
            for client in clients {
                tally.count("stalled mid-line")
                guard let reply = client.readLines(1, timeout: 6).first else { throw TestFailure("a stalled client got no timeout") }
                tally.check(reply, expected: .some("timeout"))
                #expect(client.waitForClose(timeout: 2), "a stalled client's connection stayed open")
            }
            left -= group
        }
    }

    /// Clients that send part of a request (or a whole one) and close without reading.
    func leavingMidRequest(_ kioskd: KioskdProcess, count: Int, tally: inout Tally) throws {
        let request = Array(#"{"id":1,"cmd":"status"}"#.utf8) + [10]
        for n in 0..<count {
            let client = try RawControlConnection(path: kioskd.socketPath)
            _ = client.sendAll(Array(request.prefix(n % request.count + 1)))
            tally.count("closed mid-request")
            withExtendedLifetime(client) {}
        }
    }
}

extension ControlSocketFaultTests.Tally {
    mutating func merge(_ other: Self) {
        sent += other.sent
        errors += other.errors
        for (kind, n) in other.byKind { byKind[kind, default: 0] += n }
        unclear += other.unclear
        wrong += other.wrong
    }
}

extension ControlSocketFaultTests {
    /// Clients that pipeline requests for 0.2 s without reading a reply: held back
    /// once their replies fill the output limit, then timed out and closed.
    func floods(_ kioskd: KioskdProcess, count: Int, tally: inout Tally) throws {
        let request = Array(#"{"cmd":"config"}"#.utf8) + [10]
        for _ in 0..<count {
            let client = try RawControlConnection(path: kioskd.socketPath)
            let sent = client.flood(request, seconds: 0.2)
            tally.count("pipelined unread", sent.bytes / request.count)
            #expect(client.waitForHangUp(timeout: 15), "a client that never reads was never closed")
        }
    }
}
