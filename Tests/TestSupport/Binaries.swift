import Foundation

/// Where the built kioskd and kioskctl are: next to the test bundle (the test target depends on
/// both executables, so `swift build --build-tests` builds them), or `$KIOSK_BIN_DIR`.
public enum Binaries {
    public static var directory: URL {
        if let dir = ProcessInfo.processInfo.environment["KIOSK_BIN_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = me.deletingLastPathComponent()
        // swift-testing may run from inside the .xctest bundle folder.
        while dir.path != "/" && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("kioskd").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir
    }

    public static func path(_ name: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw TestFailure("\(name) not found next to the test bundle (\(directory.path)): run `swift build --build-tests` first")
        }
        return url.path
    }
}

/// A failed precondition of a test, said in words.
public struct TestFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
