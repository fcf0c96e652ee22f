import Foundation

/// What a running process holds, read from /proc: open descriptors and resident memory.
/// Used to show that a daemon under a hostile load stays flat.
public struct ProcessFigures: Sendable, CustomStringConvertible {
    public var openFiles: Int
    /// `VmRSS`, KiB: resident now.
    public var residentKiB: Int
    /// `VmHWM`, KiB: the most it was ever resident (so a short spike cannot hide between reads).
    public var peakResidentKiB: Int

    /// Reads `/proc/PID/fd` and `/proc/PID/status`.
    public init(pid: Int32) throws {
        let fds = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")
        openFiles = fds.count
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        func kib(_ key: String) throws -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }),
                let value = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap({ Int($0) })
            else { throw TestFailure("no \(key) in /proc/\(pid)/status") }
            return value
        }
        residentKiB = try kib("VmRSS")
        peakResidentKiB = try kib("VmHWM")
    }

    public var description: String { "\(openFiles) fds, RSS \(residentKiB) KiB (peak \(peakResidentKiB) KiB)" }
}

extension ProcessFigures {
    /// The figures once the open-descriptor count has held still for half a second (clients
    /// that just left may not have been reaped yet), waiting at most `timeout` seconds.
    public static func settled(pid: Int32, timeout: TimeInterval = 5) throws -> ProcessFigures {
        var last = try ProcessFigures(pid: pid)
        var steadySince = Date()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            usleep(50_000)
            let now = try ProcessFigures(pid: pid)
            if now.openFiles != last.openFiles { steadySince = Date() }
            last = now
            if Date().timeIntervalSince(steadySince) >= 0.5 { break }
        }
        return last
    }
}
