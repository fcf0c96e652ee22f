import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import KioskCore
import Testing
import TestSupport
@testable import kioskctl

/// The technician's LED card: the committed `config/led-card.*.svg` is what the code prints now,
/// every row has its words in both languages, and the file is one a printer's viewer opens.
@Suite struct LEDCardTests {
    static let languages: [Words.Language] = [.en, .vi]

    /// `kioskctl led card` prints the SVG and a line end (`Output.line`); the file holds both.
    func printed(_ language: Words.Language) -> String { LEDCard(words: Words(language)).svg() }

    @Test(arguments: languages)
    func theCommittedCardIsWhatTheCodePrints(_ language: Words.Language) throws {
        let name = "config/led-card.\(language.rawValue).svg"
        let committed = try Data(contentsOf: URL(fileURLWithPath: try Repository.path(name)))
        // Bytes, not Strings: Swift's == would call a decomposed Vietnamese letter equal.
        #expect(
            Data(printed(language).utf8) == committed,
            "\(name) differs from what `kioskctl led card --lang \(language.rawValue)` prints now: run scripts/make-led-card")
    }

    @Test func theBinaryPrintsTheSameCard() throws {
        let result = try runCommand(try Binaries.path("kioskctl"), ["led", "card", "--lang", "vi"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Data(result.stdout.utf8) == Data(printed(.vi).utf8))
        let json = try runCommand(try Binaries.path("kioskctl"), ["--json", "led", "card"])
        #expect(json.status == 64, "an SVG has no --json form")
    }

    @Test func everyRowHasItsWordsInBothCatalogues() {
        var keys = ["led.card.role.all"] + LEDRole.allCases.map { "led.card.role.\($0)" }
        for row in LEDLegend.rows { keys += ["led.card.\(row.id).means", "led.card.\(row.id).look"] }
        for key in keys {
            #expect(Catalog.english[key] != nil, "\(key) is missing from Catalog+English.swift")
            #expect(Catalog.vietnamese[key] != nil, "\(key) is missing from Catalog+Vietnamese.swift")
        }
        let rowWords = Set(Catalog.english.keys.filter {
            $0.hasPrefix("led.card.") && !$0.hasPrefix("led.card.column.") && ($0.hasSuffix(".means") || $0.hasSuffix(".look"))
        })
        #expect(rowWords == Set(keys.filter { !$0.hasPrefix("led.card.role.") }), "words of a row the legend no longer has")
        // `led.summary` and `led.help` belong with the other commands' help.
        func ledKeys(_ catalog: [String: String]) -> Set<String> {
            Set(catalog.keys.filter { $0.hasPrefix("led.") && $0 != "led.summary" && $0 != "led.help" })
        }
        #expect(ledKeys(Catalog.english) == ledKeys(Catalog.vietnamese), "the led and LED card keys are the same in both")
    }

    /// NFC (a printer's font may lack the combining marks of a decomposed letter), well-formed
    /// XML, and nothing fetched from elsewhere.
    @Test(arguments: languages)
    func theCardIsSelfContainedNFCAndWellFormed(_ language: Words.Language) {
        let svg = printed(language)
        #expect(svg.unicodeScalars.elementsEqual(svg.precomposedStringWithCanonicalMapping.unicodeScalars), "not NFC")
        #expect(!svg.contains("href"), "no external resources")
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
        // Each pattern under the name `kioskctl status` gives it in that language.
        let words = Words(language)
        for row in LEDLegend.rows {
            let name = words("pattern." + row.pattern.name)
            #expect(svg.contains(">\(name)</tspan>"), "\(row.id): \(name) is on the card")
        }
    }
}
