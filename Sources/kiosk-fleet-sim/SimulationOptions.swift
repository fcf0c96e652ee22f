import KioskCore

/// `kiosk-fleet-sim`'s arguments.
struct SimulationOptions {
    /// How often each kiosk does what (milliseconds; means for the random ones).
    struct Schedule {
        var healthMs: Int64 = 300_000
        var sessionMs: Int64 = 1_200_000
        var outageMs: Int64 = 1_800_000
        var outageLengthMs: Int64 = 120_000
        var syncMs: Int64 = 1_000
        var willDelay: Duration = .seconds(30)
    }

    var host = "127.0.0.1"
    var port: UInt16 = 1883
    var kiosks = 50
    var sites = 20
    var duration: Duration = .seconds(20)
    var drainTimeout: Duration = .seconds(120)
    var startSpread: Duration = .seconds(5)
    var schedule = Schedule()
    var seed: UInt64 = 1
    var storeDirectory = ""
    var brokerPID: Int32?
    var json = false
    /// A port nothing listens on: where a kiosk whose uplink is "down" tries to connect.
    var deadPort: UInt16 = 9

    static let usage = """
        usage: kiosk-fleet-sim [--broker HOST:PORT] [--kiosks N] [--sites N] [--duration DUR]
                               [--speed X] [--health-interval DUR] [--session-interval DUR]
                               [--outage-interval DUR] [--outage-length DUR] [--will-delay DUR]
                               [--start-spread DUR] [--drain-timeout DUR] [--store-dir DIR]
                               [--broker-pid PID] [--seed N] [--json]

        Runs N simulated kiosks, each with kioskd's own publishing code (RecordStore, StoreFeed,
        BrokerClient), against a broker for DUR, with random forced disconnects (the uplink
        lost, or kioskd killed and restarted), then drains every backlog and checks as a
        consumer that every record of every kiosk arrived, de-duplicated on (device, seq), in
        seq order. Intervals default to kioskd's (health every 5m) and a busy kiosk's (a
        session every 20m on average, an outage every 30m lasting 2m on average); --speed X
        divides them all. Exit status 0 when nothing was lost, 1 otherwise, 64 usage error.
        """

    static func parse(_ arguments: [String]) throws(SimulationFailure) -> SimulationOptions {
        var options = SimulationOptions()
        var speed = 1.0
        var rest = arguments[...]
        func value(_ name: String) throws(SimulationFailure) -> String {
            guard let value = rest.popFirst() else { throw SimulationFailure("\(name) needs a value") }
            return value
        }
        func duration(_ name: String) throws(SimulationFailure) -> Duration {
            let text = try value(name)
            do throws(InvalidValue) {
                return try ConfigValue.duration(text)
            } catch {
                throw SimulationFailure("\(name): \(error)")
            }
        }
        func number(_ name: String) throws(SimulationFailure) -> Int {
            let text = try value(name)
            guard let number = Int(text), number >= 0 else { throw SimulationFailure("\(name): \(text) is not a count") }
            return number
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--broker":
                let text = try value(argument)
                let parts = text.split(separator: ":")
                guard parts.count == 2, let port = UInt16(parts[1]) else { throw SimulationFailure("--broker \(text): use HOST:PORT") }
                options.host = String(parts[0])
                options.port = port
            case "--kiosks": options.kiosks = max(1, try number(argument))
            case "--sites": options.sites = max(1, try number(argument))
            case "--duration": options.duration = try duration(argument)
            case "--drain-timeout": options.drainTimeout = try duration(argument)
            case "--start-spread": options.startSpread = try duration(argument)
            case "--health-interval": options.schedule.healthMs = try duration(argument).inMilliseconds
            case "--session-interval": options.schedule.sessionMs = try duration(argument).inMilliseconds
            case "--outage-interval": options.schedule.outageMs = try duration(argument).inMilliseconds
            case "--outage-length": options.schedule.outageLengthMs = try duration(argument).inMilliseconds
            case "--will-delay": options.schedule.willDelay = try duration(argument)
            case "--speed":
                let text = try value(argument)
                guard let x = Double(text), x > 0 else { throw SimulationFailure("--speed \(text): a positive number") }
                speed = x
            case "--store-dir": options.storeDirectory = try value(argument)
            case "--broker-pid": options.brokerPID = Int32(try number(argument))
            case "--seed": options.seed = UInt64(try number(argument))
            case "--json": options.json = true
            case "-h", "--help": throw SimulationFailure("")
            default: throw SimulationFailure("unknown argument \(argument)")
            }
        }
        if speed != 1 {
            func scaled(_ ms: Int64) -> Int64 { max(1, Int64(Double(ms) / speed)) }
            options.schedule.healthMs = scaled(options.schedule.healthMs)
            options.schedule.sessionMs = scaled(options.schedule.sessionMs)
            options.schedule.outageMs = scaled(options.schedule.outageMs)
            options.schedule.outageLengthMs = scaled(options.schedule.outageLengthMs)
        }
        return options
    }
}
