import Testing
@testable import KioskCore

/// The link probe against a sysfs laid out in a temporary folder, as the kernel lays out
/// `/sys/class/net`, and against the real loopback interface.
@Suite struct ProbeLinkTests {
    func probe(_ interface: String, in scratch: borrowing ProbeScratch) -> ProbeMeasurement {
        LinkProbe(interface: interface, sysfs: scratch.path + "/net", wireless: scratch.path + "/wireless").measure(timeout: .seconds(1))
    }

    @Test func anInterfaceThatIsUpWithCarrierWorks() throws {
        let scratch = try ProbeScratch()
        try scratch.file("net/eth0/operstate", "up\n")
        try scratch.file("net/eth0/carrier", "1\n")
        let result = probe("eth0", in: scratch)
        #expect(result.ok)
        #expect(result.name == "link" && result.type == "link" && result.target == "eth0" && result.layer == .link)
        #expect(result.link == LinkInfo(interface: "eth0", operstate: "up", carrier: true, signalDBm: nil))
        #expect(result.detail == nil)
        #expect(result.sent == 1 && result.received == 1)
    }

    @Test func aCableOutIsNoCarrier() throws {
        let scratch = try ProbeScratch()
        try scratch.file("net/eth0/operstate", "down\n")
        try scratch.file("net/eth0/carrier", "0\n")
        let result = probe("eth0", in: scratch)
        #expect(!result.ok)
        #expect(result.detail == "no carrier")
        #expect(result.link?.carrier == false)
        #expect(result.received == 0)
    }

    @Test func anAdministrativelyDownInterfaceSaysHowToBringItUp() throws {
        // The kernel refuses to read `carrier` then; here the file is simply absent.
        let scratch = try ProbeScratch()
        try scratch.file("net/eth0/operstate", "down\n")
        let result = probe("eth0", in: scratch)
        #expect(!result.ok)
        #expect(result.link?.carrier == nil)
        #expect(result.detail == "interface is down (administratively: ip link set eth0 up)")
    }

    @Test func aWiFiLinkReportsItsSignal() throws {
        let scratch = try ProbeScratch()
        try scratch.file("net/wlan0/operstate", "up\n")
        try scratch.file("net/wlan0/carrier", "1\n")
        try scratch.file("wireless", """
            Inter-| sta-|   Quality        |   Discarded packets               | Missed | WE
             face | tus | link level noise |  nwid  crypt   frag  retry   misc | beacon | 22
             wlan0: 0000   54.  -56.  -256        0      0      0      0      0        0

            """)
        let result = probe("wlan0", in: scratch)
        #expect(result.ok)
        #expect(result.link?.signalDBm == -56)
    }

    @Test func aDormantWiFiIsNotAssociated() throws {
        let scratch = try ProbeScratch()
        try scratch.file("net/wlan0/operstate", "dormant\n")
        try scratch.file("net/wlan0/carrier", "1\n")
        let result = probe("wlan0", in: scratch)
        #expect(!result.ok)
        #expect(result.detail == "interface is dormant (Wi-Fi not associated or authentication pending)")
    }

    @Test func anUnknownStateWithCarrierWorks() throws {
        // ppp, tun and several USB modems never say "up".
        let scratch = try ProbeScratch()
        try scratch.file("net/ppp0/operstate", "unknown\n")
        try scratch.file("net/ppp0/carrier", "1\n")
        #expect(probe("ppp0", in: scratch).ok)
    }

    @Test func aMissingInterfaceSaysSo() throws {
        let scratch = try ProbeScratch()
        try scratch.file("net/eth0/operstate", "up\n")
        let result = probe("eth9", in: scratch)
        #expect(!result.ok)
        #expect(result.detail == "no interface eth9 in \(scratch.path)/net")
        #expect(result.link == nil)
    }

    @Test func theRealLoopbackIsUp() {
        let result = LinkProbe(interface: "lo").measure(timeout: .seconds(1))
        #expect(result.ok, "\(result.detail ?? "")")
        #expect(result.link?.operstate == "unknown")
        #expect(result.link?.carrier == true)
    }

    @Test func oldDriversSignalAsAnUnsignedByte() throws {
        let scratch = try ProbeScratch()
        let file = try scratch.file("wireless", "h1\nh2\n  wlan1: 0000   40.  186.  0 0 0 0 0 0 0\n")
        #expect(LinkProbe.signal(of: "wlan1", in: file) == -70)
        #expect(LinkProbe.signal(of: "wlan0", in: file) == nil)
    }
}
