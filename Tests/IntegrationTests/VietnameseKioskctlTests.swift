import Foundation
import KioskCore
import Testing
import TestSupport
@testable import kioskctl

/// kioskctl in Vietnamese against a real kioskd on a kiosk whose uplink is cut: no English
/// sentence of the English catalogue in what it prints, every line within 80 columns, colour
/// only on a terminal and never with NO_COLOR.
@Suite struct VietnameseKioskctlTests {
    /// The English catalogue's sentences (the parts between placeholders with two words or
    /// more) that its Vietnamese translation does not share.
    static let englishSentences: [String] = {
        var sentences: Set<String> = []
        for (key, english) in Catalog.english {
            let vietnamese = Catalog.vietnamese[key] ?? ""
            guard english != vietnamese else { continue }
            for piece in english.split(separator: #/\{[a-z]+\}|\n/#) {
                let sentence = piece.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
                guard sentence.firstMatch(of: #/[A-Za-z]{2,}[ ,'-]+[A-Za-z]{2,}/#) != nil, !vietnamese.contains(sentence) else { continue }
                sentences.insert(sentence)
            }
        }
        return sentences.sorted()
    }()

    /// `folder`: the test's own folder, whose long temporary name stands in for a kiosk's
    /// short paths (`/var/lib/kioskd`) when lines are measured.
    static func expectVietnamese(
        _ result: CommandResult, _ what: String, folder: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var output = result.stdout + result.stderr
        if let folder { output = output.replacingOccurrences(of: folder, with: "/var/lib") }
        #expect(!output.isEmpty, "\(what) printed nothing", sourceLocation: sourceLocation)
        for sentence in englishSentences where output.contains(sentence) {
            Issue.record("\(what) printed English: \"\(sentence)\"\n\(output)", sourceLocation: sourceLocation)
        }
        // `fleet` is the province's table, one row per kiosk in 11 columns: it is exempt.
        for line in output.split(separator: "\n") where line.count > Output.columns && !what.hasPrefix("fleet") {
            Issue.record("\(what): a line of \(line.count) columns: \(line)", sourceLocation: sourceLocation)
        }
        #expect(!output.contains("\u{1B}"), "\(what): colour codes into a pipe", sourceLocation: sourceLocation)
    }

    @Test func theCatalogueHasEnglishSentencesToLookFor() {
        #expect(Self.englishSentences.count > 100, "\(Self.englishSentences.count)")
        #expect(Self.englishSentences.contains("the kiosk is offline"))
    }

    @Test func everyCommandSpeaksVietnameseWithTheUplinkCut() throws {
        let broker = try MosquittoBroker()
        let closed = FreePort.next()
        let kioskd = try KioskdProcess(config: """
            [device]
            language = vi
            timezone = Asia/Ho_Chi_Minh
            [mqtt]
            host = 127.0.0.1
            port = \(broker.port)
            [health]
            interval = 1s
            [probe.link]
            type = link
            target = lo
            timeout = 500ms
            [probe.internet]
            type = tcp
            target = 127.0.0.1:\(closed)
            timeout = 500ms

            """)
        try kioskd.start()
        #expect(waitUntil(timeout: 15) { (try? kioskd.status().connectivity?.state) == .offline })
        let kioskctl = try Binaries.path("kioskctl")
        // The configuration says vi; LANG=C names no language, so it holds.
        let environment = ["LANG": "C.UTF-8", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        func run(_ arguments: [String]) throws -> CommandResult {
            try runCommand(kioskctl, ["--socket", kioskd.socketPath, "--config", kioskd.configPath] + arguments, environment: environment)
        }
        let status = try run(["status"])
        #expect(status.status == 0)
        #expect(status.stdout.hasPrefix("CÓ LỖI: ki-ốt bị mất mạng."), "\(status.stdout)")
        Self.expectVietnamese(status, "status")

        let doctor = try run(["doctor"])
        #expect(doctor.status == 1)
        // The hint as one paragraph, without the line breaks that fit it to 80 columns.
        let hint = doctor.stdout.replacing(#/\n +/#, with: " ")
        #expect(hint.contains("→ Modem không có internet. SIM trong modem"), "\(doctor.stdout)")
        #expect(hint.contains("(Đo được: tcp 127.0.0.1:\(closed): connection refused.)"), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("kết luận: mất mạng — lớp lỗi đầu tiên: internet"), "\(doctor.stdout)")
        Self.expectVietnamese(doctor, "doctor")

        let outages = try run(["outages"])
        #expect(outages.status == 0)
        #expect(outages.stdout.contains("24 giờ qua"), "\(outages.stdout)")
        #expect(outages.stdout.contains("X bây giờ"), "the quarter hour going on is offline: \(outages.stdout)")
        #expect(outages.stdout.contains("(đang mất mạng)"), "\(outages.stdout)")
        Self.expectVietnamese(outages, "outages")

        // Every other command, as a technician would run it.
        let folder = kioskd.folder.path
        for arguments in [
            ["queue"], ["health"], ["sessions"], ["events"], ["report"], ["session", "start", "--label", "lop-tin-hoc"],
            ["session", "activity"], ["session", "end"], ["reload"], ["config", "check", kioskd.configPath], ["led", "test"],
            ["led", "identify", "--seconds", "0"], ["bundle", "--output", folder],
            ["fleet", "--broker", "mqtt://127.0.0.1:\(broker.port)", "--for", "2s", "--window", "1s"],
        ] {
            Self.expectVietnamese(try run(arguments), arguments.joined(separator: " "), folder: folder)
        }
        for command in Kioskctl.commands {
            Self.expectVietnamese(try run(["help", command.name]), "help \(command.name)")
        }
        Self.expectVietnamese(try run(["help"]), "help")
        Self.expectVietnamese(try run(["frobnicate"]), "an unknown command")

        // The same words from LANG alone, with an English configuration; --lang beats both.
        let english = try runCommand(kioskctl, ["--socket", kioskd.socketPath, "status"], environment: ["LANG": "vi_VN.UTF-8"])
        Self.expectVietnamese(english, "status with LANG=vi_VN.UTF-8")
        let flag = try runCommand(kioskctl, ["--socket", kioskd.socketPath, "--lang", "en", "status"], environment: ["LANG": "vi_VN.UTF-8"])
        #expect(flag.stdout.hasPrefix("PROBLEM: the kiosk is offline."), "\(flag.stdout)")

        try kioskd.stop()
        let down = try run(["status"])
        #expect(down.status == 69)
        #expect(down.stderr.hasPrefix("kioskctl: không liên lạc được với kioskd tại"), "\(down.stderr)")
        Self.expectVietnamese(down, "status with kioskd down", folder: kioskd.folder.path)
        let downOutages = try run(["outages"])
        #expect(downOutages.status == 0, "\(downOutages.stderr)")
        Self.expectVietnamese(downOutages, "outages with kioskd down", folder: kioskd.folder.path)
        withExtendedLifetime(broker) {}
    }

    /// Colour on a terminal (a pseudo-terminal from `script`), none with NO_COLOR or into a pipe.
    @Test func colourOnlyOnATerminalAndNeverWithNoColor() throws {
        let kioskd = try KioskdProcess(config: "[mqtt]\nhost = 127.0.0.1\nport = 9\n")
        try kioskd.start()
        // A refused attempt first: the first one under way is only a note, not a problem.
        #expect(waitUntil(timeout: 10) { ((try? kioskd.status())?.broker.failedAttempts ?? 0) > 0 })
        let command = "\(try Binaries.path("kioskctl")) --socket \(kioskd.socketPath) status"
        let terminal = try runCommand("/usr/bin/script", ["-qec", command, "/dev/null"], environment: ["TERM": "xterm"])
        #expect(terminal.stdout.contains("\u{1B}["), "no colour on a terminal: \(terminal.stdout)")
        let noColor = try runCommand("/usr/bin/script", ["-qec", command, "/dev/null"], environment: ["TERM": "xterm", "NO_COLOR": "1"])
        #expect(noColor.stdout.contains("PROBLEM:"), "\(noColor.stdout)")
        #expect(!noColor.stdout.contains("\u{1B}["), "colour despite NO_COLOR: \(noColor.stdout)")
        let pipe = try kioskd.kioskctl(["status"])
        #expect(!pipe.stdout.contains("\u{1B}["))
        try kioskd.stop()
    }
}
