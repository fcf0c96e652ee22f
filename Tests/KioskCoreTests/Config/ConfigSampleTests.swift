import Foundation
import Testing
import TestSupport
@testable import KioskCore

/// `config/kioskd.conf`, the documented sample: as shipped it changes nothing, every default it
/// shows is the real default, and every key is documented.
@Suite struct ConfigSampleTests {
    static let samplePath = Repository.root.path + "/config/kioskd.conf"

    func sample() throws -> String {
        try String(contentsOfFile: Self.samplePath, encoding: .utf8)
    }

    @Test func asShippedItIsTheDefaults() throws {
        #expect(try ConfigLoader.parse(sample(), file: Self.samplePath, host: rootHost) == Config.defaults(for: rootHost))
    }

    /// `#port = 1883` lines are the defaults: uncommenting all of them must change nothing.
    @Test func everyDefaultShownIsTheRealDefault() throws {
        var uncommented = 0
        let lines = try sample().split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.firstMatch(of: #/^#([a-z_]+) = /#) != nil || line.firstMatch(of: #/^#\[/#) != nil {
                uncommented += 1
                return String(line.dropFirst())
            }
            return String(line)
        }
        // Every key with a default value but [device] id, whose default is the host name.
        let defaults = Config.defaults(for: rootHost)
        let withValue = ConfigSchema.fixedSections.flatMap(\.keys).filter { $0.render(defaults) != nil }
        #expect(uncommented == withValue.count - 1)
        let text = lines.joined(separator: "\n")
        #expect(try ConfigLoader.parse(text, file: "uncommented", host: rootHost) == Config.defaults(for: rootHost))
    }

    /// Every key of every section is in the sample: as a `#key = default` line, or for
    /// `[device] id` (default computed from the host name) and item sections, in the prose.
    @Test func everyKeyIsDocumented() throws {
        let text = try sample()
        let lines = text.split(separator: "\n").map(String.init)
        for section in ConfigSchema.fixedSections {
            #expect(lines.contains("[\(section.name)]"), "[\(section.name)]")
            for key in section.keys {
                let asDefault = lines.contains { $0.hasPrefix("#\(key.name) =") }
                let asExample = lines.contains { $0.hasPrefix("#   \(key.name) = ") }
                #expect(asDefault || (section.name == "device" && key.name == "id" && asExample), "\(section.name).\(key.name)")
            }
        }
        for key in ConfigSchema.probeKeys.map(\.name) + ConfigSchema.ledKeys.map(\.name) {
            #expect(lines.contains { $0.hasPrefix("#   \(key) ") }, "item key \(key)")
        }
        for word in Config.Probe.Kind.allCases.map(\.rawValue) + Config.LED.Role.allCases.map(\.rawValue) + Config.LED.Driver.allCases.map(\.rawValue) {
            #expect(text.contains(word), "\(word)")
        }
        #expect(text.contains("#   [probe.") && text.contains("#   [led."))
    }

    /// The examples, uncommented, are valid sections.
    @Test func examplesAreValid() throws {
        var examples: [String] = []
        var inExample = false
        for line in try sample().split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#   [") { inExample = true }
            if inExample && line.hasPrefix("#") {
                examples.append(String(line.dropFirst().trimmed))
            } else {
                inExample = false
            }
        }
        let text = examples.filter { !$0.hasPrefix("id =") }.joined(separator: "\n")
        let config = try ConfigLoader.parse(text, file: "examples", host: rootHost)
        #expect(config.probes.map(\.name) == ["uplink", "gateway", "dns", "portal", "broker"])
        #expect(config.leds.map(\.name) == ["power", "network", "fault"])
    }
}
