import Foundation
import Testing
import TestSupport
@testable import KioskCore

/// A full file system, for real: a 128 KiB tmpfs (mounting it needs root, as CI runs the tests).
final class TinyFileSystem {
    let path: String

    init?() {
        guard getuid() == 0 else { return nil }
        path = FileManager.default.temporaryDirectory.path + "/kioskd-tmpfs-" + UUID().uuidString
        guard mkdir(path, 0o700) == 0 else { return nil }
        guard mount("tmpfs", path, "tmpfs", 0, "size=128k") == 0 else {
            rmdir(path)
            return nil
        }
    }

    deinit {
        umount2(path, Int32(MNT_DETACH))
        rmdir(path)
    }
}

@Suite struct StoreNoSpaceTests {
    @Test func aFullDiskIsAClearErrorAndLosesNothingDurable() throws {
        let disk = try #require(TinyFileSystem(), "cannot mount a 128 KiB tmpfs: this test needs root (mount -t tmpfs)")
        let directory = disk.path + "/store"
        var durable: UInt64 = 0
        var failure: StoreError?
        do {
            // The cap is larger than the file system: the disk fills first.
            let store = try openStore(directory: directory, limits: StoreLimits(maxSize: 1024 * 1024))
            for n in 1...5000 {
                do throws(StoreError) {
                    try store.append(sampleRecord(n, padding: 40))
                    if n % 10 == 0 {
                        try store.sync()
                        durable = store.durableSeq
                    }
                } catch {
                    failure = error
                    break
                }
            }
            let error = try #require(failure)
            #expect(error.isOutOfSpace)
            #expect("\(error)".contains("No space left on device"))
            // What was durable is still readable, and the store still answers.
            #expect(try store.drain().count == Int(store.durableSeq))
            #expect(store.durableSeq >= durable)
            // Syncing what was written before the failure works; the next append fails again cleanly.
            try store.sync()
            #expect(throws: StoreError.self) { try store.append(sampleRecord(9999, padding: 2000)) }
        }
        let reopened = try openStore(directory: directory, limits: StoreLimits(maxSize: 1024 * 1024))
        #expect(reopened.recovery.tornTailBytes == 0)
        #expect(reopened.recovery.corruptRegions == 0)
        let seqs = try reopened.drain().map(\.seq)
        #expect(seqs == Array(1...reopened.lastSeq))
        #expect(UInt64(seqs.count) >= durable)
        // Once something is freed, appending works again with the next seq.
        reopened.acknowledge(through: reopened.lastSeq)
        try reopened.sync()
        #expect(try reopened.enforceRetention(nowWallMs: Int64.max / 2).count > 0)
        #expect(try reopened.append(sampleRecord(1)) == reopened.lastSeq)
        try reopened.sync()
    }

    @Test func aReadOnlyFolderIsAnErrorNamingIt() throws {
        let folder = try StoreFolder()
        let inside = folder.path + "/file-not-folder"
        #expect(FileManager.default.createFile(atPath: inside, contents: Data()))
        #expect(throws: StoreError.io(operation: "mkdir", path: inside + "/segments", errno: Errno(rawValue: ENOTDIR))) {
            try openStore(directory: inside, limits: smallLimits)
        }
    }
}
