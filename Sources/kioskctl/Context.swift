#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import KioskCore

/// What every command gets: the global options, and the way to kioskd.
struct Context {
    var options: GlobalOptions
    var json: Bool { options.json }
    /// The technician's language and time zone (read from the configuration the first time a
    /// command needs words: a `--json` call never does), and colour when stdout is a terminal.
    var words: Words { read.words }
    /// The configuration file as read, or nil when it cannot be (commands that must report why
    /// load it themselves).
    var config: Config? { read.config }
    /// The configuration file, read once and only when something needs it.
    private let read: LazyRead
    let paint: Paint
    /// The store `openStoreReadOnly()` gives without opening it again: `bundle` reads it many
    /// times and says once where its answers come from.
    var openedStore: RecordStore?

    init(options: GlobalOptions) {
        self.options = options
        read = LazyRead(options)
        paint = Paint.forStandardOutput(environment: ProcessInfo.processInfo.environment)
    }

    /// `--lang`, the environment or `[device] language`, and `[device] timezone`; English and
    /// the system's zone when the configuration cannot be read (the command that needs it says why).
    static func words(_ options: GlobalOptions, config: Config?) -> Words {
        let device = config?.device
        let language = Words.language(
            flag: options.language, environment: ProcessInfo.processInfo.environment, configured: device?.language ?? .en)
        let zone = (try? LocalTimeZone.load(device?.timezone)) ?? .utc
        return Words(language, zone: zone)
    }

    /// The control socket: `--socket`, `$KIOSKD_SOCKET`, else the configuration's `[control]
    /// socket` — for a user who is not root and has no kioskd of their own, the service's.
    var socketPath: String {
        if let socket = options.socket { return socket }
        if let socket = ProcessInfo.processInfo.environment["KIOSKD_SOCKET"], !socket.isEmpty { return socket }
        let configured = read.config?.control.socket ?? HostEnvironment.current.controlSocket
        return HostEnvironment.clientPath(
            configured, userDefault: HostEnvironment.current.controlSocket, serviceDefault: HostEnvironment.service.controlSocket)
    }

    func connect() throws(CommandFailure) -> ControlClient {
        let path = socketPath
        do throws(ControlClient.Failure) {
            return try ControlClient(path: path)
        } catch {
            if case .unreachable(_, let reason) = error { throw .unreachable(path: path, reason: reason) }
            throw .failed(error.description)
        }
    }

    /// Sends a request and decodes its reply; kioskd's refusals become `.failed`.
    func call<R: Codable & Sendable>(_ cmd: String, args: [String: JSONValue]? = nil, as type: R.Type) throws(CommandFailure) -> R {
        let client = try connect()
        let result: Result<R, ControlError>
        do throws(ControlClient.Failure) {
            result = try client.call(cmd, args: args, as: type)
        } catch {
            throw .failed(error.description)
        }
        switch result {
        case .success(let value): return value
        case .failure(let error): throw .failed(refusal(error))
        }
    }

    /// A refusal in the technician's words where kioskd gave its reason as a code, else in
    /// kioskd's own (English) words.
    func refusal(_ error: ControlError) -> String {
        guard words.language != .en, !json, let reason = error.reason, Catalog.english["refusal." + reason] != nil else {
            return error.message
        }
        return words("refusal." + reason, error.values ?? [:])
    }

    /// kioskd is down: its record store, opened read-only (nothing written, no lock taken), with
    /// a line on stderr saying where the answer comes from. Like the socket, a user's own default
    /// folder that does not exist gives way to the service's.
    func openStoreReadOnly() throws(CommandFailure) -> RecordStore {
        if let openedStore { return openedStore }
        let config: Config
        do throws(ConfigError) {
            config = try ConfigLoader.load(path: options.configPath).config
        } catch {
            Output.error(error.description)
            throw .failed(words("config.hasErrors"), printed: true)
        }
        let directory = HostEnvironment.clientPath(
            config.storage.dir, userDefault: HostEnvironment.current.stateDirectory,
            serviceDefault: HostEnvironment.service.stateDirectory)
        do throws(StoreError) {
            let store = try RecordStore.openReadOnly(directory: directory, limits: StoreLimits(config.storage))
            Output.error(words("store.direct", ["path": directory]))
            return store
        } catch {
            throw .failed("cannot read the record store at \(directory): \(error)")
        }
    }

    /// Prints the failure (as JSON too with `--json`) and returns the exit status.
    func report(_ failure: CommandFailure, command: any KioskctlCommand.Type) -> Int32 {
        switch failure {
        case .usage(let message):
            Output.error(Output.wrap("kioskctl \(command.name): \(message)", indent: 2) + "\n\n\(command.help(words))")
            return ExitCode.usage
        case .unreachable(let path, let reason):
            let message = Output.wrap(words("unreachable", ["path": path, "reason": reason]), indent: 2)
            if json { Output.json(FailureDocument(code: "unreachable", message: "kioskd is not reachable at \(path) (\(reason))")) }
            Output.error(message)
            return ExitCode.unavailable
        case .brokerUnreachable(let message):
            if json { Output.json(FailureDocument(code: "unreachable", message: message)) }
            Output.error("kioskctl \(command.name): \(message)")
            return ExitCode.unavailable
        case .failed(let message, let printed):
            if !printed {
                if json { Output.json(FailureDocument(code: "failed", message: message)) }
                // Wrapped to 80 columns, except a configuration diagnostic (`file:line: [section]
                // key: …`), which stays one line, for grep.
                let text = "kioskctl \(command.name): \(message)"
                Output.error(text.contains(#/:\d+: \[/#) ? text : Output.wrap(text, indent: 2))
            }
            return ExitCode.failure
        }
    }
}

/// `--json` output of a command that failed.
struct FailureDocument: Codable {
    struct Detail: Codable {
        var code: String
        var message: String
    }
    var error: Detail

    init(code: String, message: String) { error = Detail(code: code, message: message) }
}

/// The configuration (nil when it cannot be read: the command that needs it says why) and the
/// words it decides, each worked out once and only when asked for.
private final class LazyRead {
    private let options: GlobalOptions
    private(set) lazy var config = try? ConfigLoader.load(path: options.configPath).config
    private(set) lazy var words = Context.words(options, config: config)

    init(_ options: GlobalOptions) { self.options = options }
}
