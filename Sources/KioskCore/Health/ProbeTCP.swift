#if canImport(Glibc)
import Glibc
#endif

/// The `internet` or `broker` layer by TCP: does `host:port` accept a connection, and how
/// long does the handshake take? For the broker this tells "the broker's machine refuses
/// port 8883" apart from "MQTT refused our login", which only the broker connection can see.
public struct TCPProbe: HealthProbe {
    public var name: String
    public var host: String
    public var port: UInt16
    public var layer: HealthLayer
    /// The probe's own timeout; nil means the round's.
    public var timeout: Duration?
    public var type: String { "tcp" }
    public var target: String { ProbeHostPort.render(host: host, port: port) }

    public init(name: String, host: String, port: UInt16, layer: HealthLayer, timeout: Duration? = nil) {
        self.name = name
        self.host = host
        self.port = port
        self.layer = layer
        self.timeout = timeout
    }

    /// `rttMs` is the connect time alone; resolving a name comes out of the same timeout but is
    /// not counted in it.
    public func measure(timeout round: Duration) -> ProbeMeasurement {
        let deadline = ProbeDeadline(timeout: ProbeDeadline.effective(round, own: timeout))
        var result = ProbeMeasurement(name: name, type: type, target: target, layer: layer, ok: false)
        do throws(ProbeFailure) {
            var connectMs = 0.0
            _ = try ProbeSocket.connected(to: host, port: port, deadline: deadline, connectMs: &connectMs)
            result.ok = true
            result.received = 1
            result.rttMs = [connectMs]
        } catch {
            result.detail = error.detail
        }
        result.durationMs = deadline.elapsedMs
        return result
    }
}

extension ProbeSocket {
    /// A TCP connection to `host:port` (a name goes through the system resolver first);
    /// `connectMs` is set to how long the handshake took. Each address is tried in the resolver's order
    /// until one answers; the failure of the last one is the one reported.
    static func connected(
        to host: String, port: UInt16, deadline: ProbeDeadline, connectMs: inout Double
    ) throws(ProbeFailure) -> ProbeSocket {
        let addresses: [ProbeAddress]
        switch SystemResolver.resolve(host, port: port, socketType: Int32(SOCK_STREAM.rawValue), deadline: deadline) {
        case .success(let found): addresses = found
        case .failure(let failure): throw ProbeFailure("resolving \(host): \(failure.detail)")
        }
        var last = ProbeFailure.timedOut(after: deadline.timeout)
        for address in addresses {
            if deadline.expired { break }
            do throws(ProbeFailure) {
                let socket: ProbeSocket
                do throws(Errno) {
                    socket = try ProbeSocket(family: address.family, type: Int32(SOCK_STREAM.rawValue))
                } catch {
                    throw ProbeFailure.system(error, "socket")
                }
                let start = ContinuousClock.now
                try socket.connect(to: address, deadline: deadline)
                connectMs = ProbeDeadline.milliseconds(.now - start)
                return socket
            } catch {
                last = error
            }
        }
        throw last
    }
}
