#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A small JSON document that must survive power cuts: the session journal, the run marker,
/// the daily summary's progress.
///
/// `write` replaces the file atomically and durably (temporary file, fdatasync, rename, fsync
/// of the folder), so a power cut leaves the old or the new document. `load` never fails: a
/// missing file is nil, and a damaged one (truncated, not JSON, another format) is set aside
/// as `NAME.corrupt` and described in `problem`, so kioskd starts anyway.
public struct StateFile<Value: Codable>: Sendable {
    public let path: String
    private let directory: String

    public init(directory: String, name: String) {
        self.directory = directory
        path = directory + "/" + name
    }

    public struct Loaded {
        public var value: Value?
        /// In a technician's words; nil when the file was fine or missing.
        public var problem: String?
    }

    public func load() -> Loaded {
        let bytes: [UInt8]
        do {
            bytes = try LocalFile(path: path).readAll()
        } catch {
            if error.rawValue == ENOENT { return Loaded(value: nil, problem: nil) }
            return Loaded(value: nil, problem: "cannot read \(path): \(error)")
        }
        do {
            return Loaded(value: try JSON.decoder().decode(Value.self, from: Data(bytes)), problem: nil)
        } catch {
            let why = bytes.isEmpty ? "it is empty" : "it is truncated or not what this kioskd writes (\(bytes.count) bytes)"
            try? StoreFiles.rename(path, to: path + ".corrupt")
            return Loaded(value: nil, problem: "\(path) is damaged: \(why); set aside as \(path).corrupt")
        }
    }

    public func write(_ value: Value) throws(StoreError) {
        try StoreFiles.makeDirectory(directory)
        let folder = try StoreFile.openDirectory(directory)
        let bytes: [UInt8]
        do {
            bytes = try JSON.line(value)
        } catch {
            throw StoreError.io(operation: "encode", path: path, errno: Errno(rawValue: EINVAL))
        }
        try StoreFiles.replaceAtomically(path, with: bytes, directory: folder)
    }

    public func remove() {
        try? StoreFiles.remove(path)
    }
}
