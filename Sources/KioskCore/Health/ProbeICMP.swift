#if canImport(Glibc)
import Glibc
#endif

/// The `gateway` or `internet` layer by ping: several echoes per round, so one lost packet
/// shows as loss, not as an outage. A layer works when at least one echo is answered.
///
/// Socket: an unprivileged ICMP datagram socket first (needs the process's group in
/// `net.ipv4.ping_group_range`, which Debian leaves at `1 0`: nobody), then a raw socket
/// (root or CAP_NET_RAW). With neither, the measurement is `untested` — a kiosk that may not
/// ping is not offline — and its detail says how to allow one.
public struct ICMPProbe: HealthProbe {
    /// Which socket kinds to try: `automatic` is datagram, then raw.
    public enum SocketChoice: String, Sendable {
        case automatic, datagram, raw
    }

    public var name: String
    public var host: String
    public var layer: HealthLayer
    public var count: Int
    public var interval: Duration
    /// The probe's own timeout; nil means the round's.
    public var timeout: Duration?
    public var socket: SocketChoice
    public var type: String { "icmp" }
    public var target: String { host }

    public init(
        name: String, host: String, layer: HealthLayer, count: Int = 3, interval: Duration = .milliseconds(200),
        timeout: Duration? = nil, socket: SocketChoice = .automatic
    ) {
        self.name = name
        self.host = host
        self.layer = layer
        self.count = max(1, count)
        self.interval = interval
        self.timeout = timeout
        self.socket = socket
    }

    /// `sent` counts echoes sent (all `count` when sending failed outright, none when no socket
    /// could be opened); `rttMs` has one round-trip time per answered echo.
    public func measure(timeout round: Duration) -> ProbeMeasurement {
        let deadline = ProbeDeadline(timeout: ProbeDeadline.effective(round, own: timeout))
        var result = ProbeMeasurement(name: name, type: type, target: host, layer: layer, ok: false, sent: 0)
        do throws(ProbeFailure) {
            let address: ProbeAddress
            switch SystemResolver.resolve(host, port: 0, socketType: Int32(SOCK_RAW.rawValue), deadline: deadline) {
            case .success(let found): address = found.first { !$0.isIPv6 } ?? found[0]
            case .failure(let failure): throw ProbeFailure("resolving \(host): \(failure.detail)")
            }
            let order: [ICMPChannel.Kind] = switch socket {
            case .automatic: [.datagram, .raw]
            case .datagram: [.datagram]
            case .raw: [.raw]
            }
            let channel = try ICMPChannel(ipv6: address.isIPv6, order: order)
            var round = EchoRound(count: count, deadline: deadline, spacing: spacing(for: deadline.timeout))
            round.run(channel, to: address)
            result.sent = round.sent
            result.received = round.rtts.count
            result.rttMs = round.rtts
            result.ok = !round.rtts.isEmpty
            // A noted error ("network is unreachable") explains a silent round, not a lossy one.
            result.detail = round.rtts.isEmpty ? (round.failure?.detail ?? round.summary) : round.summary
        } catch {
            result.detail = error.detail
            result.untested = error.untestable ? true : nil
        }
        result.durationMs = deadline.elapsedMs
        return result
    }

    /// The configured interval, squeezed so that the last echo leaves in the first half of the
    /// timeout and still has time to come back.
    private func spacing(for timeout: Duration) -> Duration {
        guard count > 1 else { return .zero }
        return min(interval, timeout / (2 * count))
    }
}

/// One round of echoes on one socket: send `count` requests `spacing` apart, collect replies
/// until all are answered or the deadline passes.
private struct EchoRound {
    let count: Int
    let deadline: ProbeDeadline
    let spacing: Duration
    let id = UInt16.random(in: 1 ... .max)
    let firstSequence = UInt16.random(in: .min ... .max)
    var sentAt: [UInt16: ContinuousClock.Instant] = [:]
    var answered: Set<UInt16> = []
    var rtts: [Double] = []
    var sent = 0
    var failure: ProbeFailure?

    mutating func run(_ channel: borrowing ICMPChannel, to address: ProbeAddress) {
        for index in 0..<count {
            collect(channel, from: address, until: min(deadline.start + spacing * index, deadline.end), stopWhenAnswered: false)
            if deadline.expired { break }
            let sequence = firstSequence &+ UInt16(truncatingIfNeeded: index)
            do throws(Errno) {
                try channel.socket.send(ICMPEcho.request(ipv6: channel.ipv6, id: id, sequence: sequence), to: address)
                sentAt[sequence] = .now
                sent += 1
            } catch {
                // "network is unreachable", "no route to host": the rest would fail the same way.
                failure = .system(error)
                sent = count
                break
            }
        }
        collect(channel, from: address, until: deadline.end, stopWhenAnswered: true)
    }

    /// Words for a round that ran: nil when every echo came back.
    var summary: String? {
        if rtts.count == sent { return nil }
        if rtts.isEmpty { return "no reply to \(sent) echo\(sent == 1 ? "" : "es") within \(ConfigValue.format(deadline.timeout))" }
        return "\(sent - rtts.count) of \(sent) echoes lost"
    }

    private mutating func collect(
        _ channel: borrowing ICMPChannel, from address: ProbeAddress, until instant: ContinuousClock.Instant, stopWhenAnswered: Bool
    ) {
        var errors = 0
        while !(stopWhenAnswered && answered.count == sentAt.count) {
            let packet: (bytes: [UInt8], from: ProbeAddress?)?
            do throws(Errno) {
                packet = try channel.socket.receive(maxLength: 1500, until: instant)
            } catch {
                // An ICMP error queued on the socket (host unreachable) is reported once: note
                // it and keep listening. One that keeps coming back would only spin.
                failure = .system(error)
                errors += 1
                if errors >= 8 { return }
                continue
            }
            guard let packet else { return }
            guard let from = packet.from, from.sameHost(as: address),
                let sequence = channel.matches(packet.bytes, id: id), let departed = sentAt[sequence],
                answered.insert(sequence).inserted  // a duplicate reply counts once
            else { continue }
            rtts.append(ProbeDeadline.milliseconds(.now - departed))
        }
    }
}
