import Dispatch
import Synchronization

/// Runs a round of probes at once, so a round takes as long as its slowest probe rather than
/// the sum of them: with the uplink down every probe waits out its timeout.
public enum ProbeRunner {
    /// How long past `timeout` the runner waits for a straggler before reporting it as one.
    static let grace: Duration = .milliseconds(250)

    /// Runs every probe at once, one thread each, and returns their measurements in the probes'
    /// order, within about `timeout`. A probe that has not returned by `timeout` plus a short
    /// grace (it should not happen: every probe keeps to its deadline) is reported as a failed
    /// measurement, and its thread is left to finish in the background.
    public static func run(_ probes: [any HealthProbe], timeout: Duration) -> [ProbeMeasurement] {
        if probes.isEmpty { return [] }
        let startedWall = KernelClock.wallMilliseconds()
        let started = ContinuousClock.now
        let board = Board(count: probes.count)
        for (index, probe) in probes.enumerated() {
            board.finished.enter()
            let job: @Sendable () -> Void = { board.post(probe.measure(timeout: timeout), at: index) }
            // Without a thread (the kernel refused one) the probe runs here, after the others started.
            do { try SystemThread.start("kioskd-probe", stackSize: 512 * 1024, job) } catch { job() }
        }
        let waitMs = (timeout + grace).inMilliseconds
        _ = board.finished.wait(timeout: .now() + .milliseconds(Int(clamping: waitMs)))
        let results = board.results.withLock { $0 }
        return probes.indices.map { index in
            results[index] ?? ProbeMeasurement(
                name: probes[index].name, type: probes[index].type, target: probes[index].target,
                layer: probes[index].layer, ok: false, sent: 0,
                detail: "did not finish within \(ConfigValue.format(timeout))",
                atWallMs: startedWall, durationMs: ProbeDeadline.milliseconds(.now - started))
        }
    }

    /// Where probe threads leave their measurements; late ones are still accepted and ignored.
    private final class Board: Sendable {
        let finished = DispatchGroup()
        let results: Mutex<[ProbeMeasurement?]>

        init(count: Int) { results = Mutex(Array(repeating: nil, count: count)) }

        func post(_ measurement: ProbeMeasurement, at index: Int) {
            results.withLock { $0[index] = measurement }
            finished.leave()
        }
    }
}
