import Foundation
import Testing
import TestSupport
@testable import KioskCore

/// A fresh store folder under the temporary directory, removed when the test ends.
final class StoreFolder: Sendable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/kioskd-store-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    var segmentsPath: String { path + "/segments" }
    var corruptPath: String { path + "/corrupt" }

    /// Segment files, oldest first, as full paths.
    func segmentFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: segmentsPath).filter { $0.hasSuffix(".seg") }.sorted()
            .map { segmentsPath + "/" + $0 }
    }

    func corruptFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corruptPath)) ?? []).sorted()
    }

    /// The size of every regular file under the store folder: what `max_size` caps.
    func diskBytes() throws -> UInt64 {
        var total: UInt64 = 0
        for (_, size) in try files() { total += size }
        return total
    }

    /// Relative path → size of every regular file.
    func files() throws -> [(String, UInt64)] {
        guard let walker = FileManager.default.enumerator(atPath: path) else { return [] }
        var out: [(String, UInt64)] = []
        while let name = walker.nextObject() as? String {
            var info = stat()
            if stat(path + "/" + name, &info) == 0 && info.st_mode & S_IFMT == S_IFREG {
                out.append((name, UInt64(info.st_size)))
            }
        }
        return out.sorted { $0.0 < $1.0 }
    }

    /// Content and modification time of every file and folder: to prove nothing changed.
    func snapshot() throws -> [String: String] {
        var out: [String: String] = [:]
        guard let walker = FileManager.default.enumerator(atPath: path) else { return out }
        while let name = walker.nextObject() as? String {
            let full = path + "/" + name
            var info = stat()
            guard stat(full, &info) == 0 else { continue }
            var entry = "\(info.st_mode) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
            if info.st_mode & S_IFMT == S_IFREG {
                entry += " " + String(CRC32C.checksum(Array(try Data(contentsOf: URL(fileURLWithPath: full)))))
            }
            out[name] = entry
        }
        var info = stat()
        stat(path, &info)
        out["."] = "\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        return out
    }
}

let testBoot = "0f4b2c1e-9a7d-4c3b-8e2f-1a2b3c4d5e6f"
let testWallBase: Int64 = 1_795_436_677_000

/// Record number `n`: a deterministic record whose `data` names `n`.
func sampleRecord(_ n: Int, type: String = "event", periodic: Bool = false, padding: Int = 0) -> NewRecord {
    let pad = String(repeating: "x", count: padding)
    return NewRecord(
        type: type, data: Array(#"{"n":\#(n),"pad":"\#(pad)"}"#.utf8), periodic: periodic, boot: testBoot,
        wallMs: testWallBase + Int64(n) * 1000, monoMs: Int64(n) * 1000, clock: .synced)
}

/// The `n` in a sample record's data.
func sampleNumber(_ record: StoredRecord) -> Int? {
    let text = String(decoding: record.data, as: UTF8.self)
    guard let start = text.range(of: #""n":"#)?.upperBound else { return nil }
    return Int(text[start...].prefix(while: \.isNumber))
}

extension RecordStore {
    /// Every durable record after `seq`, paged like the publisher does.
    func drain(after seq: UInt64 = 0, page: Int = 100) throws -> [StoredRecord] {
        var out: [StoredRecord] = []
        var last = seq
        while true {
            let batch = try pending(after: last, limit: page)
            guard let tail = batch.last else { return out }
            out += batch
            last = tail.seq
        }
    }
}

/// A small store: 64 KiB cap, so 4 KiB segments.
let smallLimits = StoreLimits(maxSize: 64 * 1024, retention: .seconds(3600))

func flipByte(_ path: String, at offset: Int) throws {
    let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    try handle.seek(toOffset: UInt64(offset))
    let byte = try handle.read(upToCount: 1)!
    try handle.seek(toOffset: UInt64(offset))
    try handle.write(contentsOf: Data([byte[0] ^ 0x5A]))
}

func fileSize(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : -1
}

func truncateFile(_ path: String, to size: Int) {
    #expect(truncate(path, off_t(size)) == 0)
}

func appendBytes(_ path: String, _ bytes: [UInt8]) throws {
    let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(bytes))
}

/// File offsets of the record frames in a segment file, with their seqs.
func frameOffsets(_ path: String) throws -> [(offset: Int, seq: UInt64, length: Int)] {
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    var out: [(Int, UInt64, Int)] = []
    var offset = Segment.headerSize
    while offset + RecordFrame.headerSize <= bytes.count {
        guard let header = bytes.withUnsafeBytes({ RecordFrame.header(UnsafeRawBufferPointer(rebasing: $0[offset...])) })
        else { break }
        if header.kind == .record { out.append((offset, header.seq, header.totalLength)) }
        offset += header.totalLength
    }
    return out
}

