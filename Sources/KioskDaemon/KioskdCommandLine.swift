#if canImport(Glibc)
import Glibc
#endif
import KioskCore
import KioskGPIO
import KioskMQTT

/// kioskd's arguments: `kioskd [--config PATH]`, `kioskd --check-config [PATH]`, `--version`, `--help`.
///
/// Exit statuses: 0 success, 1 failure, 64 usage error, 78 configuration error (EX_CONFIG, so
/// systemd's `RestartPreventExitStatus=78` stops a restart loop on a broken file).
public enum KioskdCommandLine {
    static let usage = """
        usage: kioskd [--config PATH]        run the daemon (default \(HostEnvironment.defaultConfigPath);
                                             no file there means the built-in defaults)
               kioskd --check-config [PATH]  validate a configuration file and exit
               kioskd --version | --help

        """

    public static func main(_ arguments: [String]) -> Int32 {
        var configPath: String?
        var checkOnly = false
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst() {
            switch argument {
            case "--config", "-c":
                guard let path = rest.popFirst() else { return usageError("--config needs a path") }
                configPath = path
            case "--check-config":
                checkOnly = true
                if let next = rest.first, !next.hasPrefix("-") { configPath = rest.popFirst() }
            case "--version":
                print("kioskd \(KioskAgent.version) (libmosquitto \(BrokerClient.libraryVersion), libgpiod \(GPIOLibrary.version) API v\(GPIOLibrary.api))")
                return 0
            case "--help", "-h":
                print(usage, terminator: "")
                return 0
            default:
                if argument.hasPrefix("--config=") {
                    configPath = String(argument.dropFirst("--config=".count))
                } else {
                    return usageError("unknown argument \(argument)")
                }
            }
        }

        let loaded: LoadedConfig
        do throws(ConfigError) {
            loaded = try ConfigLoader.load(path: configPath)
        } catch {
            printError(error.description)
            if !checkOnly { printError("kioskd: refusing to start with configuration errors") }
            return checkOnly ? 1 : 78
        }
        if checkOnly {
            if let file = loaded.file {
                print("\(file): configuration is valid")
            } else {
                print("no configuration file at \(HostEnvironment.defaultConfigPath): the built-in defaults apply")
            }
            return 0
        }
        return Daemon(configPath: configPath, loaded: loaded).run()
    }

    private static func usageError(_ message: String) -> Int32 {
        printError("kioskd: \(message)\n" + usage)
        return 64
    }
}

/// Writes a line to stderr (`fputs(…, stderr)` does not compile under Swift 6).
func printError(_ text: String) {
    var line = text
    if !line.hasSuffix("\n") { line += "\n" }
    line.withUTF8 { buffer in _ = write(2, buffer.baseAddress, buffer.count) }
}
