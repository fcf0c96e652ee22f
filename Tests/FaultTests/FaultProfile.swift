import Foundation

/// How hard the fault suite tries: `quick` (CI, a few minutes in all) or `full`
/// (`scripts/torture --full`, long runs), from `$KIOSK_FAULT_PROFILE`.
enum FaultProfile: String, Sendable {
    case quick, full

    static var current: FaultProfile {
        ProcessInfo.processInfo.environment["KIOSK_FAULT_PROFILE"].flatMap(FaultProfile.init(rawValue:)) ?? .quick
    }

    /// `quick` in the quick profile, `full` in the full one.
    static func count(quick: Int, full: Int) -> Int {
        current == .full ? full : quick
    }
}

/// One row of the fault suite's table: which part ran, what it tried and what it found.
/// Rows go to `$KIOSK_FAULT_REPORT` (one tab-separated line each), which `scripts/torture`
/// prints as a table; without the variable they go nowhere.
enum FaultReport {
    private static let lock = NSLock()

    static func record(part: String, tried: String, found: String) {
        guard let path = ProcessInfo.processInfo.environment["KIOSK_FAULT_REPORT"], !path.isEmpty else { return }
        let line = [part, tried, found].map { $0.replacingOccurrences(of: "\t", with: " ") }.joined(separator: "\t") + "\n"
        lock.lock()
        defer { lock.unlock() }
        guard let handle = FileHandle(forWritingAtPath: path) ?? {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }() else { return }
        handle.seekToEndOfFile()
        handle.write(Data(line.utf8))
        handle.closeFile()
    }
}

/// A small seeded generator (SplitMix64), so a failing trial, image or run can be repeated
/// exactly from its seed.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound (0 when bound is 0).
    mutating func next(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }
}
