#if canImport(Glibc)
import Glibc
#endif
import KioskCore
import KioskFleet
import KioskMQTT
import Synchronization

/// `kioskctl fleet --broker URL`: the province's kiosks at a glance, from the provincial broker.
enum FleetCommand: KioskctlCommand {
    static let name = "fleet"

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        let words = context.words
        let options = try FleetOptions.parse(arguments, words)
        // The table shows the connection's state; with --json only what goes wrong is logged.
        Logger.level = context.json ? .warning : .error
        let view = Mutex(FleetView())
        let subscriber: BrokerSubscriber
        do throws(Errno) {
            subscriber = try BrokerSubscriber(settings: options.settings, log: Logger("fleet")) { message in
                view.withLock { _ = $0.receive(topic: message.topic, payload: message.payload, retained: message.retained) }
            }
            try subscriber.start()
        } catch {
            throw .failed(words("fleet.cannotStart", ["reason": "\(error)"]))
        }
        defer { subscriber.stop() }
        let started = KernelClock.monotonicMilliseconds()
        guard subscriber.waitUntilSubscribed(timeout: .seconds(10)) else {
            let reason: String
            if case .disconnected(let text) = subscriber.state { reason = text } else { reason = words("fleet.noAnswer") }
            throw .brokerUnreachable(words("fleet.cannotSubscribe", ["broker": options.brokerLabel, "reason": reason]))
        }
        if context.json {
            sleep(for: options.window)
            let windowMs = KernelClock.monotonicMilliseconds() - started
            let snapshot = view.withLock {
                FleetSnapshot($0, broker: options.brokerLabel, filters: options.settings.filters, windowMs: windowMs)
            }
            Output.json(snapshot)
            return
        }
        let terminal = isatty(1) != 0
        while true {
            let snapshot = view.withLock {
                FleetSnapshot($0, broker: options.brokerLabel, filters: options.settings.filters,
                              windowMs: KernelClock.monotonicMilliseconds() - started)
            }
            let table = FleetTable.render(snapshot, state: subscriber.state, words)
            // On a terminal the table is redrawn in place; into a pipe or file, appended.
            Output.line(terminal ? "\u{1B}[H\u{1B}[2J" + table : table + "\n")
            if let runFor = options.runFor, KernelClock.monotonicMilliseconds() - started >= runFor.inMilliseconds {
                return
            }
            sleep(for: options.refresh)
        }
    }

    private static func sleep(for duration: Duration) {
        var left = duration.inMilliseconds
        while left > 0 {
            let step = min(left, 200)
            usleep(useconds_t(step * 1000))
            left -= step
        }
    }
}
