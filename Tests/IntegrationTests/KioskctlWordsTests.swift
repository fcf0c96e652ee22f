import Foundation
import KioskCore
import Testing
import TestSupport

/// kioskctl in both languages: help that fits a terminal, Vietnamese from a real kioskd and its
/// store, and `--json` that is the same whatever the language.
@Suite struct KioskctlWordsTests {
    static let commands = [
        "status", "queue", "health", "outages", "doctor", "session", "sessions", "report", "events", "led", "config",
        "reload", "fleet", "help",
    ]

    func kioskctl(_ arguments: [String]) throws -> CommandResult {
        try runCommand(try Binaries.path("kioskctl"), arguments)
    }

    /// Lines wider than 80 Characters (a Vietnamese letter with its marks is one).
    func wide(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.count > 80 }
    }

    @Test(arguments: ["en", "vi"])
    func everyHelpFitsEightyColumnsAndStartsWithItsUsage(language: String) throws {
        let usage = language == "vi" ? "cách dùng: kioskctl" : "usage: kioskctl"
        let list = try kioskctl(["--lang", language, "help"])
        #expect(list.status == 0)
        #expect(list.stdout.hasPrefix(usage + " "))
        #expect(wide(list.stdout) == [])
        for name in Self.commands {
            let help = try kioskctl(["--lang", language, "help", name])
            #expect(help.status == 0)
            #expect(help.stdout.hasPrefix("\(usage) \(name)"), "\(name): \(help.stdout)")
            #expect(wide(help.stdout) == [], "\(name)")
            if language == "vi" {
                #expect(help.stdout != (try kioskctl(["--lang", "en", "help", name])).stdout, "\(name) is not translated")
            }
        }
    }

    @Test func aRealKioskdAnswersInVietnameseAndItsJSONIsTheSameInEitherLanguage() throws {
        let kioskd = try KioskdProcess(config: "[mqtt]\nport = 9\n[sessions]\nlabels = learning, other\n")
        try kioskd.start()
        func vi(_ arguments: [String]) throws -> CommandResult {
            let result = try kioskd.kioskctl(["--lang", "vi"] + arguments)
            #expect(wide(result.stdout + result.stderr) == [], "\(arguments)")
            return result
        }
        #expect(try vi(["session", "start", "--label", "learning"]).stdout.contains("đang diễn ra"))
        #expect(try vi(["sessions"]).stdout.contains("(đang diễn ra)"))
        #expect(try vi(["session", "end"]).stdout.contains("(khách kết thúc)"))
        #expect(try vi(["sessions"]).stdout.contains("khách kết thúc"))
        #expect(try vi(["queue"]).stdout.hasPrefix("chờ gửi   "))
        #expect(try vi(["report"]).stdout.contains("\nphiên     1, tổng "))
        let bad = try vi(["events", "--since", "soon"])
        #expect(bad.status == 64)
        #expect(bad.stderr.hasPrefix("kioskctl events: --since: \"soon\" không phải một khoảng thời gian;\n"), "\(bad.stderr)")
        #expect(bad.stderr.contains("cách dùng: kioskctl events"))
        try kioskd.stop()

        // kioskd is down: the store read directly gives the same answer twice.
        let base = ["--socket", kioskd.socketPath, "--config", kioskd.configPath]
        for command in ["queue", "events", "sessions", "health", "report"] {
            let english = try kioskctl(base + ["--lang", "en", "--json", command])
            let vietnamese = try kioskctl(base + ["--lang", "vi", "--json", command])
            #expect(english.status == 0 && vietnamese.status == 0, "\(command): \(vietnamese.stderr)")
            #expect(vietnamese.stdout == english.stdout, "\(command)")
            #expect(!vietnamese.stdout.isEmpty)
        }
        let english = try kioskctl(base + ["--lang", "en", "queue"]).stdout
        let vietnamese = try kioskctl(base + ["--lang", "vi", "queue"]).stdout
        #expect(english.hasPrefix("pending   "))
        #expect(vietnamese.contains("\nbị bỏ     ") && vietnamese.contains("\nbị hỏng   0 bản ghi"), "\(vietnamese)")
    }

    @Test func configCheckSaysTheErrorsAndWhatTheyMeanInVietnameseAndKeepsItsJSON() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("words-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("kioskd.conf").path
        try "[mqtt]\nport = 0\nhots = x\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try kioskctl(["--lang", "vi", "config", "check", path])
        #expect(result.status == 1)
        // The common problems in Vietnamese too, after the place as kioskd writes it.
        #expect(result.stderr.contains("\(path):2: [mqtt] port: \"0\" không phải một cổng (1-65535)\n"), "\(result.stderr)")
        #expect(result.stderr.contains("\(path):3: [mqtt] hots: không có khóa này; có phải ý bạn là \"host\"?\n"))
        #expect(result.stderr.hasSuffix("\n2 lỗi: kioskd sẽ không chạy hay nạp lại với tệp này\n"), "\(result.stderr)")
        let english = try kioskctl(["--lang", "en", "--json", "config", "check", path])
        let vietnamese = try kioskctl(["--lang", "vi", "--json", "config", "check", path])
        #expect(vietnamese.status == 1 && english.status == 1)
        #expect(vietnamese.stdout == english.stdout)

        try "[mqtt]\nport = 1884\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try kioskctl(["--lang", "vi", "config", "check", path]).stdout == "\(path): cấu hình hợp lệ\n")
    }
}
