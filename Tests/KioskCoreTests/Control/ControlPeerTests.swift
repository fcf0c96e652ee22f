import Foundation
import Testing
@testable import KioskCore

/// Who is at the other end of a control connection, from the kernel (no /proc: kioskd.service
/// hides other users' processes with ProtectProc=invisible).
@Suite struct ControlPeerTests {
    @Test func supplementaryGroupsComeFromTheSocketItself() throws {
        var ends: [Int32] = [-1, -1]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        var own = [gid_t](repeating: 0, count: 1024)
        let count = getgroups(Int32(own.count), &own)
        #expect(count >= 0)
        let expected = Array(own.prefix(Int(count))).sorted()
        #expect(ControlPeer.peerGroups(of: ends[0])?.sorted() == expected)
        let peer = try #require(ControlPeer.of(socket: ends[0]))
        #expect(peer.pid == getpid())
        #expect(peer.groups.sorted() == expected)
    }

    @Test func aSocketThatIsNotConnectedHasNoPeerGroups() {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        #expect(ControlPeer.peerGroups(of: fd) == nil)
    }
}
