#if canImport(Glibc)
import Glibc
#endif

/// The few file operations kioskd needs with their errno kept (FileManager loses it).
public enum FileSystem {
    /// `mkdir -p` with `mode` for the folders it creates; existing folders are left as they are.
    public static func makeDirectories(_ path: String, mode: mode_t) throws(Errno) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part
            if mkdir(prefix, mode) != 0 && errno != EEXIST { throw Errno.current }
            prefix += "/"
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw Errno.current }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw Errno(rawValue: ENOTDIR) }
    }
}
