import Foundation
import KioskCore

/// A model of the kernel's page cache under one store folder, fed by `StoreFileTrace`: it
/// records every write, truncate, create, rename and unlink the store issues, and which of
/// them a later fdatasync or folder fsync made durable, so a test can build the folder a
/// power cut at any moment could leave (ALICE-style crash images).
///
/// The model: data changes of a file (writes, truncates) are durable once an fdatasync of
/// that file follows; name changes in a folder (create, rename, unlink) once an fsync of the
/// folder follows. Everything else is in the page cache only and a power cut may keep any
/// part of it. A kill keeps everything: the real files already are that.
///
/// `failNext` makes one call fail with an errno; an fdatasync failed with EIO also loses the
/// writes it should have flushed (Linux marks such pages clean: no later sync writes them).
public final class PageCacheModel: StoreFileObserver, @unchecked Sendable {
    public enum Kind: Sendable, Equatable { case link, rename, unlink, write, truncate, syncData, syncDirectory }

    /// One recorded operation, with the file (inode) it acted on.
    public struct Step: Sendable {
        public var kind: Kind
        public var path: String
        /// A rename's new name.
        public var to: String?
        public var inode: Int
        public var offset = 0
        public var bytes: [UInt8] = []
        public var length = 0
        /// Its pages were dropped by a failed fdatasync: they never reach the medium.
        public var lost = false
        /// Part of the data (write, truncate) rather than of a folder's names.
        public var isData: Bool { kind == .write || kind == .truncate }
        public var isName: Bool { kind == .link || kind == .rename || kind == .unlink }
    }

    /// What a crash image keeps of one step that was not durable.
    public enum Keep: Sendable {
        case whole, none
        /// Only these 512-byte sectors of a write (indices from the write's first sector).
        case sectors(Set<Int>)
    }

    public static let sectorSize = 512

    public let folder: String
    private let lock = NSLock()
    private var recorded: [Step] = []
    private var live: [String: Int] = [:]
    private var nextInode = 1
    private var faults: [(call: String, suffix: String, errno: Int32)] = []

    public init(folder: String) {
        self.folder = folder
        StoreFileTrace.install(self, under: folder)
    }

    /// Stops recording (call it before the folder goes).
    public func stop() { StoreFileTrace.remove(self) }

    public var steps: [Step] { lock.withLock { recorded } }
    public var count: Int { lock.withLock { recorded.count } }

    /// Makes the next `call` (`fdatasync`, `write`, `fsync`, `rename`…) on a path ending in
    /// `pathSuffix` fail with `errno`.
    public func failNext(_ call: String, pathSuffix: String = "", errno: Int32) {
        lock.withLock { faults.append((call, pathSuffix, errno)) }
    }

    public func storeFileWill(_ operation: StoreFileOperation) -> Int32? {
        lock.withLock {
            guard let index = faults.firstIndex(where: { $0.call == operation.systemCall && operation.path.hasSuffix($0.suffix) })
            else { return nil }
            let fault = faults.remove(at: index)
            if case .syncData(let path) = operation, fault.errno == EIO, let inode = live[path] {
                for i in recorded.indices.reversed() {
                    if recorded[i].inode == inode && recorded[i].kind == .syncData { break }
                    if recorded[i].inode == inode && recorded[i].isData { recorded[i].lost = true }
                }
            }
            return fault.errno
        }
    }

    public func storeFileDid(_ operation: StoreFileOperation) {
        lock.withLock {
            switch operation {
            case .create(let path):
                guard live[path] == nil else { return }
                live[path] = nextInode
                recorded.append(Step(kind: .link, path: path, inode: nextInode))
                nextInode += 1
            case .write(let path, let offset, let bytes):
                recorded.append(Step(kind: .write, path: path, inode: inode(path), offset: offset, bytes: bytes))
            case .truncate(let path, let length):
                recorded.append(Step(kind: .truncate, path: path, inode: inode(path), length: length))
            case .rename(let from, let to):
                let id = inode(from)
                live[from] = nil
                live[to] = id
                recorded.append(Step(kind: .rename, path: from, to: to, inode: id))
            case .unlink(let path):
                guard let id = live.removeValue(forKey: path) else { return }
                recorded.append(Step(kind: .unlink, path: path, inode: id))
            case .syncData(let path):
                recorded.append(Step(kind: .syncData, path: path, inode: inode(path)))
            case .syncDirectory(let path):
                recorded.append(Step(kind: .syncDirectory, path: path, inode: 0))
            }
        }
    }

    /// The inode a name stands for now; a file that existed before recording began gets one.
    private func inode(_ path: String) -> Int {
        if let id = live[path] { return id }
        live[path] = nextInode
        nextInode += 1
        return nextInode - 1
    }

    /// Which of the first `crash` steps a sync among them made durable.
    public func durable(before crash: Int) -> [Bool] {
        let steps = self.steps.prefix(crash)
        var out = [Bool](repeating: false, count: steps.count)
        var syncedFiles = Set<Int>(), syncedFolders = Set<String>()
        for (i, step) in steps.enumerated().reversed() {
            switch step.kind {
            case .syncData: syncedFiles.insert(step.inode)
            case .syncDirectory: syncedFolders.insert(step.path)
            case .write, .truncate: out[i] = syncedFiles.contains(step.inode)
            case .link, .unlink: out[i] = syncedFolders.contains(Self.parent(step.path))
            case .rename:
                out[i] = syncedFolders.contains(Self.parent(step.to!)) || syncedFolders.contains(Self.parent(step.path))
            }
        }
        return out
    }

    /// Writes into `image` (an empty folder) what the medium holds after a power cut once the
    /// first `crash` steps ran: every durable step, and of the others what `keep` says.
    public func buildImage(at crash: Int, into image: String, keep: (Int, Step) -> Keep) throws {
        let steps = self.steps.prefix(crash)
        let durable = durable(before: crash)
        var names: [String: Int] = [:]
        var contents: [Int: [UInt8]] = [:]
        for (i, step) in steps.enumerated() where !step.lost {
            let choice = durable[i] ? .whole : keep(i, step)
            if case .none = choice { continue }
            switch step.kind {
            case .link:
                names[step.path] = step.inode
                if contents[step.inode] == nil { contents[step.inode] = [] }
            case .rename:
                guard names[step.path] == step.inode else { continue }
                names[step.path] = nil
                names[step.to!] = step.inode
            case .unlink:
                if names[step.path] == step.inode { names[step.path] = nil }
            case .truncate:
                var bytes = contents[step.inode] ?? []
                if bytes.count > step.length { bytes.removeLast(bytes.count - step.length) }
                else { bytes += [UInt8](repeating: 0, count: step.length - bytes.count) }
                contents[step.inode] = bytes
            case .write:
                var bytes = contents[step.inode] ?? []
                let end = step.offset + step.bytes.count
                if bytes.count < end { bytes += [UInt8](repeating: 0, count: end - bytes.count) }
                let first = step.offset / Self.sectorSize
                for (k, byte) in step.bytes.enumerated() {
                    if case .sectors(let kept) = choice, !kept.contains((step.offset + k) / Self.sectorSize - first) {
                        continue
                    }
                    bytes[step.offset + k] = byte
                }
                contents[step.inode] = bytes
            case .syncData, .syncDirectory:
                continue
            }
        }
        let fm = FileManager.default
        for sub in ["segments", "corrupt"] {
            try fm.createDirectory(atPath: image + "/" + sub, withIntermediateDirectories: true)
        }
        for (path, inode) in names {
            guard path.hasPrefix(folder + "/") else { continue }
            let target = image + "/" + path.dropFirst(folder.count + 1)
            try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(contents[inode] ?? []).write(to: URL(fileURLWithPath: target))
        }
    }

    /// The image that keeps only what was durable: a power cut at the worst moment.
    public func buildDurableImage(at crash: Int? = nil, into image: String) throws {
        try buildImage(at: crash ?? count, into: image) { _, _ in .none }
    }

    /// The number of 512-byte sectors a write touches.
    public static func sectors(of step: Step) -> Int {
        guard step.kind == .write, !step.bytes.isEmpty else { return 0 }
        return (step.offset + step.bytes.count - 1) / sectorSize - step.offset / sectorSize + 1
    }

    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }
}
