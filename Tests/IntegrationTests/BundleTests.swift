import Foundation
import KioskCore
import Testing
import TestSupport

/// `kioskctl bundle`: one archive a technician carries out to the province, made by the real
/// kioskctl from a real kioskd connected to a real mosquitto with a password and a client key,
/// and then from its store alone; unpacked with the system's tar and read file by file.
@Suite struct BundleTests {
    /// In every bundle, whether kioskd runs or not.
    static let alwaysThere = [
        "README.txt", "bundle.json", "versions.json", "health.json", "outages.json", "sessions.json",
        "summaries.json", "events.json", "queue.json", "config.json",
    ]
    static let hasJournal = ["/usr/bin/journalctl", "/bin/journalctl"].contains { FileManager.default.isExecutableFile(atPath: $0) }

    struct Manifest: Decodable {
        struct Note: Decodable {
            var file: String
            var code: String
        }
        var device: String
        var kioskdRunning: Bool
        var files: [String]
        var notes: [Note]
    }

    /// An unpacked bundle: its one top folder and the files in it.
    struct Unpacked {
        var folder: URL
        var files: [String]
        var manifest: Manifest

        func text(_ file: String) throws -> String {
            try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        }
    }

    @Test func aBundleHoldsTheKiosksStateAndNoSecretWithKioskdRunningOrNot() throws {
        let certificates = try TestCertificates(clientCertificate: true)
        let password = "pw-\(UUID().uuidString)"
        let broker = try MosquittoBroker(options: .init(tls: .init(certificates, requireClientCertificate: true), users: ["kiosk": password]))
        let kioskd = try KioskdProcess(config: "")
        let passwordFile = kioskd.folder.appendingPathComponent("mqtt.pass").path
        try (password + "\n").write(toFile: passwordFile, atomically: true, encoding: .utf8)
        chmod(passwordFile, 0o640)
        let keyFile = try #require(certificates.clientKeyFile)
        chmod(keyFile, 0o600)
        try """
            [device]
            id = kiosk-b
            site = xa-phu-my
            [mqtt]
            host = 127.0.0.1
            port = \(broker.port)
            tls = yes
            ca_file = \(certificates.caFile)
            cert_file = \(certificates.clientCertFile ?? "")
            key_file = \(keyFile)
            username = kiosk
            password_file = \(passwordFile)
            reconnect_max = 1s
            will_delay = 1s
            [sessions]
            labels = learning, other
            [probe.loopback]
            type = icmp
            target = 127.0.0.1
            timeout = 200ms
            [storage]
            dir = \(kioskd.folder.path)/state
            [control]
            socket = \(kioskd.socketPath)

            """.write(toFile: kioskd.configPath, atomically: true, encoding: .utf8)
        try kioskd.start()
        // Connected: the password and the key really are the ones kioskd uses.
        #expect(waitUntil(timeout: 15) { (try? kioskd.status().broker.state) == .connected }, "\(kioskd.log)\n\(broker.log)")
        #expect(try kioskd.kioskctl(["session", "start", "--label", "learning"]).status == 0)
        #expect(try kioskd.kioskctl(["session", "end"]).status == 0)
        let key = try String(contentsOfFile: keyFile, encoding: .utf8)
        let secrets = [password] + key.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("-----") }
        #expect(secrets.count > 2)

        let up = try bundle(kioskd, json: false)
        #expect(up.result.status == 0, "\(up.result.stderr)")
        #expect(up.result.stdout.hasPrefix("Bundle written: \(up.path) ("), "\(up.result.stdout)")
        let running = try #require(up.unpacked)
        #expect(running.manifest.kioskdRunning)
        #expect(running.manifest.device == "kiosk-b")
        for file in Self.alwaysThere + ["status.json", "doctor.json"] {
            #expect(running.files.contains(file), "\(file) missing from \(running.files)")
        }
        #expect(Set(running.manifest.files) == Set(running.files))
        try expectJSONFilesParse(running)
        try expectJournalOrItsAbsence(running)
        let status = try JSON.decoder().decode(StatusReport.self, from: Data(running.text("status.json").utf8))
        #expect(status.device == "kiosk-b")
        #expect(status.broker.state == .connected)
        let versions = try parsed(running.text("versions.json"))
        #expect(versions["kioskctl"] == .string(KioskAgent.version) && versions["kioskd"] == .string(KioskAgent.version))
        #expect(versions["kernel"]?.string?.hasPrefix("Linux ") == true, "\(versions)")
        #expect(try parsed(running.text("doctor.json"))["layers"] != nil)
        // Paths of the secret files may be there; what is in them never is.
        let config = try parsed(running.text("config.json"))
        #expect(config["ini"]?.string?.contains("password_file = \(passwordFile)") == true, "\(config)")
        #expect(config["ini"]?.string?.contains("key_file = \(keyFile)") == true)
        try expectNoSecret(secrets, in: running)
        try expectNothingPersonal(in: running, labels: ["learning", "other"])
        try expectBothLanguages(in: running)

        // kioskd down: the same bundle from the store, read-only, status and doctor noted as missing.
        try kioskd.stop()
        let down = try bundle(kioskd, json: true)
        #expect(down.result.status == 0, "\(down.result.stderr)")
        #expect(down.result.stderr.contains("kioskd is not running: the bundle has no status"), "\(down.result.stderr)")
        // The store is opened once for every file read from it, and said once.
        #expect(down.result.stderr.components(separatedBy: "read the store at \(kioskd.folder.path)/state directly").count == 2, "\(down.result.stderr)")
        let written = try parsed(down.result.stdout)
        #expect(written["path"] == .string(down.path))
        let size = try #require(try FileManager.default.attributesOfItem(atPath: down.path)[.size] as? NSNumber)
        #expect(written["bytes"]?.number == size.doubleValue)
        let stopped = try #require(down.unpacked)
        #expect(!stopped.manifest.kioskdRunning)
        for file in Self.alwaysThere {
            #expect(stopped.files.contains(file), "\(file) missing from \(stopped.files)")
        }
        #expect(!stopped.files.contains("status.json") && !stopped.files.contains("doctor.json"))
        for file in ["status.json", "doctor.json"] {
            #expect(stopped.manifest.notes.contains { $0.file == file && $0.code == "unreachable" }, "\(file): \(stopped.manifest.notes)")
        }
        #expect(!stopped.manifest.notes.contains { $0.code == "failed" }, "\(stopped.manifest.notes)")
        try expectJSONFilesParse(stopped)
        try expectJournalOrItsAbsence(stopped)
        let sessions = try JSON.decoder().decode([HistoryEntry].self, from: Data(stopped.text("sessions.json").utf8))
        #expect(sessions.map { $0.data["label"] } == [.string("learning")])
        let events = try JSON.decoder().decode([HistoryEntry].self, from: Data(stopped.text("events.json").utf8))
        #expect(events.contains { $0.data["kind"] == .string("boot") }, "\(events)")
        let summaries = try JSON.decoder().decode([DailySummary].self, from: Data(stopped.text("summaries.json").utf8))
        #expect(summaries.count == 7)
        #expect(summaries.first?.sessions.count == 1)
        #expect(try parsed(stopped.text("config.json"))["source"] == .string("file"))
        try expectNoSecret(secrets, in: stopped)
        try expectNothingPersonal(in: stopped, labels: ["learning", "other"])
    }

    @Test func anOutputIntoAMissingFolderFailsAndSaysWhy() throws {
        let kioskd = try KioskdProcess(config: "[device]\nid = kiosk-c\n")
        let folder = kioskd.folder.appendingPathComponent("no/such").path
        let target = folder + "/b.tar.gz"
        for (language, message) in [
            ("en", "kioskctl bundle: cannot write \(target): the folder \(folder) does not exist\n"),
            ("vi", "kioskctl bundle: không ghi được \(target): thư mục \(folder) không tồn tại\n"),
        ] {
            let result = try runCommand(try Binaries.path("kioskctl"), [
                "--socket", kioskd.socketPath, "--config", kioskd.configPath, "--lang", language, "bundle", "--output", target,
            ])
            #expect(result.status == 1)
            // Wrapped to 80 columns; as one line:
            #expect(result.stderr.replacing("\n  ", with: " ") == message)
        }
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    /// Without --output, in the current folder; with a folder (a USB stick's), in it.
    @Test func theDefaultNameHasTheDeviceAndTheUTCTime() throws {
        let kioskd = try KioskdProcess(config: "[device]\nid = kiosk-d\n")
        let here = kioskd.folder.appendingPathComponent("here"), stick = kioskd.folder.appendingPathComponent("stick")
        for folder in [here, stick] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        let before = KernelClock.wallMilliseconds() / 1000
        let inCurrent = try runCommand("/bin/sh", [
            "-c", "cd \"$1\" && exec \"$2\" --socket \"$3\" --config \"$4\" --json bundle", "sh", here.path,
            try Binaries.path("kioskctl"), kioskd.socketPath, kioskd.configPath,
        ])
        let onStick = try runCommand(try Binaries.path("kioskctl"), [
            "--socket", kioskd.socketPath, "--config", kioskd.configPath, "--json", "bundle", "--output", stick.path,
        ])
        for (result, folder, shown) in [(inCurrent, here, "."), (onStick, stick, stick.path)] {
            #expect(result.status == 0, "\(result.stderr)")
            let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first)
            #expect(try parsed(result.stdout)["path"]?.string == "\(shown)/\(name)")
            #expect(name.hasPrefix("kiosk-bundle-kiosk-d-") && name.hasSuffix("Z.tar.gz"), "\(name)")
            let stamp = String(name.dropFirst("kiosk-bundle-kiosk-d-".count).dropLast(".tar.gz".count))
            let rfc3339 = stamp.enumerated().map { index, c in
                [4, 6].contains(index) ? "-\(c)" : [11, 13].contains(index) ? ":\(c)" : "\(c)"
            }.joined()
            let made = try #require(KernelClock.milliseconds(rfc3339: rfc3339), "\(stamp)") / 1000
            #expect(made >= before && made <= before + 30, "\(stamp)")
            let listed = try runCommand("/bin/tar", ["tzf", folder.appendingPathComponent(name).path])
            let top = String(name.dropLast(".tar.gz".count))
            #expect(!listed.stdout.isEmpty && listed.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix(top + "/") }, "\(listed.stdout)")
        }
    }

    // MARK: helpers

    func parsed(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// `kioskctl bundle --output FOLDER/b.tar.gz` with a temporary folder of its own (which it
    /// must leave empty), and the archive unpacked by tar.
    func bundle(_ kioskd: KioskdProcess, json: Bool) throws -> (result: CommandResult, path: String, unpacked: Unpacked?) {
        let run = kioskd.folder.appendingPathComponent("bundle-\(UUID().uuidString.prefix(6))")
        let scratch = run.appendingPathComponent("tmp"), out = run.appendingPathComponent("out")
        for folder in [scratch, out] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        let path = run.appendingPathComponent("b.tar.gz").path
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = scratch.path
        let result = try runCommand(
            try Binaries.path("kioskctl"),
            ["--socket", kioskd.socketPath, "--config", kioskd.configPath, "--lang", "en"] + (json ? ["--json"] : [])
                + ["bundle", "--output", path],
            environment: environment, timeout: 120)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty, "its temporary folder is left")
        guard result.status == 0 else { return (result, path, nil) }
        let untar = try runCommand("/bin/tar", ["xzf", path, "-C", out.path])
        #expect(untar.status == 0, "\(untar.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["b"], "one top folder named like the archive")
        let folder = out.appendingPathComponent("b")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let manifest = try JSON.decoder().decode(Manifest.self, from: Data(contentsOf: folder.appendingPathComponent("bundle.json")))
        return (result, path, Unpacked(folder: folder, files: files, manifest: manifest))
    }

    func expectJSONFilesParse(_ bundle: Unpacked) throws {
        for file in bundle.files where file.hasSuffix(".json") {
            #expect((try? parsed(bundle.text(file))) != nil, "\(file) is not JSON")
        }
    }

    /// The journal's last lines where journalctl is, a note saying it is not elsewhere.
    func expectJournalOrItsAbsence(_ bundle: Unpacked) throws {
        if Self.hasJournal {
            #expect(bundle.files.contains("journal.txt"))
        } else {
            #expect(!bundle.files.contains("journal.txt"))
            #expect(bundle.manifest.notes.contains { $0.file == "journal.txt" && $0.code == "no-journalctl" })
        }
    }

    func expectNoSecret(_ secrets: [String], in bundle: Unpacked) throws {
        for file in bundle.files {
            let text = try bundle.text(file)
            for secret in secrets {
                #expect(!text.contains(secret), "\(file) holds a secret")
            }
        }
    }

    /// SessionTests' privacy check, over the bundle: no user's home, input device or name in
    /// any file, and sessions with only the session record's own fields and configured labels.
    func expectNothingPersonal(in bundle: Unpacked, labels: Set<String>) throws {
        let user = ProcessInfo.processInfo.environment["USER"] ?? "root"
        for file in bundle.files {
            let text = try bundle.text(file)
            #expect(!text.contains("/home/") && !text.contains("/dev/input"), "\(file)")
            #expect(!text.contains("\"\(user)\""), "\(file)")
        }
        let sessionKeys: Set = [
            "id", "start", "end", "duration_ms", "active_ms", "idle_ms", "end_reason", "label", "source", "start_boot",
            "end_boot", "clock",
        ]
        let sessions = try JSON.decoder().decode([HistoryEntry].self, from: Data(bundle.text("sessions.json").utf8))
        #expect(!sessions.isEmpty)
        for session in sessions {
            guard case .object(let data) = session.data else {
                Issue.record("a session without data: \(session)")
                continue
            }
            #expect(Set(data.keys).isSubset(of: sessionKeys), "\(data.keys)")
            if let label = data["label"]?.string { #expect(labels.contains(label)) }
        }
    }

    /// README.txt: Vietnamese first, then English, each naming the files.
    func expectBothLanguages(in bundle: Unpacked) throws {
        let readme = try bundle.text("README.txt")
        let vietnamese = try #require(readme.range(of: "Gói chẩn đoán kiosk-agent (tiếng Việt)"))
        let english = try #require(readme.range(of: "kiosk-agent diagnostic bundle (English)"))
        #expect(vietnamese.lowerBound < english.lowerBound)
        for file in Self.alwaysThere + ["status.json", "doctor.json", "journal.txt"] where file != "README.txt" {
            #expect(readme.components(separatedBy: file).count == 3, "\(file) not explained in both languages")
        }
        #expect(readme.components(separatedBy: "kiosk-b").count == 3, "the kiosk named in both")
        #expect(readme.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { $0.count <= 80 })
    }
}
