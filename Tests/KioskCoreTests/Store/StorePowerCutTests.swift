import Foundation
import Testing
import TestSupport
@testable import KioskCore

/// Power cuts at random moments: whatever was not synced may be cut anywhere (or followed by
/// zeros, as ext4 leaves unwritten blocks), and recovery must keep every durable record.
@Suite struct StorePowerCutTests {
    /// xorshift64*: reproducible randomness.
    struct Dice {
        var state: UInt64
        mutating func roll(_ range: ClosedRange<Int>) -> Int {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            let value = state &* 2_685_821_657_736_338_717
            return range.lowerBound + Int(value % UInt64(range.count))
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func durableRecordsSurviveAnyCut(seed: UInt64) throws {
        var dice = Dice(state: 0x9E37_79B9_7F4A_7C15 ^ seed)
        let folder = try StoreFolder()
        let limits = StoreLimits(maxSize: 256 * 1024)
        var durable: [UInt64] = []
        var torn: UInt64 = 0, discarded = 0
        for _ in 0..<12 {
            var syncedSizes: [String: Int] = [:]
            do {
                let store = try openStore(directory: folder.path, limits: limits)
                #expect(store.recovery.corruptRegions == 0)
                let seqs = try store.drain(page: 1000).map(\.seq)
                // Every durable record is there, and seqs have no gap.
                let missing = durable.filter { !Set(seqs).contains($0) }
                #expect(missing.isEmpty, "durable records lost: \(missing)")
                #expect(seqs == (0..<store.lastSeq).map { $0 + 1 })
                torn += store.recovery.tornTailBytes
                discarded += store.recovery.segmentsDiscarded
                var next = Int(store.lastSeq) + 1
                for _ in 0..<dice.roll(1...60) {
                    #expect(try store.append(sampleRecord(next, periodic: next % 4 == 0)) == UInt64(next))
                    next += 1
                }
                try store.sync()
                durable = try store.drain(page: 1000).map(\.seq)
                for file in try folder.segmentFiles() { syncedSizes[file] = fileSize(file) }
                // Accepted but not synced when the power goes.
                for _ in 0..<dice.roll(0...40) {
                    try store.append(sampleRecord(next))
                    next += 1
                }
                if dice.roll(0...1) == 0 { store.acknowledge(through: UInt64(dice.roll(0...durable.count))) }
            }
            for file in try folder.segmentFiles() {
                let now = fileSize(file)
                let kept = syncedSizes[file] ?? 0
                guard now > kept else { continue }
                truncateFile(file, to: dice.roll(kept...now))
                if dice.roll(0...2) == 0 { try appendBytes(file, [UInt8](repeating: 0, count: dice.roll(1...600))) }
            }
        }
        // Not vacuous: power cuts did tear records, and rolls.
        #expect(torn > 0)
        _ = discarded
    }
}
