import Testing
import TestSupport
@testable import KioskCore

@Suite struct StoreCRC32CTests {
    @Test(arguments: [
        (Array("123456789".utf8), UInt32(0xE306_9283)),
        ([UInt8](), UInt32(0)),
        ([UInt8](repeating: 0, count: 32), UInt32(0x8A91_36AA)),
        ([UInt8](repeating: 0xFF, count: 32), UInt32(0x62A8_AB43)),
        ((0..<32).map { UInt8($0) }, UInt32(0x46DD_794E)),
        ((0..<32).reversed().map { UInt8($0) }, UInt32(0x113F_DB5C)),
    ] as [([UInt8], UInt32)])
    func knownVectors(bytes: [UInt8], expected: UInt32) {
        #expect(CRC32C.checksum(bytes) == expected)
    }

    @Test func piecesGiveTheSameChecksumAsTheWhole() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let whole = CRC32C.checksum(bytes)
        for cut in [0, 1, 7, 8, 9, 500, 999, 1000] {
            let first = CRC32C.checksum(bytes[..<cut])
            #expect(CRC32C.checksum(bytes[cut...], continuing: first) == whole)
        }
    }

    @Test func unalignedStartsAgreeWithBytewise() {
        let bytes = (0..<100).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        for start in 0..<9 {
            let slice = Array(bytes[start...])
            var crc: UInt32 = 0
            for byte in slice { crc = CRC32C.checksum([byte], continuing: crc) }
            #expect(CRC32C.checksum(bytes[start...]) == crc)
        }
    }
}
