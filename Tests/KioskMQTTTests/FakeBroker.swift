import Foundation
import Synchronization
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A TCP listener on 127.0.0.1 that plays a broker mosquitto 2 cannot play.
///
/// - `.silent`: accepts TCP (the kernel does, from the backlog) and never answers, like a broker
///   behind a broken middlebox: the client must give up waiting for CONNACK.
/// - `.mqtt311Only`: an MQTT 3.1.1-only broker (mosquitto 1.x era): refuses an MQTT 5 CONNECT
///   with a 3.1.1 CONNACK "unacceptable protocol version", serves 3.1.1 well enough for presence.
/// - `.closesOnMQTT5`: a 3.1.1-only broker that closes the connection on an MQTT 5 CONNECT
///   without any CONNACK (RabbitMQ 3.10's MQTT plugin), and serves 3.1.1.
/// - `.garbageConnackOnMQTT5`: answers an MQTT 5 CONNECT with a CONNACK no MQTT 5 parser can
///   read (a remaining length that does not fit), and serves 3.1.1.
/// - `.closesEverything`: reads each CONNECT and closes the connection, whatever its version.
/// - `.mqtt5`: serves MQTT 5 (and 3.1.1) well enough for presence; `disconnectClients(reason:)`
///   ends each connection with a DISCONNECT carrying a reason code, as a broker may.
/// - `.garbageConnack`: answers every CONNECT, whatever its version, with an unreadable CONNACK.
/// - `.junkAfterConnack`: accepts the connection (3.1.1 or 5), then sends bytes that are no
///   MQTT packet.
final class FakeBroker: Sendable {
    enum Behaviour: Sendable {
        case silent
        case mqtt311Only
        case closesOnMQTT5
        case garbageConnackOnMQTT5
        case closesEverything
        case mqtt5
        case garbageConnack
        case junkAfterConnack
    }

    let port: UInt16
    private let listener: Int32
    private let seen = Mutex(Seen())
    private let stopped = Atomic<Bool>(false)
    private let behaviour: Behaviour
    /// The sockets of the clients being served, for `dropClients()`.
    private let clients = Mutex(Set<Int32>())
    /// `.mqtt5`: the reason code PUBACKs carry (0: success).
    private let pubackReason = Atomic<UInt8>(0)

    struct Seen: Sendable {
        /// The protocol level of each CONNECT: 5 for MQTT 5, 4 for 3.1.1.
        var protocolLevels: [UInt8] = []
        var publishedTopics: [String] = []
        var subscribed: [String] = []
    }

    init(_ behaviour: Behaviour) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(listener, 16) == 0 else {
            close(listener)
            throw TestFailure("fake broker cannot listen: \(String(cString: strerror(errno)))")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        self.listener = listener
        self.behaviour = behaviour
        if behaviour != .silent {
            Thread.detachNewThread { [self] in acceptLoop() }
        }
    }

    deinit {
        stopped.store(true, ordering: .relaxed)
        close(listener)
    }

    var observed: Seen { seen.withLock { $0 } }

    /// Sends every MQTT 5 client a DISCONNECT with `reason` (0x89 server busy, 0x8E session
    /// taken over, 0x98 administrative action…), then closes the connection.
    func disconnectClients(reason: UInt8) {
        clients.withLock { fds in
            for fd in fds {
                send(fd, [0xE0, 0x02, reason, 0x00])
                shutdown(fd, Int32(SHUT_RDWR))
            }
        }
    }

    /// `.mqtt5`: from now on every QoS 1 PUBLISH is answered with a PUBACK carrying `reason`
    /// (0x97 quota exceeded, 0x80 unspecified error…); 0 accepts them again.
    func answerPublishes(with reason: UInt8) {
        pubackReason.store(reason, ordering: .relaxed)
    }

    /// Ends every client's connection (TCP FIN, no DISCONNECT), as a broker restart would.
    func dropClients() {
        clients.withLock { fds in
            for fd in fds { shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    private func acceptLoop() {
        while !stopped.load(ordering: .relaxed) {
            var fd = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&fd, 1, 100) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            clients.withLock { _ = $0.insert(client) }
            Thread.detachNewThread { [self] in
                serve(client)
                clients.withLock { _ = $0.remove(client) }
                close(client)
            }
        }
    }

    /// Reads packets until the client leaves or the fake is gone.
    private func serve(_ fd: Int32) {
        var level: UInt8 = 0
        while !stopped.load(ordering: .relaxed) {
            guard let (header, body) = readPacket(fd) else { return }
            switch header >> 4 {
            case 1:  // CONNECT: protocol name (2 + 4 bytes), then the level
                level = body.count > 6 ? body[6] : 0
                seen.withLock { $0.protocolLevels.append(level) }
                switch behaviour {
                case .closesEverything: return
                case .garbageConnack:
                    send(fd, [0x20, 0x01, 0x00])  // too short for flags + reason
                    return
                case .mqtt5, .junkAfterConnack:
                    send(fd, level == 5 ? [0x20, 0x03, 0x00, 0x00, 0x00] : [0x20, 0x02, 0x00, 0x00])
                    if behaviour == .junkAfterConnack {
                        send(fd, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x13, 0x37])  // reserved type, bad length
                    }
                    continue
                default: break
                }
                if level != 4 {
                    switch behaviour {
                    case .closesOnMQTT5: break
                    case .garbageConnackOnMQTT5: send(fd, [0x20, 0x01, 0x00])  // too short for flags + reason
                    default: send(fd, [0x20, 0x02, 0x00, 0x01])  // 3.1.1: unacceptable protocol version
                    }
                    return
                }
                send(fd, [0x20, 0x02, 0x00, 0x00])
            case 8:  // SUBSCRIBE: message id, (MQTT 5: properties, here none), topic filters
                let at = level == 5 ? 3 : 2
                let topicLength = Int(body[at]) << 8 | Int(body[at + 1])
                let filter = String(decoding: body[(at + 2)..<(at + 2 + topicLength)], as: UTF8.self)
                seen.withLock { $0.subscribed.append(filter) }
                send(fd, level == 5 ? [0x90, 0x04, body[0], body[1], 0x00, 0x01] : [0x90, 0x03, body[0], body[1], 0x01])
            case 3:  // PUBLISH
                let topicLength = Int(body[0]) << 8 | Int(body[1])
                let topic = String(decoding: body[2..<(2 + topicLength)], as: UTF8.self)
                seen.withLock { $0.publishedTopics.append(topic) }
                if (header >> 1) & 0x03 == 1 {
                    let reason = pubackReason.load(ordering: .relaxed)
                    if level == 5 && reason != 0 {
                        send(fd, [0x40, 0x03, body[2 + topicLength], body[3 + topicLength], reason])
                    } else {
                        send(fd, [0x40, 0x02, body[2 + topicLength], body[3 + topicLength]])
                    }
                }
            case 12:  // PINGREQ
                send(fd, [0xD0, 0x00])
            case 14:  // DISCONNECT
                return
            default:
                continue
            }
        }
    }

    private func readPacket(_ fd: Int32) -> (UInt8, [UInt8])? {
        guard let header = readBytes(fd, 1)?.first else { return nil }
        var length = 0
        var multiplier = 1
        while true {
            guard let byte = readBytes(fd, 1)?.first else { return nil }
            length += Int(byte & 0x7F) * multiplier
            multiplier *= 128
            if byte & 0x80 == 0 { break }
        }
        guard let body = length == 0 ? [] : readBytes(fd, length) else { return nil }
        return (header, body)
    }

    private func readBytes(_ fd: Int32, _ count: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + got, count - got) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }
            got += n
        }
        return buffer
    }

    private func send(_ fd: Int32, _ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }
}
