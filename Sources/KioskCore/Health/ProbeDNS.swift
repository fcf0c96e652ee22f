#if canImport(Glibc)
import Glibc
#endif

/// The `dns` layer: can a name be resolved, and how long does it take?
///
/// Two ways, because they fail differently on a kiosk:
/// - no server: the system resolver (getaddrinfo), exactly what kioskd itself uses to reach the
///   broker. It cannot be timed out, so it runs on a helper thread that the probe stops waiting
///   for at its deadline (see `SystemResolver`).
/// - a server `IP[:port]` (port 53 by default): one A query over UDP, built and read here, so a
///   technician sees which server failed and how: NXDOMAIN, SERVFAIL, REFUSED, or silence.
public struct DNSProbe: HealthProbe {
    public var name: String
    public var query: String
    public var server: String?
    /// The probe's own timeout; nil means the round's.
    public var timeout: Duration?
    public var layer: HealthLayer { .dns }
    public var type: String { "dns" }
    /// `query`, or `query@server` as in the configuration.
    public var target: String { server.map { "\(query)@\($0)" } ?? query }

    public init(name: String, query: String, server: String? = nil, timeout: Duration? = nil) {
        self.name = name
        self.query = query
        self.server = server
        self.timeout = timeout
    }

    public func measure(timeout round: Duration) -> ProbeMeasurement {
        let deadline = ProbeDeadline(timeout: ProbeDeadline.effective(round, own: timeout))
        var result = ProbeMeasurement(name: name, type: type, target: target, layer: .dns, ok: false)
        if let server {
            askServer(server, deadline: deadline, into: &result)
        } else {
            switch SystemResolver.resolve(query, port: 0, socketType: Int32(SOCK_STREAM.rawValue), deadline: deadline) {
            case .success(let addresses):
                result.ok = true
                result.received = 1
                result.rttMs = [deadline.elapsedMs]
                result.addresses = addresses.map(\.description)
            case .failure(let failure):
                result.detail = failure.detail
            }
        }
        result.durationMs = deadline.elapsedMs
        return result
    }

    /// One A query to `server`; answers with another id or question are ignored (late answers
    /// to an earlier round, or spoofing) and the probe keeps listening until its deadline.
    private func askServer(_ server: String, deadline: ProbeDeadline, into result: inout ProbeMeasurement) {
        guard let hostPort = ProbeHostPort(server),
            let address = ProbeAddress(literal: hostPort.host, port: hostPort.port ?? 53)
        else {
            result.detail = "DNS server \"\(server)\" is not an IP address with an optional port"
            return
        }
        let id = UInt16.random(in: .min ... .max)
        guard let message = DNSMessage.query(id: id, name: query) else {
            result.detail = "\"\(query)\" is not a valid host name"
            return
        }
        let question = (query.hasSuffix(".") ? String(query.dropLast()) : query).lowercased()
        let endpoint = "\(address.withPort)/udp"
        do throws(ProbeFailure) {
            let socket: ProbeSocket
            do throws(Errno) {
                socket = try ProbeSocket(family: address.family, type: Int32(SOCK_DGRAM.rawValue))
            } catch {
                throw ProbeFailure.system(error, "socket")
            }
            // Connected, so the kernel drops datagrams from anyone else and turns an ICMP port
            // unreachable into ECONNREFUSED.
            try socket.connect(to: address, deadline: deadline)
            let sentAt = ContinuousClock.now
            try socket.sendAll(message, deadline: deadline)
            while true {
                let datagram: (bytes: [UInt8], from: ProbeAddress?)?
                do throws(Errno) {
                    datagram = try socket.receive(maxLength: 4096, until: deadline.end)
                } catch {
                    throw error.rawValue == ECONNREFUSED
                        ? ProbeFailure("connection refused: nothing answers DNS on \(endpoint)")
                        : ProbeFailure.system(error, endpoint)
                }
                guard let datagram else { throw ProbeFailure("no answer from \(endpoint): timed out after \(ConfigValue.format(deadline.timeout))") }
                guard let answer = DNSMessage.parse(datagram.bytes), answer.id == id, answer.question == question else { continue }
                result.received = 1
                result.rttMs = [ProbeDeadline.milliseconds(.now - sentAt)]
                result.addresses = answer.addresses
                if answer.rcode != 0 {
                    result.detail = "\(DNSMessage.rcodeName(answer.rcode)) from \(address.withPort)"
                } else if answer.addresses.isEmpty && !answer.truncated {
                    result.detail = "no A record for \(query) (NOERROR with an empty answer) from \(address.withPort)"
                } else {
                    result.ok = true
                }
                return
            }
        } catch {
            result.detail = error.detail
        }
    }
}
