import Foundation
import XCTest

@testable import PostcheckCore

final class MetricRuleTests: XCTestCase {
    private let hardToRead = """
        extends: metric
        message: "Reading ease %s"
        formula: reading_ease
        condition: "< 50"
        """

    func testReadingEaseInThreeLanguages() throws {
        let rule = try compileRule(hardToRead)
        let easy = [
            "---\nlang: en\n---\nWe had a great day. The team met new clients. We will meet them again soon.",
            "---\nlang: nl\n---\nWe hadden een fijne dag. Het team zag nieuwe klanten. We zien ze snel weer.",
            "---\nlang: fr\n---\nNous avons eu une belle journée. Léquipe a vu des clients. On les revoit vite.",
        ]
        let hard = [
            "---\nlang: en\n---\nNotwithstanding considerable organizational complexity, multidisciplinary implementation methodologies necessitate comprehensive institutional reconfiguration.",
            "---\nlang: nl\n---\nOndanks aanzienlijke organisatorische complexiteit vereisen multidisciplinaire implementatiemethodologieën uitgebreide institutionele herconfiguratie.",
            "---\nlang: fr\n---\nNonobstant une considérable complexité organisationnelle, les méthodologies pluridisciplinaires nécessitent une reconfiguration institutionnelle approfondie.",
        ]
        for text in easy {
            for variant in variants(of: text) { XCTAssertEqual(try findings(rule, on: variant).count, 0, variant) }
        }
        for text in hard {
            for variant in variants(of: text) {
                let found = try findings(rule, on: variant)
                XCTAssertEqual(found.count, 1, variant)
                XCTAssertEqual(found.first?.line, 4)
            }
        }
    }

    func testValeFormulasAndUndefinedValues() throws {
        let rule = try compileRule(
            """
            extends: metric
            message: "%s words per sentence"
            formula: round(words / sentences, 1)
            condition: "> 5"
            """)
        XCTAssertEqual(try findings(rule, on: "One two three four five six seven. Eight.").map(\.message), [])
        XCTAssertEqual(
            try findings(rule, on: "One two three four five six seven eight nine ten eleven twelve. Yes.").map(
                \.message),
            ["6.50 words per sentence"])
        for text in ["", "🎉🎉", "#a #b", String(repeating: "woord ", count: 20_000)] {
            XCTAssertLessThanOrEqual(try findings(rule, on: text).count, 1, "no crash, no division by zero")
        }
        let smog = try compileRule(
            """
            extends: metric
            message: "SMOG %s"
            formula: 1.0430 * math.sqrt((polysyllabic_words * 30.0) / sentences) + 3.1291
            condition: "> 0"
            """)
        XCTAssertEqual(try findings(smog, on: "Organization is necessary. Yes.").first?.message, "SMOG 8.84")
    }

    func testSyllablesAndAbbreviations() {
        let cases: [(word: String, language: String, syllables: Int)] = [
            ("geëerd", "nl", 2), ("naïef", "nl", 2), ("vrijheid", "nl", 2), ("table", "en", 2), ("make", "en", 1),
            ("wanted", "en", 2), ("jumped", "en", 1), ("journée", "fr", 2), ("JOURNE\u{301}E", "fr", 2),
            ("bonne", "fr", 1),
            ("tables", "fr", 1), ("Œuvre", "fr", 1), ("Müller", "de", 2),
        ]
        for (word, language, expected) in cases {
            XCTAssertEqual(
                Syllables.count(Array(word.utf8)[...], language: language), expected, "\(word) (\(language))")
        }
        let bytes = Array("Neem bijv. de trein. Prenez p. ex. le train. Fin.".utf8)
        XCTAssertEqual(SentenceSplitter.sentences(in: bytes, range: 0..<bytes.count).count, 3)
    }

    /// The code-point counter agrees with the plain `String` statement of the same rules (kept here as the
    /// reference) on every word of the sample drafts and the bundled word lists, in each language.
    func testSyllableCounterMatchesReferenceOnRealWords() throws {
        var words = Set<String>()
        let roots = [
            packageRoot.appendingPathComponent("Fixtures/drafts"),
            packageRoot.appendingPathComponent("Rules/postcheck/data"),
        ]
        for root in roots {
            for name in try FileManager.default.contentsOfDirectory(atPath: root.path) {
                guard let text = try? String(contentsOf: root.appendingPathComponent(name), encoding: .utf8) else {
                    continue
                }
                for word in text.split(whereSeparator: { !$0.isLetter }) { words.insert(String(word)) }
            }
        }
        XCTAssertGreaterThan(words.count, 5_000)
        var checked = 0
        for word in words {
            for language in ["en", "nl", "fr", "de"] {
                XCTAssertEqual(
                    Syllables.count(Array(word.utf8)[...], language: language),
                    referenceSyllables(word, language: language), "\(word) (\(language))")
                checked += 1
            }
        }
        XCTAssertEqual(checked, words.count * 4)
    }

    private func referenceSyllables(_ word: String, language: String?) -> Int {
        var text = word.lowercased()
        let vowels: Set<Character>
        switch language {
        case "nl":
            text = text.replacingOccurrences(of: "ij", with: "y")
            vowels = Set("aeiouyáéíóúàèëïöü")
        case "fr": vowels = Set("aeiouyàâäéèêëîïôöùûüœæ")
        case "de": vowels = Set("aeiouyäöü")
        default: vowels = Set("aeiouy")
        }
        var groups = 0
        var previousVowel = false
        for character in text {
            let isVowel = vowels.contains(character)
            let startsNew = "ëïü".contains(character) && language != "de"
            if isVowel && (!previousVowel || startsNew) { groups += 1 }
            previousVowel = isVowel
        }
        if language == nil || language == "en" {
            if text.hasSuffix("e") && !text.hasSuffix("le") && groups > 1 { groups -= 1 }
            if text.hasSuffix("ed") && !text.hasSuffix("ted") && !text.hasSuffix("ded") && groups > 1 { groups -= 1 }
        } else if language == "fr" {
            let stem = text.hasSuffix("es") ? text.dropLast(2) : text.hasSuffix("e") ? text.dropLast() : nil
            if let stem, let last = stem.last, !vowels.contains(last), groups > 1 { groups -= 1 }
        }
        return max(1, groups)
    }

    func testFormulaErrors() {
        XCTAssertThrowsError(
            try compileRule("extends: metric\nmessage: x\nformula: words / nothing\ncondition: '> 1'\n")
        ) { error in
            XCTAssertTrue("\(error)".contains("unknown variable 'nothing'"), "\(error)")
        }
        XCTAssertThrowsError(try compileRule("extends: metric\nmessage: x\nformula: (words\ncondition: '> 1'\n"))
        XCTAssertThrowsError(try compileRule("extends: metric\nmessage: x\nformula: words\ncondition: 'big'\n"))
    }
}
