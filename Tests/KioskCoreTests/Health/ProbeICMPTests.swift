import Foundation
import Testing
import TestSupport
@testable import KioskCore

/// Echoes to loopback with real ICMP sockets. The tests run as root (as CI does): raw sockets
/// work in the host's namespace; the datagram-socket tests run on a thread moved into a
/// network namespace of its own, whose `net.ipv4.ping_group_range` they set.
@Suite struct ProbeICMPTests {
    @Test func everyEchoToLoopbackIsAnswered() throws {
        try requireRoot()
        let result = ICMPProbe(name: "gateway", host: "127.0.0.1", layer: .gateway).measure(timeout: .seconds(2))
        #expect(result.ok, "\(result.detail ?? "")")
        #expect(result.type == "icmp" && result.layer == .gateway && result.target == "127.0.0.1")
        #expect(result.sent == 3 && result.received == 3)
        #expect(result.rttMs.count == 3 && result.rttMs.allSatisfy { $0 >= 0 && $0 < 1000 })
        #expect(result.detail == nil)
        // Three echoes 200 ms apart: the round takes about 400 ms, not the whole timeout.
        #expect(result.durationMs >= 400 && result.durationMs < 1500)
    }

    @Test func aRawSocketMatchesItsOwnReplies() throws {
        try requireRoot()
        // Two raw pingers at once see each other's replies; each must count only its own.
        let probe = ICMPProbe(name: "gw", host: "127.0.0.1", layer: .gateway, count: 5, interval: .milliseconds(20), socket: .raw)
        let results = ProbeRunner.run([probe, probe], timeout: .seconds(2))
        for result in results {
            #expect(result.ok, "\(result.detail ?? "")")
            #expect(result.sent == 5 && result.received == 5)
        }
    }

    @Test func aDatagramSocketWorksWhenPingGroupRangeAllowsIt() throws {
        let result = try inFreshNetworkNamespace {
            try writeSysctl("/proc/sys/net/ipv4/ping_group_range", "0 2147483647")
            return ICMPProbe(name: "gw", host: "127.0.0.1", layer: .gateway, socket: .datagram).measure(timeout: .seconds(2))
        }
        #expect(result.ok, "\(result.detail ?? "")")
        #expect(result.sent == 3 && result.received == 3)
    }

    @Test func aDatagramSocketWorksForIPv6() throws {
        let result = try inFreshNetworkNamespace {
            guard (try? String(contentsOfFile: "/proc/net/if_inet6", encoding: .utf8))?.contains("lo") == true else {
                throw TestFailure("IPv6 is disabled on this machine: this test pings ::1")
            }
            try writeSysctl("/proc/sys/net/ipv4/ping_group_range", "0 2147483647")
            return ICMPProbe(name: "gw6", host: "::1", layer: .gateway, socket: .datagram).measure(timeout: .seconds(2))
        }
        #expect(result.ok, "\(result.detail ?? "")")
        #expect(result.sent == 3 && result.received == 3)
    }

    @Test func withoutPermissionTheDetailSaysHowToFixIt() throws {
        // A fresh namespace's ping_group_range is "1 0": nobody, not even root, may open one.
        let result = try inFreshNetworkNamespace {
            ICMPProbe(name: "gw", host: "127.0.0.1", layer: .gateway, socket: .datagram).measure(timeout: .seconds(2))
        }
        #expect(!result.ok)
        #expect(result.isUntested)
        #expect(result.detail == "unprivileged ICMP not allowed: sysctl -w net.ipv4.ping_group_range='0 2147483647' or give kioskd CAP_NET_RAW")
        #expect(result.sent == 0 && result.received == 0)
    }

    @Test func anUnprivilegedUserWithNeitherSocketGetsTheFix() async throws {
        try requireRoot()
        // In a child process (it changes user for good): a fresh namespace keeps the host's
        // ping_group_range out of it, then the process becomes nobody, without CAP_NET_RAW.
        let child = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
            guard unshareThread(cloneNewNet) == 0, setgroups(0, nil) == 0, setgid(65534) == 0, setuid(65534) == 0 else {
                print("could not drop to nobody in a new namespace: \(Errno.current)")
                exit(2)
            }
            let result = ICMPProbe(name: "gw", host: "127.0.0.1", layer: .gateway).measure(timeout: .seconds(1))
            let fix = "unprivileged ICMP not allowed: sysctl -w net.ipv4.ping_group_range='0 2147483647' or give kioskd CAP_NET_RAW"
            print("detail: \(result.detail ?? "none")")
            exit(!result.ok && result.isUntested && result.detail == fix ? 0 : 1)
        }
        if let child, child.exitStatus != .exitCode(0) {
            Issue.record("the child said: \(String(decoding: child.standardOutputContent, as: UTF8.self))")
        }
    }

    @Test func noRouteMeansNetworkUnreachable() throws {
        try requireRoot()
        // The fresh namespace has only lo, so 192.0.2.1 (TEST-NET-1) has no route.
        let result = try inFreshNetworkNamespace {
            ICMPProbe(name: "internet", host: "192.0.2.1", layer: .internet, socket: .raw).measure(timeout: .seconds(1))
        }
        #expect(!result.ok)
        #expect(result.detail == "network is unreachable")
        #expect(result.sent == 3 && result.received == 0)
    }

    @Test func unansweredEchoesTimeOut() throws {
        try requireRoot()
        let result = try inFreshNetworkNamespace {
            try writeSysctl("/proc/sys/net/ipv4/icmp_echo_ignore_all", "1")
            return ICMPProbe(name: "gw", host: "127.0.0.1", layer: .gateway, timeout: .milliseconds(500), socket: .raw).measure(timeout: .seconds(5))
        }
        #expect(!result.ok)
        #expect(result.detail == "no reply to 3 echoes within 500ms")
        #expect(result.sent == 3 && result.received == 0 && result.loss == 1)
        #expect(result.durationMs >= 500 && result.durationMs < 1500)
    }

    @Test func theChecksumIsRFC1071() {
        // RFC 1071 section 3's example: the sum is 0xDDF2, so the checksum is its complement.
        #expect(ICMPEcho.checksum([0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7]) == 0x220D)
        let request = ICMPEcho.request(ipv6: false, id: 0x1234, sequence: 7)
        #expect(ICMPEcho.checksum(request) == 0)  // a packet with its checksum sums to zero
        #expect(request.prefix(8) == [8, 0, request[2], request[3], 0x12, 0x34, 0, 7])
    }

    private func requireRoot() throws {
        if getuid() != 0 { throw TestFailure("this test needs root (raw ICMP sockets and network namespaces); CI runs tests as root") }
    }
}
