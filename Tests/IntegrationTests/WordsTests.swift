import Foundation
import KioskCore
import Testing
import TestSupport
@testable import kioskctl

/// The catalogues: one per language, the same keys and placeholders, NFC, 80 columns, and
/// every key the code asks for.
@Suite struct WordsTests {
    static let english = Catalog.english
    static let vietnamese = Catalog.vietnamese

    static func placeholders(_ text: String) -> Set<String> {
        Set(text.matches(of: #/\{([a-z]+)\}/#).map { String($0.output.1) })
    }

    @Test func everyKeyIsInBothCatalogues() {
        let onlyEnglish = Set(Self.english.keys).subtracting(Self.vietnamese.keys).sorted()
        let onlyVietnamese = Set(Self.vietnamese.keys).subtracting(Self.english.keys).sorted()
        #expect(onlyEnglish.isEmpty, "missing in Catalog+Vietnamese.swift: \(onlyEnglish)")
        #expect(onlyVietnamese.isEmpty, "missing in Catalog+English.swift: \(onlyVietnamese)")
    }

    @Test func translationsKeepTheirPlaceholders() {
        for (key, english) in Self.english {
            guard let vietnamese = Self.vietnamese[key] else { continue }
            #expect(Self.placeholders(english) == Self.placeholders(vietnamese), "\(key)")
        }
    }

    @Test func vietnameseIsNFCAndEveryLineFits80Columns() {
        for (key, text) in Self.vietnamese {
            #expect(Array(text.unicodeScalars) == Array(text.precomposedStringWithCanonicalMapping.unicodeScalars), "\(key) is not NFC")
        }
        for (key, text) in Self.english.merging(Self.vietnamese.map { ("vi " + $0.key, $0.value) }, uniquingKeysWith: { a, _ in a }) {
            for line in text.split(separator: "\n") where key.hasSuffix(".help") || key.hasSuffix("help.usage") {
                #expect(line.count <= Output.columns, "\(key): \(line.count) columns: \(line)")
            }
        }
    }

    /// Every literal key in kioskctl's sources (`w("…")`, `words("…")`) and every key built
    /// from an enum's cases is in the English catalogue.
    @Test func everyKeyTheCodeUsesExists() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/kioskctl")
        var used: Set<String> = []
        for name in try FileManager.default.subpathsOfDirectory(atPath: folder.path) where name.hasSuffix(".swift") {
            let source = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            // A whole key, not the prefix of one built from an enum (`w("layer." + …)`, below).
            for match in source.matches(of: #/(?:\bw|words)\("([a-zA-Z0-9.-]*[a-zA-Z0-9-])"\s*[,)]/#) {
                used.insert(String(match.output.1))
            }
        }
        #expect(used.count > 50, "the scan found too few keys: \(used.count)")
        for layer in HealthLayer.allCases {
            used.formUnion(["layer.", "check.", "doctor.problem."].map { $0 + layer.rawValue })
        }
        used.formUnion(ConnectivityState.allCases.map { "connectivity." + $0.rawValue })
        used.formUnion(LEDPattern.all.map { "pattern." + $0.name })
        used.formUnion(["synced", "unsynced", "corrected"].map { "clock." + $0 })
        used.formUnion(["disconnected", "connecting", "connected", "stopped"].map { "broker.state." + $0 })
        used.formUnion(["pass", "FAIL", "untested", "skip"].map { "doctor.result." + $0 })
        used.formUnion(Kioskctl.commands.flatMap { [$0.name + ".summary", $0.name + ".help"] })
        let missing = used.subtracting(Self.english.keys).sorted()
        #expect(missing.isEmpty, "keys the code uses that Catalog+English.swift lacks: \(missing)")
    }

    @Test func theLanguageComesFromTheFlagThenTheEnvironmentThenTheConfiguration() {
        #expect(Words.language(flag: .en, environment: ["LANG": "vi_VN.UTF-8"], configured: .vi) == .en)
        #expect(Words.language(flag: nil, environment: ["LANG": "vi_VN.UTF-8"], configured: .en) == .vi)
        #expect(Words.language(flag: nil, environment: ["LC_ALL": "en_US.UTF-8", "LANG": "vi_VN.UTF-8"], configured: .vi) == .en)
        #expect(Words.language(flag: nil, environment: ["LC_MESSAGES": "vi_VN", "LANG": "en_GB"], configured: .en) == .vi)
        #expect(Words.language(flag: nil, environment: ["LANG": "C.UTF-8"], configured: .vi) == .vi)
        #expect(Words.language(flag: nil, environment: [:], configured: .vi) == .vi)
        #expect(Words.language(flag: nil, environment: [:], configured: .en) == .en)
    }

    @Test func durationsAndTimesInTheKiosksZone() throws {
        let zone = try LocalTimeZone.load("Asia/Ho_Chi_Minh")
        let vi = Words(.vi, zone: zone)
        #expect(vi.span(milliseconds: (3 * 3600 + 12 * 60) * 1000) == "3 giờ 12 phút")
        #expect(vi.span(milliseconds: (2 * 86_400 + 4 * 3600) * 1000) == "2 ngày 4 giờ")
        #expect(Words(.en).span(milliseconds: 312_000) == "5m 12s")
        // 2026-12-03 07:05 UTC is 14:05 in Hanoi; the next day at 10:00 local it was yesterday.
        let moment = try #require(KernelClock.milliseconds(rfc3339: "2026-12-03T07:05:00.000Z"))
        let nextMorning = try #require(KernelClock.milliseconds(rfc3339: "2026-12-04T03:00:00.000Z"))
        #expect(vi.time(milliseconds: moment, now: nextMorning) == "hôm qua 14:05")
        #expect(vi.time(milliseconds: moment, now: moment + 60_000) == "14:05")
        #expect(vi.time(milliseconds: moment, now: moment + 5 * 86_400_000) == "03/12/2026 14:05")
        #expect(Words(.en, zone: zone).time(milliseconds: moment, now: nextMorning) == "yesterday 14:05")
    }

    @Test func wrappingKeepsLinesWithin80Columns() {
        let text = String(repeating: "từ ngữ ", count: 40)
        let wrapped = Output.wrap("label     " + text, indent: 10)
        #expect(wrapped.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(wrapped.split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix(String(repeating: " ", count: 10)) })
        #expect(Output.visibleWidth("\u{1B}[1;31mLỖI\u{1B}[0m") == 3)
    }
}
