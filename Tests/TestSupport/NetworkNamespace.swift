import Foundation

/// A network namespace of the test's own joined to the host by a veth pair: a real link the
/// test can take down and up. Needs root and iproute2 (`ip`), as CI has.
///
/// Host side `hostInterface` has `hostAddress`; inside, `innerInterface` has `innerAddress`
/// and a default route via the host side, which plays the kiosk's router.
public final class NetworkNamespace: @unchecked Sendable {
    // @unchecked: a test drives one namespace from one task; its fields never change.
    public let name: String
    public let hostInterface: String
    public let innerInterface: String
    public let hostAddress: String
    public let innerAddress: String

    public init() throws {
        let tag = String(UUID().uuidString.prefix(6)).lowercased()
        let octet = Int.random(in: 1...250)
        name = "kt-\(tag)"
        hostInterface = "kh\(tag)"
        innerInterface = "kn\(tag)"
        hostAddress = "10.213.\(octet).1"
        innerAddress = "10.213.\(octet).2"
        try ip(["netns", "add", name])
        do {
            try ip(["link", "add", hostInterface, "type", "veth", "peer", "name", innerInterface])
            try ip(["link", "set", innerInterface, "netns", name])
            try ip(["addr", "add", "\(hostAddress)/30", "dev", hostInterface])
            try ip(["link", "set", hostInterface, "up"])
            try inside(["ip", "addr", "add", "\(innerAddress)/30", "dev", innerInterface])
            try inside(["ip", "link", "set", innerInterface, "up"])
            try inside(["ip", "link", "set", "lo", "up"])
            try inside(["ip", "route", "add", "default", "via", hostAddress])
        } catch {
            _ = try? ip(["netns", "del", name])
            _ = try? ip(["link", "del", hostInterface])
            throw error
        }
    }

    deinit {
        _ = try? ip(["link", "del", hostInterface])
        _ = try? ip(["netns", "del", name])
    }

    /// Cuts the link for real: the inner side loses its carrier.
    public func linkDown() throws { try ip(["link", "set", hostInterface, "down"]) }
    public func linkUp() throws { try ip(["link", "set", hostInterface, "up"]) }

    /// Runs a command inside the namespace.
    @discardableResult
    public func inside(_ command: [String]) throws -> CommandResult {
        try ip(["netns", "exec", name] + command)
    }

    /// The arguments that run `command` inside the namespace (for a long-running Process).
    public func wrap(_ command: [String]) -> (executable: String, arguments: [String]) {
        (Self.ipPath, ["netns", "exec", name] + command)
    }

    static let ipPath = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "ip"

    @discardableResult
    private func ip(_ arguments: [String]) throws -> CommandResult {
        guard FileManager.default.isExecutableFile(atPath: Self.ipPath) else {
            throw TestFailure("ip not found: apt-get install iproute2")
        }
        let result = try runCommand(Self.ipPath, arguments)
        guard result.status == 0 else {
            throw TestFailure("ip \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr) — network namespaces need root")
        }
        return result
    }
}
