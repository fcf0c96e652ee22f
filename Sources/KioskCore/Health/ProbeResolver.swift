#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization

/// The system resolver (getaddrinfo: /etc/hosts, nsswitch, resolv.conf, systemd-resolved),
/// waited for no longer than a probe's deadline.
///
/// getaddrinfo cannot be interrupted or given a timeout. Each lookup therefore runs on a thread
/// of its own and the probe stops waiting at its deadline; the thread finishes by itself later
/// (glibc gives up after resolv.conf's `timeout` × `attempts`, 10 s by default) and its answer
/// is thrown away. While DNS is down such threads could pile up round after round, so at most
/// `maxRunning` lookups run at once; beyond that a lookup fails at once and says why.
enum SystemResolver {
    static let maxRunning = 16
    private static let running = Atomic<Int>(0)

    /// The addresses of `host` with `port` set; an address literal needs no lookup.
    /// `socketType` (SOCK_STREAM, SOCK_DGRAM) keeps getaddrinfo from listing each address once
    /// per socket type.
    /// `lookUp` is getaddrinfo; a test hands in a stand-in that blocks, to see the wait end.
    static func resolve(
        _ host: String, port: UInt16, socketType: Int32, deadline: ProbeDeadline,
        lookUp: @escaping @Sendable (String, UInt16, Int32) -> Result<[ProbeAddress], ProbeFailure> = addresses
    ) -> Result<[ProbeAddress], ProbeFailure> {
        if let literal = ProbeAddress(literal: host, port: port) { return .success([literal]) }
        let (count, _) = running.add(1, ordering: .relaxed)
        if count > maxRunning {
            running.subtract(1, ordering: .relaxed)
            return .failure(ProbeFailure("system resolver busy: \(maxRunning) earlier lookups are still waiting for an answer"))
        }
        let lookup = Lookup()
        do {
            try SystemThread.start("kioskd-resolve", stackSize: 512 * 1024) {
                lookup.finish(lookUp(host, port, socketType))
                running.subtract(1, ordering: .relaxed)
            }
        } catch {
            running.subtract(1, ordering: .relaxed)
            return .failure(ProbeFailure("could not start a thread for the system resolver"))
        }
        _ = lookup.done.wait(timeout: .now() + .milliseconds(Int(clamping: deadline.pollMilliseconds)))
        return lookup.result.withLock { $0 } ?? .failure(.timedOut(after: deadline.timeout))
    }

    /// One lookup's answer, handed from its thread to whoever still waits for it.
    private final class Lookup: Sendable {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Result<[ProbeAddress], ProbeFailure>?>(nil)

        func finish(_ answer: Result<[ProbeAddress], ProbeFailure>) {
            result.withLock { $0 = answer }
            done.signal()
        }
    }

    /// getaddrinfo itself: blocks for as long as the resolver takes.
    static func addresses(_ host: String, port: UInt16, socketType: Int32) -> Result<[ProbeAddress], ProbeFailure> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = socketType
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        if status != 0 {
            if status == EAI_SYSTEM { return .failure(.system(Errno.current)) }
            return .failure(ProbeFailure(ProbeFailure.lowercasedFirst(String(cString: gai_strerror(status)))))
        }
        defer { freeaddrinfo(list) }
        var addresses: [ProbeAddress] = []
        var entry = list
        while let info = entry?.pointee {
            if let raw = info.ai_addr, let address = ProbeAddress(UnsafeRawPointer(raw), length: Int(info.ai_addrlen)) {
                let withPort = address.with(port: port)
                if !addresses.contains(withPort) { addresses.append(withPort) }
            }
            entry = info.ai_next
        }
        if addresses.isEmpty { return .failure(ProbeFailure("no IPv4 or IPv6 address")) }
        return .success(addresses)
    }
}
