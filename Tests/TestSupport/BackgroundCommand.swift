import Foundation

/// `runCommand` on another thread: start several programs, act meanwhile, then collect each.
public final class BackgroundCommand: @unchecked Sendable {
    // @unchecked: `outcome` is written once by the worker before `finished` is signalled and
    // read only after waiting on it.
    private var outcome: Result<CommandResult, any Error>?
    private let finished = DispatchSemaphore(value: 0)

    public init(_ executable: String, _ arguments: [String], timeout: TimeInterval = 60) {
        DispatchQueue.global().async { [self] in
            outcome = Result { try runCommand(executable, arguments, timeout: timeout) }
            finished.signal()
        }
    }

    /// Waits for the program to end and returns what it printed (or the error running it).
    public func wait() throws -> CommandResult {
        finished.wait()
        finished.signal()
        return try outcome!.get()
    }
}
