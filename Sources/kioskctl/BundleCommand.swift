import Foundation
#if canImport(Glibc)
import Glibc
#endif
import KioskCore

/// `kioskctl bundle [--output PATH]`: what the province's engineers need to see what happened
/// at a kiosk, in one `.tar.gz` a technician carries out on a USB stick.
///
/// It works while kioskd is down too: the history then comes from the store, read-only, and
/// `bundle.json` says what is missing and why. Nothing personal and no secret goes in: the
/// records hold no visitor data, and the configuration only names the files its secrets are in.
enum BundleCommand: KioskctlCommand {
    static let name = "bundle"

    /// How far back the history files go, in days.
    static let days = 7
    /// A cap per history file against a runaway (an event every second): far more records than
    /// seven days hold at the configured intervals. A file that reaches it says so.
    static let recordLimit = 100_000
    static let journalLines = 2000
    static let tar = "/bin/tar"
    static let journalctl = ["/usr/bin/journalctl", "/bin/journalctl"]

    /// `--json`: where the bundle is and how big.
    struct Written: Codable {
        var path: String
        var bytes: UInt64
    }

    static func run(_ arguments: [String], _ context: Context) throws(CommandFailure) {
        let words = context.words
        var output: String?
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard argument == "--output" else { throw .usage(words("usage.unknownOption", ["option": argument])) }
            guard let path = rest.popFirst() else { throw .usage(words("usage.needsPath", ["option": argument])) }
            output = path
        }
        let now = KernelClock.wallMilliseconds()
        let status = Result { () throws(CommandFailure) in try context.call("status", as: StatusReport.self) }
        let kernel = Kernel.current
        let device = (try? status.get().device)
            ?? context.config?.device.id ?? kernel.nodename
        let defaultName = "kiosk-bundle-\(device)-\(stamp(now))"
        let path = try archivePath(output, defaultName: defaultName, words)

        let scratch = try Scratch()
        defer { scratch.remove() }
        var contents = try Contents(in: scratch.path, named: topFolderName(path) ?? defaultName)
        try fill(&contents, status: status, kernel: kernel, now: now, context)
        let created = KernelClock.rfc3339(milliseconds: now)
        let readme = [Words(.vi), Words(.en)].map { $0("bundle.readme", ["device": device, "created": created]) }
        try contents.write("README.txt", Data(readme.joined(separator: "\n\n").utf8))
        try contents.finish(created: created, device: device, kioskdRunning: (try? status.get()) != nil)
        // kioskd not running was said first, with what it means for the bundle.
        for note in contents.notes where note.code != Note.unreachable {
            Output.error(words("bundle.incomplete", ["file": note.file, "reason": note.message]))
        }
        let bytes = try contents.archive(to: path, scratch: scratch.path, words)
        if context.json {
            Output.json(Written(path: path, bytes: bytes))
        } else {
            Output.line(words("bundle.written", ["path": path, "size": size(bytes, words)]) + "\n" + words("bundle.carry"))
        }
    }

    /// Where the archive goes: `--output` as given, or inside it when it is a folder (a USB
    /// stick's), else the default name in the current folder. The folder must exist.
    static func archivePath(_ output: String?, defaultName: String, _ words: Words) throws(CommandFailure) -> String {
        let file = defaultName + ".tar.gz"
        guard let output else { return "./" + file }
        if isFolder(output) { return (output as NSString).appendingPathComponent(file) }
        let folder = (output as NSString).deletingLastPathComponent
        guard folder.isEmpty || isFolder(folder) else {
            throw .failed(words("bundle.noFolder", ["path": output, "folder": folder]))
        }
        return output
    }

    static func isFolder(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }

    /// Every part, from kioskd when it runs, else from its store; what cannot be had is noted.
    static func fill(
        _ contents: inout Contents, status: Result<StatusReport, CommandFailure>, kernel: Kernel, now: Int64,
        _ context: Context
    ) throws(CommandFailure) {
        var context = context
        if case .failure(.unreachable) = status {
            Output.error(context.words("bundle.kioskdDown"))
            // Opened once for every part read from it; one that cannot be opened is noted in each.
            context.openedStore = try? context.openStoreReadOnly()
        }
        contents.add("status.json") { () throws(CommandFailure) in try status.get() }
        switch status {
        case .success: contents.add("doctor.json") { () throws(CommandFailure) in try DoctorCommand.check(context, words: Words(.en, zone: context.words.zone)) }
        case .failure(let failure): contents.note("doctor.json", failure)
        }
        let since = Duration.seconds(days * 86_400)
        for (file, type) in [("health.json", "health"), ("outages.json", "outage"), ("sessions.json", "session"), ("events.json", "event")] {
            let entries = contents.add(file) { () throws(CommandFailure) in
                try History.read(type: type, since: since, limit: recordLimit, context)
            }
            if let entries, entries.count >= recordLimit {
                contents.note(file, code: "truncated", message: "only the newest \(recordLimit) records")
            }
        }
        contents.add("summaries.json") { () throws(CommandFailure) in
            var day = context.words.zone.day(atUTC: now)
            var summaries: [DailySummary] = []
            for _ in 0..<days {
                summaries.append(try ReportCommand.summary(day: day.description, context))
                day = day.previous
            }
            return summaries
        }
        contents.add("queue.json") { () throws(CommandFailure) in try QueueCommand.stats(context) }
        contents.add("config.json") { () throws(CommandFailure) in try ConfigCommand.effective(context) }
        contents.add("versions.json") {
            Versions(kioskctl: KioskAgent.version, kioskd: try? status.get().version, kernel: kernel.line)
        }
        contents.addJournal()
    }

    /// `20261204T192221Z`: a moment in UTC, for a file name.
    static func stamp(_ ms: Int64) -> String {
        String(KernelClock.rfc3339(milliseconds: ms).prefix(19).filter { $0 != "-" && $0 != ":" }) + "Z"
    }

    /// The archive's name without `.tar.gz` (or `.tgz`): the folder it unpacks to. nil for a
    /// name without either, which would unpack over the archive itself.
    static func topFolderName(_ path: String) -> String? {
        let file = (path as NSString).lastPathComponent
        for suffix in [".tar.gz", ".tgz"] where file.hasSuffix(suffix) && file.count > suffix.count {
            return String(file.dropLast(suffix.count))
        }
        return nil
    }

    /// `830 bytes`, `12.4 KiB`, `3.1 MiB`, with the language's decimal mark.
    static func size(_ bytes: UInt64, _ words: Words) -> String {
        guard bytes >= 1024 else { return words("bundle.size.bytes", ["n": "\(bytes)"]) }
        let (key, unit) = bytes < 1024 * 1024 ? ("bundle.size.kib", 1024.0) : ("bundle.size.mib", 1024.0 * 1024)
        let tenths = Int((Double(bytes) / unit * 10).rounded())
        return words(key, ["whole": "\(tenths / 10)", "tenth": "\(tenths % 10)"])
    }

    struct Versions: Codable {
        var kioskctl: String
        /// From `status`: absent when kioskd was not running.
        var kioskd: String?
        /// As `uname -a` has it.
        var kernel: String
    }

    /// A part the bundle lacks, or has only in part, and why: `bundle.json`'s `notes`.
    struct Note: Codable {
        static let unreachable = "unreachable"
        var file: String
        var code: String
        var message: String

        init(file: String, code: String, message: String) {
            self.file = file
            self.code = code
            self.message = message
        }

        init(file: String, _ failure: CommandFailure) {
            switch failure {
            case .unreachable(let path, let reason):
                self.init(file: file, code: Self.unreachable, message: "kioskd is not reachable at \(path) (\(reason))")
            case .failed(let message, _), .usage(let message), .brokerUnreachable(let message):
                self.init(file: file, code: "failed", message: message)
            }
        }
    }

    /// `bundle.json`: what is inside, and what is not.
    struct Manifest: Codable {
        var created: String
        var device: String
        var kioskdRunning: Bool
        var files: [String]
        var notes: [Note]
    }
}

extension BundleCommand {
    /// The kernel, from uname(2).
    struct Kernel {
        var sysname, nodename, release, version, machine: String

        static var current: Kernel {
            var name = utsname()
            _ = uname(&name)
            func text<Field>(_ field: Field) -> String {
                withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            }
            return Kernel(
                sysname: text(name.sysname), nodename: text(name.nodename), release: text(name.release),
                version: text(name.version), machine: text(name.machine))
        }

        /// `Linux kiosk-01 6.1.0-rpi7 #1 SMP PREEMPT Debian 1:6.1.63-1+rpt1 (2023-11-24) aarch64`
        var line: String { [sysname, nodename, release, version, machine].joined(separator: " ") }
    }

    /// A temporary folder only its owner can enter (mkdtemp(3) makes it 0700), removed at the end.
    struct Scratch {
        let path: String

        init() throws(CommandFailure) {
            let template = (FileManager.default.temporaryDirectory.path as NSString).appendingPathComponent("kioskctl-bundle.XXXXXX")
            var bytes = Array(template.utf8CString)
            guard let made = mkdtemp(&bytes) else {
                throw .failed("cannot make a temporary folder from \(template): \(String(cString: strerror(errno)))")
            }
            path = String(cString: made)
        }

        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    /// The bundle's top folder as it fills, and the notes on what could not go in.
    struct Contents {
        let name: String
        let path: String
        private(set) var files: [String] = []
        private(set) var notes: [Note] = []

        init(in scratch: String, named name: String) throws(CommandFailure) {
            self.name = name
            path = (scratch as NSString).appendingPathComponent(name)
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            } catch {
                throw .failed("cannot make \(path): \(error.localizedDescription)")
            }
        }

        /// `file` as JSON from `produce`, which it returns; a failure becomes a note instead.
        @discardableResult
        mutating func add<T: Encodable>(_ file: String, _ produce: () throws(CommandFailure) -> T) -> T? {
            do throws(CommandFailure) {
                let value = try produce()
                guard let data = Output.jsonDocument(value) else {
                    note(file, code: "failed", message: "cannot encode it as JSON")
                    return nil
                }
                try write(file, data + Data("\n".utf8))
                return value
            } catch {
                note(file, error)
                return nil
            }
        }

        mutating func note(_ file: String, _ failure: CommandFailure) { notes.append(.init(file: file, failure)) }

        mutating func note(_ file: String, code: String, message: String) {
            notes.append(.init(file: file, code: code, message: message))
        }

        /// `journal.txt`: the service's last lines of log, from the systemd journal when there is one.
        mutating func addJournal() {
            let file = "journal.txt"
            guard let program = journalctl.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
                note(file, code: "no-journalctl", message: "journalctl is not installed: no systemd journal here")
                return
            }
            let target = (path as NSString).appendingPathComponent(file)
            let arguments = ["-u", "kioskd", "-n", "\(journalLines)", "--no-pager"]
            if let problem = Subprocess.run(program, arguments, log: target, timeout: .seconds(60)) {
                note(file, code: "journalctl-failed", message: "journalctl \(problem)")
            }
            if FileManager.default.fileExists(atPath: target) { files.append(file) }
        }

        mutating func write(_ file: String, _ data: Data) throws(CommandFailure) {
            let target = (path as NSString).appendingPathComponent(file)
            guard FileManager.default.createFile(atPath: target, contents: data) else {
                throw .failed("cannot write \(target): \(String(cString: strerror(errno)))")
            }
            files.append(file)
        }

        /// `bundle.json`, the last file: every other one is in it.
        mutating func finish(created: String, device: String, kioskdRunning: Bool) throws(CommandFailure) {
            let manifest = Manifest(
                created: created, device: device, kioskdRunning: kioskdRunning, files: files + ["bundle.json"], notes: notes)
            guard let data = Output.jsonDocument(manifest) else { throw .failed("cannot encode bundle.json") }
            try write("bundle.json", data + Data("\n".utf8))
        }

        /// The folder packed into `archive` with the system's tar; returns the archive's size.
        func archive(to archive: String, scratch: String, _ words: Words) throws(CommandFailure) -> UInt64 {
            let log = (scratch as NSString).appendingPathComponent("tar.log")
            if let problem = Subprocess.run(tar, ["czf", archive, "-C", scratch, name], log: log, timeout: .seconds(300)) {
                let said = (try? String(contentsOfFile: log, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                try? FileManager.default.removeItem(atPath: archive)
                throw .failed(words("bundle.tarFailed", ["path": archive, "reason": said.isEmpty ? "tar \(problem)" : said]))
            }
            var info = stat()
            guard stat(archive, &info) == 0 else {
                throw .failed(words("bundle.tarFailed", ["path": archive, "reason": String(cString: strerror(errno))]))
            }
            return UInt64(info.st_size)
        }
    }

    /// A program run to its end, for `bundle`'s tar and journalctl.
    enum Subprocess {
        /// Runs `executable` with its stdout and stderr into the file `log`, for at most `timeout`.
        /// Returns nil when it exited with status 0, else what went wrong (`exited with status 1`).
        static func run(_ executable: String, _ arguments: [String], log: String, timeout: Duration) -> String? {
            guard FileManager.default.createFile(atPath: log, contents: nil), let handle = FileHandle(forWritingAtPath: log) else {
                return "cannot write its output to \(log)"
            }
            defer { try? handle.close() }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = handle
            process.standardError = handle
            do {
                try process.run()
            } catch {
                return "cannot start: \(error.localizedDescription)"
            }
            let deadline = KernelClock.monotonicMilliseconds() + timeout.inMilliseconds
            while process.isRunning {
                if KernelClock.monotonicMilliseconds() > deadline {
                    process.terminate()
                    process.waitUntilExit()
                    return "did not finish within \(timeout.inMilliseconds / 1000) s"
                }
                usleep(20_000)
            }
            if process.terminationReason == .uncaughtSignal { return "was killed by signal \(process.terminationStatus)" }
            return process.terminationStatus == 0 ? nil : "exited with status \(process.terminationStatus)"
        }
    }
}
