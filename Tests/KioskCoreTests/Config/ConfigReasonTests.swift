import Testing
@testable import KioskCore

/// The common configuration problems carry a stable code and its values besides the English
/// message, so kioskctl can say them in Vietnamese; a problem the code cannot say has none.
@Suite struct ConfigReasonTests {
    func reasons(_ text: String) -> [ConfigReason?] {
        do throws(ConfigError) {
            _ = try ConfigLoader.parse(text, file: "kioskd.conf", host: rootHost)
            return []
        } catch {
            return error.diagnostics.map(\.reason)
        }
    }

    @Test(arguments: [
        ("[mqtt]\nport = 0\n", ConfigReason("not-a-port", ["value": "0"])),
        ("[mqtt]\nhots = x\n", ConfigReason("unknown-key-near", ["near": "host"])),
        ("[mqtt]\nsite = x\n", ConfigReason("unknown-key-elsewhere", ["sections": "[device]"])),
        ("[mqtt]\nkeepalive = 30\n", ConfigReason("duration-needs-unit", ["value": "30"])),
        ("[mqtt]\nkeepalive = soon\n", ConfigReason("not-a-duration", ["value": "soon"])),
        ("[storage]\nmax_size = 5MB\n", ConfigReason("not-a-size", ["value": "5MB"])),
        ("[storage]\nmax_size = 5\n", ConfigReason("size-needs-unit", ["value": "5"])),
        ("[mqtt]\ntls = maybe\n", ConfigReason("not-a-boolean", ["value": "maybe"])),
        ("[log]\nlevel = loud\n", ConfigReason("not-a-choice", ["value": "loud", "options": "error, warning, notice, info, debug"])),
    ] as [(String, ConfigReason)])
    func aCommonProblemHasItsCodeAndValues(text: String, expected: ConfigReason) {
        #expect(reasons(text) == [expected])
    }

    @Test func aValueWithATrailingCommentIsSaidOnlyInEnglish() {
        // The message adds why (a comment must be on a line of its own), which the code does not say.
        #expect(problems("[mqtt]\nport = 1883 # broker\n") == [
            "kioskd.conf:2: [mqtt] port: \"1883 # broker\" is not a port (1-65535); a comment must be on a line of its own",
        ])
        #expect(reasons("[mqtt]\nport = 1883 # broker\n") == [nil])
    }

    @Test func theLocationIsTheDescriptionWithoutTheMessage() {
        let problem = ConfigDiagnostic(file: "k.conf", line: 3, section: "mqtt", key: "host", message: "m")
        #expect(problem.location == "k.conf:3: [mqtt] host: ")
        #expect(problem.description == problem.location + "m")
    }
}
