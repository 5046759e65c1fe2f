import Foundation
import XCTest

@testable import PostcheckCore

final class LanguageDetectorTests: XCTestCase {
    /// 150 short posts written for this test (Fixtures/language/posts.tsv), 50 each in nl, en and fr.
    func testAccuracyOnShortPosts() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/language/posts.tsv")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        var total: [String: Int] = [:]
        var correct: [String: Int] = [:]
        var misses: [String] = []
        for line in lines {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            total[parts[0], default: 0] += 1
            let detected = LanguageDetector.detect(parts[1]).language
            if detected == parts[0] {
                correct[parts[0], default: 0] += 1
            } else {
                misses.append("\(parts[0])→\(detected ?? "none"): \(parts[1])")
            }
        }
        for language in ["nl", "en", "fr"] {
            XCTAssertGreaterThanOrEqual(total[language] ?? 0, 50)
            let accuracy = Double(correct[language] ?? 0) / Double(total[language]!)
            print(
                "language detection \(language): \(correct[language] ?? 0)/\(total[language]!) = \(String(format: "%.1f", accuracy * 100))%"
            )
            XCTAssertGreaterThanOrEqual(accuracy, 0.95, "\(language) misses: \(misses)")
        }
        for miss in misses { print("  missed \(miss)") }
    }

    /// The detector reads bytes: a combining mark stays in its letter's word (decomposed "é" counts as one
    /// character), so a decomposed text is read word for word as the composed one. Drafts reach it in NFC; only the
    /// single-character cues (è, à as letters of their own) need the composed form.
    func testDecomposedTextScoresAsComposed() {
        let composed = "Le café de l'équipe était très réussi, merci à tous pour cette belle journée."
        let decomposed = composed.decomposedStringWithCanonicalMapping
        XCTAssertNotEqual(Array(composed.utf8), Array(decomposed.utf8))
        let a = LanguageDetector.detect(composed)
        let b = LanguageDetector.detect(decomposed)
        XCTAssertEqual(a.language, "fr")
        XCTAssertEqual(b.language, "fr")
        XCTAssertEqual(a.scores["en"], b.scores["en"])
        XCTAssertEqual(a.scores["nl"], b.scores["nl"])
    }

    func testShortOrAmbiguousTextsAreUndecided() {
        XCTAssertNil(LanguageDetector.detect("Globex!").language)
        XCTAssertNil(LanguageDetector.detect("🎉🎉 #launch").language)
        XCTAssertNil(LanguageDetector.detect("").language)
        XCTAssertEqual(
            LanguageDetector.detect("Wir freuen uns sehr über die neue Zusammenarbeit mit unseren Partnern").language,
            "de")
    }

    func testNormalizesDeclaredCodes() {
        XCTAssertEqual(LanguageDetector.normalize("nl-BE"), "nl")
        XCTAssertEqual(LanguageDetector.normalize("FR_be"), "fr")
        XCTAssertEqual(LanguageDetector.normalize("zh-Hant-TW"), "zh")
        // Not language tags: kept as written, so that they are refused rather than read as Dutch.
        XCTAssertEqual(LanguageDetector.normalize("nl*"), "nl*")
        XCTAssertEqual(LanguageDetector.normalize("nl-"), "nl-")
        XCTAssertEqual(LanguageDetector.normalize("n"), "n")
        XCTAssertEqual(LanguageDetector.normalize("nl-BE-toolongsubtag"), "nl-be-toolongsubtag")
    }
}
