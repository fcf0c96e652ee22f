import KioskCore
import Testing

@Suite struct HostEnvironmentTests {
    @Test(arguments: [
        ("kiosk-01", "kiosk-01"),
        ("Kiosk_01.lan", "kiosk-01"),
        ("-x-", "x"),
        ("__", "kiosk"),
        ("Nhà Văn Hóa", "nh-v-n-h-a"),
        (String(repeating: "a", count: 62) + "_b", String(repeating: "a", count: 62)),
    ])
    func hostNamesBecomeValidDeviceIDs(hostname: String, expected: String) {
        #expect(HostEnvironment(hostname: hostname, isRoot: true, home: "/").deviceID == expected)
    }

    @Test func rootAndUsersHaveTheirOwnFolders() {
        let root = HostEnvironment(hostname: "k", isRoot: true, home: "/root")
        #expect(root.stateDirectory == "/var/lib/kioskd")
        #expect(root.controlSocket == "/run/kioskd/control.sock")
        let user = HostEnvironment(hostname: "k", isRoot: false, home: "/home/an", runtimeDir: "/run/user/1000", uid: 1000)
        #expect(user.stateDirectory == "/home/an/.local/state/kioskd")
        #expect(user.controlSocket == "/run/user/1000/kioskd/control.sock")
        let bare = HostEnvironment(hostname: "k", isRoot: false, home: "/home/an", stateHome: "/st", uid: 1000)
        #expect(bare.stateDirectory == "/st/kioskd")
        #expect(bare.controlSocket == "/tmp/kioskd-1000/control.sock")
    }
}
