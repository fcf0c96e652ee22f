import KioskCore
import Testing

@Suite struct KernelClockTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (Int64(1_795_436_677_123), "2026-11-23T12:24:37.123Z"),
        (Int64(951_782_400_005), "2000-02-29T00:00:00.005Z"),
        (Int64(-1), "1969-12-31T23:59:59.999Z"),
    ])
    func rfc3339IsUTCWithMilliseconds(milliseconds: Int64, expected: String) {
        #expect(KernelClock.rfc3339(milliseconds: milliseconds) == expected)
    }

    @Test func bootIDIsTheKernels() throws {
        let kernel = try String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)
        #expect(KernelClock.bootID == kernel.trimmed)
        #expect(KernelClock.bootID.count == 36)
    }

    @Test func monotonicTimeNeverGoesBack() {
        let a = KernelClock.monotonicMilliseconds()
        let b = KernelClock.monotonicMilliseconds()
        #expect(a > 0)
        #expect(b >= a)
    }
}
