import Foundation
import Testing
@testable import KioskCore

/// Reading the MQTT password at connect time.
@Suite struct SecretFileTests {
    @Test func readsWithoutTrailingNewlines() throws {
        let folder = try ScratchFolder()
        #expect(try SecretFile.read(folder.file("a", "pass word\n", mode: 0o600)) == "pass word")
        #expect(try SecretFile.read(folder.file("b", "pw\r\n\n", mode: 0o640)) == "pw")
        #expect(try SecretFile.read(folder.file("c", " pw ", mode: 0o400)) == " pw ")
        #expect(try SecretFile.read(folder.file("d", "", mode: 0o600)) == "")
        #expect(try SecretFile.read(folder.file("e", "line1\nline2\n", mode: 0o600)) == "line1\nline2")
    }

    @Test func refusals() throws {
        let folder = try ScratchFolder()
        let open = try folder.file("open", "topsecret", mode: 0o644)
        let missing = folder.path + "/missing"
        let binary = try folder.bytes("binary", [0xFF, 0xFE, 0x00], mode: 0o600)
        let cases: [(String, String)] = [
            (open, "\(open) is readable by every user (mode 0644); run: chmod 640 \(open)"),
            (missing, "cannot read \(missing): No such file or directory"),
            (folder.path, "\(folder.path) is not a file"),
            (binary, "\(binary) is not UTF-8 text"),
        ]
        for (path, expected) in cases {
            do throws(SecretFileError) {
                _ = try SecretFile.read(path)
                Issue.record("\(path) was read")
            } catch {
                #expect(error.description == expected)
                #expect(!error.description.contains("topsecret"))
            }
        }
    }
}
