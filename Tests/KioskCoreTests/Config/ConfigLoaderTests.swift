import Foundation
import Testing
@testable import KioskCore

/// Finding and reading the file: a missing default file means defaults, anything else is named.
@Suite struct ConfigLoaderTests {
    @Test func noFileAtTheDefaultPathMeansDefaults() throws {
        let folder = try ScratchFolder()
        let loaded = try ConfigLoader.load(path: nil, defaultPath: folder.path + "/kioskd.conf", host: rootHost)
        #expect(loaded == LoadedConfig(config: .defaults(for: rootHost), file: nil))
    }

    @Test func theDefaultPathIsReadWhenItExists() throws {
        let folder = try ScratchFolder()
        let file = try folder.file("kioskd.conf", "[device]\nsite = HN-1\n", mode: 0o644)
        let loaded = try ConfigLoader.load(path: nil, defaultPath: file, host: rootHost)
        #expect(loaded.file == file)
        #expect(loaded.config.device.site == "HN-1")
    }

    @Test func anExplicitPathIsRead() throws {
        let folder = try ScratchFolder()
        let file = try folder.file("other.conf", "[log]\nlevel = debug", mode: 0o600)
        let loaded = try ConfigLoader.load(path: file, host: rootHost)
        #expect(loaded.file == file)
        #expect(loaded.config.log.level == .debug)
    }

    @Test func problemsNameTheFile() throws {
        let folder = try ScratchFolder()
        let missing = folder.path + "/nope.conf"
        let bad = try folder.file("bad.conf", "[mqtt]\nport = 0\n")
        let latin1 = try folder.bytes("latin1.conf", Array("[device]\nsite = ".utf8) + [0x48, 0xE0] + Array("\n[log]\n".utf8))
        let cases: [(String, [String])] = [
            (missing, ["\(missing): cannot read: No such file or directory"]),
            (folder.path, ["\(folder.path): cannot read: Is a directory"]),
            (bad, ["\(bad):2: [mqtt] port: \"0\" is not a port (1-65535)"]),
            (latin1, ["\(latin1):2: is not UTF-8 text; save the file as UTF-8"]),
        ]
        for (path, expected) in cases {
            do throws(ConfigError) {
                _ = try ConfigLoader.load(path: path, defaultPath: folder.path + "/kioskd.conf", host: rootHost)
                Issue.record("\(path) loaded")
            } catch {
                #expect(error.diagnostics.map(\.description) == expected)
            }
        }
    }

    @Test func encodingAndOtherProblemsTogether() throws {
        let folder = try ScratchFolder()
        let file = try folder.bytes("mixed.conf", Array("[mqtt]\nport = 0\n# \u{00E9}".utf8) + [0xE9] + Array("\n".utf8))
        do throws(ConfigError) {
            _ = try ConfigLoader.load(path: file, defaultPath: file, host: rootHost)
            Issue.record("loaded")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "\(file):2: [mqtt] port: \"0\" is not a port (1-65535)",
                "\(file):3: is not UTF-8 text; save the file as UTF-8",
            ])
        }
    }

    @Test func anOddHostNameStillGivesValidDefaults() throws {
        let folder = try ScratchFolder()
        let odd = HostEnvironment(hostname: "-Kiosk_01-", isRoot: true, home: "/root")
        let loaded = try ConfigLoader.load(path: nil, defaultPath: folder.path + "/kioskd.conf", host: odd)
        #expect(loaded.config.device.id == "kiosk-01")
        #expect(loaded.file == nil)
    }
}
