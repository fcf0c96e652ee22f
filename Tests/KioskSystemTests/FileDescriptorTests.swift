import Foundation
import KioskSystem
import Testing

/// The owning descriptor closes once: a second close must not close a number the kernel has
/// handed out again (the control server used to guard with fcntl(F_GETFD), which cannot tell).
@Suite struct FileDescriptorTests {
    @Test func aSecondCloseLeavesAReusedNumberOpen() throws {
        let null = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { close(null) }
        // Numbers from 900 up, which the other tests running beside this one do not reach.
        let owned = FileDescriptor(fcntl(null, F_DUPFD_CLOEXEC, 900))
        let number = owned.rawValue
        try #require(number >= 900)
        owned.close()
        let reused = fcntl(null, F_DUPFD_CLOEXEC, number)
        defer { close(reused) }
        try #require(reused == number, "the kernel hands out the lowest free number again")
        owned.close()
        #expect(fcntl(reused, F_GETFD) != -1, "the second close closed another file's descriptor")
        #expect(owned.isClosed)
    }
}
