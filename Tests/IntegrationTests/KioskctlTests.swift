import Foundation
import KioskCore
import Testing
import TestSupport

/// kioskctl's contract: exit codes, help, and what it says when kioskd is not there.
@Suite struct KioskctlTests {
    func kioskctl(_ arguments: [String]) throws -> CommandResult {
        try runCommand(try Binaries.path("kioskctl"), arguments)
    }

    @Test func unreachableDaemonExits69AndSaysHowToStartIt() throws {
        let result = try kioskctl(["--socket", "/nonexistent/control.sock", "status"])
        #expect(result.status == 69)
        #expect(result.stderr == """
            kioskctl: kioskd is not reachable at /nonexistent/control.sock (No such file or
              directory).
            Is it running? Start it with:  sudo systemctl start kioskd
            or run it in a terminal:       kioskd

            """)
    }

    @Test func unreachableWithJSONPrintsAnErrorDocument() throws {
        let result = try kioskctl(["--socket", "/nonexistent/control.sock", "--json", "status"])
        #expect(result.status == 69)
        let document = try JSON.decoder().decode(JSONValue.self, from: Data(result.stdout.utf8))
        #expect(document["error"]?["code"] == .string("unreachable"))
    }

    @Test(arguments: [["frobnicate"], [], ["--bogus", "status"], ["status", "extra"], ["config"], ["config", "fly"], ["--socket"]])
    func usageErrorsExit64(arguments: [String]) throws {
        let result = try kioskctl(arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains("usage: kioskctl"))
    }

    @Test func everyCommandHasHelp() throws {
        let list = try kioskctl(["help"])
        #expect(list.status == 0)
        for name in ["status", "queue", "health", "outages", "doctor", "events", "config", "reload", "help"] {
            #expect(list.stdout.contains("  \(name) "), "\(name) missing from the list")
            let help = try kioskctl(["help", name])
            #expect(help.status == 0)
            #expect(help.stdout.hasPrefix("usage: kioskctl \(name)"))
            let flag = try kioskctl([name, "--help"])
            #expect(flag.stdout == help.stdout)
        }
    }

    @Test func configCheckReportsEveryErrorWithFileLineAndKey() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("kioskd.conf").path
        try "[mqtt]\nport = 0\nhots = x\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try kioskctl(["config", "check", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(path):2: [mqtt] port:"))
        #expect(result.stderr.contains("\(path):3: [mqtt] hots: unknown key; did you mean \"host\"?"))

        let json = try kioskctl(["--json", "config", "check", path])
        #expect(json.status == 1)
        let document = try JSON.decoder().decode(JSONValue.self, from: Data(json.stdout.utf8))
        #expect(document["valid"] == .bool(false))
        guard case .array(let errors)? = document["errors"] else {
            Issue.record("no errors array in \(json.stdout)")
            return
        }
        #expect(errors.count == 2)
        #expect(errors.first?["line"] == .number(2))
        #expect(errors.first?["key"] == .string("port"))

        try "[mqtt]\nport = 1884\n".write(toFile: path, atomically: true, encoding: .utf8)
        let good = try kioskctl(["config", "check", path])
        #expect(good.status == 0)
        #expect(good.stdout == "\(path): configuration is valid\n")
    }

    @Test func configShowPrintsTheRunningConfigurationAsAFileKioskdReads() throws {
        let kioskd = try KioskdProcess(config: "[device]\nid = show-me\nsite = xa-phu-hoi\n[mqtt]\nport = 9\n")
        try kioskd.start()
        let shown = try kioskd.kioskctl(["config", "show"])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("id = show-me"))
        #expect(shown.stdout.contains("site = xa-phu-hoi"))
        // What it prints is a configuration kioskd accepts, with the same values.
        let copy = kioskd.folder.appendingPathComponent("copy.conf").path
        try shown.stdout.write(toFile: copy, atomically: true, encoding: .utf8)
        let check = try runCommand(try Binaries.path("kioskd"), ["--check-config", copy])
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func configShowWithoutKioskdReadsTheFileAndSaysSo() throws {
        let kioskd = try KioskdProcess(config: "[device]\nid = offline-one\n")
        let result = try runCommand(
            try Binaries.path("kioskctl"), ["--socket", kioskd.socketPath, "--config", kioskd.configPath, "config", "show"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("id = offline-one"))
        #expect(result.stderr == "kioskctl: kioskd is not running; this is the configuration it would load\n")
    }

    @Test func statusHumanOutputNamesTheBrokerAndItsLastError() throws {
        let kioskd = try KioskdProcess(config: "[mqtt]\nhost = 127.0.0.1\nport = 9\nreconnect_max = 1s\n")
        try kioskd.start()
        #expect(waitUntil { (try? kioskd.status().broker.lastError) != nil })
        let result = try kioskd.kioskctl(["status"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("broker    "))
        #expect(result.stdout.contains("127.0.0.1:9"))
        #expect(result.stdout.contains("last error: connection refused"))
    }
}
