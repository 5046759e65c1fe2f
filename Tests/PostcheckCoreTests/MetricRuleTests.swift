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
        for text in easy { for variant in variants(of: text) { XCTAssertEqual(try findings(rule, on: variant).count, 0, variant) } }
        for text in hard {
            for variant in variants(of: text) {
                let found = try findings(rule, on: variant)
                XCTAssertEqual(found.count, 1, variant)
                XCTAssertEqual(found.first?.line, 4)
            }
        }
    }

    func testValeFormulasAndUndefinedValues() throws {
        let rule = try compileRule("""
            extends: metric
            message: "%s words per sentence"
            formula: round(words / sentences, 1)
            condition: "> 5"
            """)
        XCTAssertEqual(try findings(rule, on: "One two three four five six seven. Eight.").map(\.message), [])
        XCTAssertEqual(try findings(rule, on: "One two three four five six seven eight nine ten eleven twelve. Yes.").map(\.message),
                       ["6.50 words per sentence"])
        for text in ["", "🎉🎉", "#a #b", String(repeating: "woord ", count: 20_000)] {
            XCTAssertLessThanOrEqual(try findings(rule, on: text).count, 1, "no crash, no division by zero")
        }
        let smog = try compileRule("""
            extends: metric
            message: "SMOG %s"
            formula: 1.0430 * math.sqrt((polysyllabic_words * 30.0) / sentences) + 3.1291
            condition: "> 0"
            """)
        XCTAssertEqual(try findings(smog, on: "Organization is necessary. Yes.").first?.message, "SMOG 8.84")
    }

    func testSyllablesAndAbbreviations() {
        XCTAssertEqual(Syllables.count("geëerd", language: "nl"), 2)
        XCTAssertEqual(Syllables.count("naïef", language: "nl"), 2)
        XCTAssertEqual(Syllables.count("vrijheid", language: "nl"), 2)
        XCTAssertEqual(Syllables.count("table", language: "en"), 2)
        XCTAssertEqual(Syllables.count("make", language: "en"), 1)
        XCTAssertEqual(Syllables.count("journée", language: "fr"), 2)
        XCTAssertEqual(Syllables.count("bonne", language: "fr"), 1)
        let bytes = Array("Neem bijv. de trein. Prenez p. ex. le train. Fin.".utf8)
        XCTAssertEqual(SentenceSplitter.sentences(in: bytes, range: 0..<bytes.count).count, 3)
    }

    func testFormulaErrors() {
        XCTAssertThrowsError(try compileRule("extends: metric\nmessage: x\nformula: words / nothing\ncondition: '> 1'\n")) { error in
            XCTAssertTrue("\(error)".contains("unknown variable 'nothing'"), "\(error)")
        }
        XCTAssertThrowsError(try compileRule("extends: metric\nmessage: x\nformula: (words\ncondition: '> 1'\n"))
        XCTAssertThrowsError(try compileRule("extends: metric\nmessage: x\nformula: words\ncondition: 'big'\n"))
    }
}
