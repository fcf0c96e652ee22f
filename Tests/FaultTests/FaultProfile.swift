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
