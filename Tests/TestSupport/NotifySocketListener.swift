import Foundation
import KioskCore

/// A NOTIFY_SOCKET of the test's own: a Unix datagram socket that records what kioskd sends,
/// exactly as systemd would receive it.
public final class NotifySocketListener: @unchecked Sendable {
    // @unchecked: the fd is only read through `receive`, called from one test at a time.
    public let path: String
    private let fd: Int32
    public private(set) var messages: [(at: Date, text: String)] = []

    public init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString.prefix(8)).sock").path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0, var address = UnixAddress(path: path) else { throw TestFailure("cannot create a datagram socket") }
        let rc = address.withSockaddr { bind(fd, $0, $1) }
        guard rc == 0 else { throw TestFailure("cannot bind \(path): \(Errno.current)") }
    }

    deinit {
        close(fd)
        unlink(path)
    }

    /// Reads every datagram that has arrived, waiting up to `timeout` for the first.
    @discardableResult
    public func receive(timeout: TimeInterval = 0.1) -> [String] {
        var got: [String] = []
        var wait = Int32(timeout * 1000)
        while true {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, wait) > 0 else { break }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = recv(fd, &buffer, buffer.count, 0)
            guard n > 0 else { break }
            let text = String(decoding: buffer[..<n], as: UTF8.self)
            messages.append((Date(), text))
            got.append(text)
            wait = 0
        }
        return got
    }

    /// Waits until some message holds `line` (e.g. `READY=1`); returns whether one did.
    public func waitFor(_ line: String, timeout: TimeInterval = 10) -> Bool {
        waitUntil(timeout: timeout, every: 0.01) {
            receive(timeout: 0.05)
            return messages.contains { $0.text.split(separator: "\n").contains(Substring(line)) }
        }
    }

    public func count(_ line: String) -> Int {
        messages.filter { $0.text.split(separator: "\n").contains(Substring(line)) }.count
    }
}
