#if canImport(Glibc)
import Glibc
#endif

/// Why a file that kioskd must read (a password, a key, a CA bundle) cannot be used.
/// The description names the path and what to do, never the file's content.
public struct SecretFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        case unreadable(Errno)
        case notAFile
        /// Permission bits such as `0o644`: every user on the kiosk could read the secret.
        case worldReadable(mode: UInt32)
        case notText
    }

    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .unreadable(let errno):
            return "cannot read \(path): \(errno)"
        case .notAFile:
            return "\(path) is not a file"
        case .worldReadable(let mode):
            let fixed = octal(mode & 0o770, digits: 3)
            return "\(path) is readable by every user (mode \(octal(mode, digits: 4))); run: chmod \(fixed) \(path)"
        case .notText:
            return "\(path) is not UTF-8 text"
        }
    }

    private func octal(_ mode: UInt32, digits: Int) -> String {
        let text = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}

/// Secrets live in their own files so kioskd.conf can stay readable by technicians.
///
/// A secret that every local user can read is refused, not merely warned about: a kiosk is a
/// public computer. The check is on the permission bits, because root (which kioskd runs as)
/// can read anything and `access()` would always say yes.
public enum SecretFile {
    /// The secret without its trailing newline(s), as editors and `echo` leave one.
    public static func read(_ path: String) throws(SecretFileError) -> String {
        let file = try open(path)
        try check(file, path: path, secret: true)
        let bytes: [UInt8]
        do throws(Errno) {
            bytes = try file.readAll()
        } catch {
            throw SecretFileError(path: path, reason: .unreadable(error))
        }
        guard var text = String(validating: bytes, as: UTF8.self) else {
            throw SecretFileError(path: path, reason: .notText)
        }
        while let last = text.unicodeScalars.last, last == "\n" || last == "\r" {
            text.unicodeScalars.removeLast()
        }
        return text
    }

    /// What `Config.validate` checks without reading: the file opens, is a regular file and,
    /// when `secret`, is not world-readable.
    static func check(_ path: String, secret: Bool) throws(SecretFileError) {
        let file = try open(path)
        try check(file, path: path, secret: secret)
    }

    private static func open(_ path: String) throws(SecretFileError) -> LocalFile {
        do throws(Errno) {
            return try LocalFile(path: path)
        } catch {
            throw SecretFileError(path: path, reason: .unreadable(error))
        }
    }

    private static func check(_ file: borrowing LocalFile, path: String, secret: Bool) throws(SecretFileError) {
        let info: stat
        do throws(Errno) {
            info = try file.status()
        } catch {
            throw SecretFileError(path: path, reason: .unreadable(error))
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw SecretFileError(path: path, reason: .notAFile) }
        let mode = UInt32(info.st_mode) & 0o7777
        if secret && mode & 0o004 != 0 {
            throw SecretFileError(path: path, reason: .worldReadable(mode: mode))
        }
    }
}
