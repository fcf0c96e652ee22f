#if canImport(Glibc)
import Glibc
#endif

/// `corrupt/`: damaged bytes kept for a technician to inspect, within `cap` bytes — the
/// oldest data is removed first to make room for new findings.
///
/// Names sort by the age of the data: `<segment first seq>-<offset>.bad` for a damaged region
/// copied out of a segment (offset 0: its header; unreadable bytes are kept as zeros).
/// Older versions moved a segment with a damaged header here whole, as `<first seq>.seg`.
/// Nothing here is synced: it is evidence, not data, and losing it to a power cut costs
/// nothing but the evidence.
struct CorruptArea {
    let directory: String
    let cap: UInt64
    private(set) var files: [(name: String, size: UInt64)] = []

    var keptBytes: UInt64 { files.reduce(0) { $0 + $1.size } }

    init(directory: String, cap: UInt64) throws(StoreError) {
        self.directory = directory
        self.cap = cap
        for name in try StoreFiles.names(in: directory).sorted() {
            if let size = StoreFiles.size(of: directory + "/" + name) { files.append((name, UInt64(size))) }
        }
    }

    static func regionName(segment firstSeq: UInt64, offset: Int) -> String {
        let hex = String(offset, radix: 16)
        return Segment.fileName(firstSeq).dropLast(Segment.fileSuffix.count) + "-"
            + String(repeating: "0", count: max(0, 16 - hex.count)) + hex + ".bad"
    }

    func contains(_ name: String) -> Bool { files.contains { $0.name == name } }

    /// Removes the oldest files until `incoming` more bytes fit under the cap.
    mutating func trim(makingRoomFor incoming: UInt64 = 0) throws(StoreError) {
        while !files.isEmpty && keptBytes + incoming > cap {
            try StoreFiles.remove(directory + "/" + files[0].name)
            files.removeFirst()
        }
    }

    /// Keeps `bytes` (cut to the cap) as `name`; returns the bytes written.
    mutating func keep(_ bytes: [UInt8], as name: String) throws(StoreError) -> Int {
        let kept = Array(bytes.prefix(Int(cap)))
        try trim(makingRoomFor: UInt64(kept.count))
        let file = try StoreFile(path: directory + "/" + name, flags: O_WRONLY | O_CREAT | O_TRUNC)
        do { try file.write(kept, at: 0) } catch {
            try? StoreFiles.remove(file.path)
            throw error
        }
        insert(name, UInt64(kept.count))
        return kept.count
    }

    private mutating func insert(_ name: String, _ size: UInt64) {
        files.removeAll { $0.name == name }
        files.append((name, size))
        files.sort { $0.name < $1.name }
    }
}
