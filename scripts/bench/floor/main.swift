// The floor for kioskd's footprint (scripts/bench/footprint): the least a Swift program built
// as kioskd is built (static Swift runtime and FoundationEssentials, libmosquitto) holds while
// it idles connected to a broker — one JSON envelope encoded with Codable, one connection, one
// thread, woken only by the keepalive. Not part of the package; the benchmark compiles it.
import CMosquitto
import FoundationEssentials
import Glibc

struct Envelope: Codable {
    var schema = "kiosk.v1"
    var device: String
    var seq: UInt64
    var ts: Date
    var data: [String: Double]
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let port = Int32(arguments[2]) else {
    fputs("usage: floor HOST PORT\n", stderr)
    exit(2)
}
let payload = try JSONEncoder().encode(Envelope(device: "floor", seq: 1, ts: Date(), data: ["rtt_ms": 0.2]))
mosquitto_lib_init()
guard let client = mosquitto_new("floor-\(getpid())", true, nil),
    mosquitto_connect(client, arguments[1], port, 60) == MOSQ_ERR_SUCCESS.rawValue
else {
    fputs("floor: cannot connect to \(arguments[1]):\(port)\n", stderr)
    exit(1)
}
_ = payload.withUnsafeBytes { bytes in
    mosquitto_publish(client, nil, "floor/envelope", Int32(bytes.count), bytes.baseAddress, 1, false)
}
print("connected")
fflush(stdout)
while true {
    // A quarter keepalive, as kioskd's connected loop.
    if mosquitto_loop(client, 15_000, 1) != MOSQ_ERR_SUCCESS.rawValue {
        sleep(1)
        _ = mosquitto_reconnect(client)
    }
}
