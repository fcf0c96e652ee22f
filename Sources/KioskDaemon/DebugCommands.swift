#if DEBUG || KIOSK_TEST_HOOKS
#if canImport(Glibc)
import Glibc
#endif
import KioskCore

/// Control commands that exist only in debug builds (and in the benchmark's release build,
/// compiled with `-DKIOSK_TEST_HOOKS`), for tests that need records on demand or a stuck main
/// loop. The release builds that ship do not have them (scripts/check/deploy checks the
/// packaged kioskd refuses `debug-stall`).
extension Daemon {
    struct AppendedRecords: Codable, Sendable {
        var firstSeq: UInt64?
        var lastSeq: UInt64?
    }

    struct StalledFor: Codable, Sendable {
        var seconds: Double
    }

    struct ReadFaults: Codable, Sendable {
        var faults: Int
    }

    /// A test record's data: a counter and padding, nothing else.
    private struct TestRecord: Codable, Sendable {
        var n: Int
        var padding: String
    }

    func debugCommands() -> [ControlCommand] {
        [
            // `{"cmd":"debug-append","args":{"count":100,"type":"event","periodic":false,"size":200}}`
            ControlCommand("debug-append", changesState: true) { [unowned self] args, _ throws(ControlError) in
                let count = Int(args["count"]?.number ?? 1)
                let type = args["type"]?.string ?? "test"
                let periodic = args["periodic"] == .bool(true)
                let padding = String(repeating: "x", count: Int(args["size"]?.number ?? 0))
                guard (1...1_000_000).contains(count) else { throw ControlError(.badArguments, "count must be 1-1000000") }
                var result = AppendedRecords()
                for n in 0..<count {
                    guard let seq = self.recordAppend(type: type, TestRecord(n: n, padding: padding), periodic: periodic) else {
                        throw ControlError(.failed, "append failed after \(n) record(s)")
                    }
                    result.firstSeq = result.firstSeq ?? seq
                    result.lastSeq = seq
                }
                return result
            },
            // `{"cmd":"debug-stall","args":{"seconds":2}}`: blocks the main loop (this handler
            // runs on it) so a test can see the systemd watchdog pings stop while it is stuck.
            ControlCommand("debug-stall", changesState: true) { args, _ throws(ControlError) in
                let seconds = args["seconds"]?.number ?? 1
                guard seconds > 0 && seconds <= 60 else { throw ControlError(.badArguments, "seconds must be more than 0 and at most 60") }
                // Sleeps the whole time even when signals arrive: a stuck loop ignores them too.
                let until = KernelClock.monotonicMilliseconds() + Int64(seconds * 1000)
                while KernelClock.monotonicMilliseconds() < until { usleep(10_000) }
                return StalledFor(seconds: seconds)
            },
            // `{"cmd":"debug-read-fault","args":{"segment":"0000000000000001.seg","offset":65536,"length":4096}}`:
            // reads of that range of a segment of the store fail with EIO from now on, as from a
            // bad SD sector (`StoreFaultInjection`); `{"clear":true}` removes every fault.
            ControlCommand("debug-read-fault", changesState: true) { [unowned self] args, _ throws(ControlError) in
                if args["clear"] == .bool(true) {
                    StoreFaultInjection.clear()
                    return ReadFaults(faults: 0)
                }
                guard let segment = args["segment"]?.string, !segment.contains("/"),
                    let offset = args["offset"]?.number, offset >= 0, let length = args["length"]?.number, length > 0
                else { throw ControlError(.badArguments, "segment (a file name), offset and length are needed") }
                let path = self.config.storage.dir + "/segments/" + segment
                StoreFaultInjection.add(.init(path: path, range: Int(offset)..<Int(offset + length)))
                return ReadFaults(faults: StoreFaultInjection.registered.count)
            },
        ]
    }
}
#endif
