import KioskCore
import KioskFleet
import KioskMQTT
import Synchronization

/// The consumer side of the simulation: one subscriber on `kiosk/v1/#` (clean start off, so
/// nothing is lost if it reconnects) that de-duplicates on `(device, seq)` with a `SeqLedger`
/// per kiosk, and watches the broker's own `$SYS` counters of PUBLISH packets.
final class FleetChecker: Sendable {
    struct Tally: Sendable {
        var ledgers: [String: SeqLedger] = [:]
        var statusMessages = 0
        var messages = 0
        var undecodable = 0
        /// `$SYS/broker/publish/messages/received` and `…/sent`: (monotonic ms, value) first and last.
        var brokerReceived: (first: (Int64, Double), last: (Int64, Double))?
        var brokerSent: (first: (Int64, Double), last: (Int64, Double))?
    }

    /// The tally behind a lock, in a box the subscriber's callback can hold before `self` exists.
    private final class Box: Sendable {
        let tally = Mutex(Tally())
    }

    private let box = Box()
    private let subscriber: BrokerSubscriber

    init(options: SimulationOptions) throws {
        let settings = SubscriberSettings(
            host: options.host, port: options.port, clientID: "kiosk-fleet-sim-checker-\(options.seed)",
            filters: ["kiosk/v1/#", "$SYS/broker/publish/messages/received", "$SYS/broker/publish/messages/sent"],
            cleanStart: false, sessionExpiry: .seconds(3600))
        let box = self.box
        do throws(Errno) {
            subscriber = try BrokerSubscriber(settings: settings, log: Logger("checker")) { message in
                FleetChecker.receive(message, into: box)
            }
        } catch {
            throw SimulationFailure("cannot make the checker's subscriber: \(error)")
        }
        do throws(Errno) {
            try subscriber.start()
        } catch {
            throw SimulationFailure("cannot start the checker's subscriber: \(error)")
        }
        guard subscriber.waitUntilSubscribed(timeout: .seconds(15)) else {
            throw SimulationFailure("the checker could not subscribe at \(options.host):\(options.port): \(subscriber.state)")
        }
    }

    private static func receive(_ message: BrokerSubscriber.Message, into box: Box) {
        if message.topic.hasPrefix("$SYS/") {
            guard let value = Double(String(decoding: message.payload, as: UTF8.self)) else { return }
            let now = KernelClock.monotonicMilliseconds()
            box.tally.withLock { tally in
                if message.topic.hasSuffix("/received") {
                    tally.brokerReceived = (tally.brokerReceived?.first ?? (now, value), (now, value))
                } else {
                    tally.brokerSent = (tally.brokerSent?.first ?? (now, value), (now, value))
                }
            }
            return
        }
        let record = FleetRecord.decode(message.payload)
        box.tally.withLock { tally in
            tally.messages += 1
            guard let record else {
                tally.undecodable += 1
                return
            }
            if record.isPresence {
                tally.statusMessages += 1
            } else {
                tally.ledgers[record.device, default: SeqLedger()].receive(record.seq)
            }
        }
    }

    var snapshot: Tally { box.tally.withLock { $0 } }

    /// Whether every record 1…lastSeq of this kiosk has arrived.
    func hasEverything(of device: String, through lastSeq: UInt64) -> Bool {
        box.tally.withLock { tally in
            guard let ledger = tally.ledgers[device] else { return lastSeq == 0 }
            return ledger.first == 1 && (ledger.contiguousThrough ?? 0) >= lastSeq
        }
    }

    func stop() {
        subscriber.stop()
    }
}
