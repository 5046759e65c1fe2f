import XCTest

@testable import PostcheckCore

final class RuleKindTests: XCTestCase {
    func testExistence() throws {
        try verifyRule(
            """
            extends: existence
            message: "Avoid '%s'."
            ignorecase: true
            tokens: [synergy, leverage, café]
            """,
            triggering: ["We ↓leverage ↓Synergy.", "↓Café ↓synergy", "`synergy` is code but ↓synergy is not"],
            nonTriggering: [
                "synergies and leveraged", "`synergy`", "<!-- synergy -->", "[text](https://x.com/synergy)",
            ])
    }

    func testExistenceRawAndNonword() throws {
        try verifyRule(
            """
            extends: existence
            message: "'%s'"
            nonword: true
            raw: ['[a-zéè]+!{2,}']
            """,
            triggering: ["Ceci est ↓génial!!", "x ↓wow!!!", "Vraiment ↓très!! bien"], nonTriggering: ["wow!", "WOW!!"])
    }

    func testExistenceExceptionsAndVocabulary() throws {
        let rule = try compileRule(
            """
            extends: existence
            message: "'%s'"
            ignorecase: true
            tokens: [cloud]
            exceptions: [Cloud Nine]
            """, accepted: ["Acme Cloud"])
        XCTAssertEqual(try findings(rule, on: "cloud, Acme Cloud, Cloud Nine").map(\.column), [1])
    }

    func testSubstitutionSuggestsAndSkipsConformingText() throws {
        let rule = try compileRule(
            """
            extends: substitution
            message: "Use '%s' instead of '%s'."
            ignorecase: true
            action:
              name: replace
            swap:
              java[ -]?script: JavaScript
              e-mail: email|mail
            """)
        let found = try findings(rule, on: "java script, JavaScript, javascript and E-mail")
        XCTAssertEqual(found.map(\.match), ["java script", "javascript", "E-mail"])
        XCTAssertEqual(found[0].message, "Use 'JavaScript' instead of 'java script'.")
        XCTAssertEqual(found[2].message, "Use 'email' or 'mail' instead of 'E-mail'.")
        XCTAssertEqual(found[2].finding.suggestions, ["email", "mail"])
        try verifyRule(
            """
            extends: substitution
            message: "Use '%s'"
            swap: {utilise: use}
            """, triggering: ["We ↓utilise it", "👍 ↓utilise"], nonTriggering: ["utilised", "use"])
    }

    func testOccurrence() throws {
        try verifyRule(
            """
            extends: occurrence
            message: "%s hashtags"
            scope: raw
            max: 2
            token: '#\\w+'
            """, triggering: ["↓#a #b #c #d"], nonTriggering: ["#a #b", "no tags"])
        let minimum = try compileRule(
            """
            extends: occurrence
            message: "needs a question (%s)"
            scope: paragraph
            min: 1
            token: '\\?'
            """)
        XCTAssertEqual(try findings(minimum, on: "Statement.\n\nQuestion?").map(\.line), [1])
    }

    func testRepetitionWithinOneSentence() throws {
        try verifyRule(
            """
            extends: repetition
            message: "'%s' is repeated"
            alpha: true
            ignorecase: true
            tokens: ['[^\\s.!?]+']
            """,
            triggering: ["This is ↓the the end", "↓Très très bien"],
            nonTriggering: ["I forgot that. That matters.", "the `the` the", "// //"])
    }

    func testRepetitionMaxCountsRepeatsBackToBack() throws {
        let rule = try compileRule(
            """
            extends: repetition
            message: "'%s' is repeated"
            max: 1
            ignorecase: true
            tokens: ['[^\\s]+']
            """)
        XCTAssertEqual(try findings(rule, on: "été été été").count, 1)
        // A different word between two pairs starts the count again, however its bytes differ.
        XCTAssertEqual(try findings(rule, on: "été été étés été été").count, 0)
        XCTAssertEqual(try findings(rule, on: "the the they the the").count, 0)
    }

    /// The byte filter in front of the string comparison may only say "different" when the strings differ.
    func testRepetitionByteFilterNeverHidesARepeat() {
        let alphabet = [
            "a", "A", "e", "é", "É", "e\u{301}", "İ", "i", "\u{307}", "ſ", "s", "S", "K", "\u{212A}", "ß", " ", "-",
            "ς", "Σ",
        ]
        var generator = SystemRandomNumberGenerator()
        func token() -> String {
            (0..<Int.random(in: 1..<5, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
                .joined()
        }
        for _ in 0..<20_000 {
            let (first, second) = (token(), token())
            let bytes = Array((first + second).utf8)
            let a = 0..<first.utf8.count
            let b = first.utf8.count..<bytes.count
            for ignoreCase in [false, true] {
                let x = first.trimmingSpacesAndBreaks()
                let y = second.trimmingSpacesAndBreaks()
                let same = ignoreCase ? x.lowercased() == y.lowercased() : x == y
                let maybe = bytes.withUnsafeBufferPointer { RepetitionRule.mayBeSame($0, a, b, ignoreCase: ignoreCase) }
                XCTAssertTrue(
                    maybe || !same,
                    "\(first.debugDescription) and \(second.debugDescription), ignoring case: \(ignoreCase)")
            }
        }
    }

    func testConsistencyAcrossBlocks() throws {
        let rule = try compileRule(
            """
            extends: consistency
            message: "Inconsistent spelling of '%s'."
            ignorecase: true
            either: {colour: color}
            """)
        let found = try findings(rule, on: "The colour is nice.\n\nThe color and colour again.")
        XCTAssertEqual(found.map { "\($0.line):\($0.column):\($0.match)" }, ["3:15:colour"])
        XCTAssertTrue(try findings(rule, on: "colour colour").isEmpty)
    }

    func testConditionalDefinitionBeforeUse() throws {
        let rule = try compileRule(
            """
            extends: conditional
            message: "'%s' has no definition."
            first: '\\b([A-Z]{3,5})\\b'
            second: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'
            exceptions: [NASA]
            """)
        let found = try findings(
            rule, on: "The WHO said.\n\nWorld Health Organization (WHO) and WHO again. NASA too. Also FSMA.")
        XCTAssertEqual(found.map(\.match), ["WHO", "FSMA"])
    }

    func testCapitalization() throws {
        let rule = try compileRule(
            """
            extends: capitalization
            message: "'%s' should be in sentence case ('%s')."
            scope: heading
            match: $sentence
            """)
        let found = try findings(rule, on: "# This Is Shouty Title Case\n\n# A fine heading about KBC\n\nNot A Heading")
        XCTAssertEqual(found.map(\.line), [1])
        XCTAssertEqual(found[0].finding.suggestions, ["This is shouty title case"])
    }

    func testScopesSelectBlocks() throws {
        let rule = try compileRule(
            """
            extends: existence
            message: "x"
            scope: [heading, blockquote]
            tokens: [word]
            """)
        XCTAssertEqual(try findings(rule, on: "# word\n\nword\n\n> word\n\n- word").map(\.line), [1, 5])
        let negated = try compileRule(
            """
            extends: existence
            message: "x"
            scope: ~heading
            tokens: [word]
            """)
        XCTAssertEqual(try findings(negated, on: "# word\n\nword").map(\.line), [3])
        let sentence = try compileRule(
            """
            extends: existence
            message: "x"
            scope: sentence
            raw: ['^(?:Two|lower)']
            """)
        XCTAssertEqual(try findings(sentence, on: "One. Two start. Three Two.\n\nlower para.").map(\.column), [6, 1])
    }

    func testPerLanguageTokensAndLanguagesKey() throws {
        let rule = try compileRule(
            """
            extends: existence
            message: "'%s'"
            ignorecase: true
            tokens:
              nl: [gratis]
              fr: [gratuit]
              en: [free]
            """)
        let root = try temporaryDirectory()
        try write(
            "extends: existence\nmessage: x\nlanguages: [fr]\ntokens: [promo]\n",
            to: root.appendingPathComponent("p/FrOnly.yml"))
        var configuration = Configuration(source: .builtin, baseDirectory: root.path)
        configuration.packDirectories = [("p", root.appendingPathComponent("p").path)]
        configuration.enabledPacks = ["p"]
        let linter = try Linter(configuration: configuration)
        func check(_ text: String) throws -> [String] {
            let draft = try Draft(path: "t.md", text: text)
            let (language, _) = linter.language(of: draft)
            let scratch = MatchScratch()
            var cache: [Int: [Range<Int>]] = [:]
            let subjects = Linter.subjects(
                for: rule.header.scope, in: draft, blockParts: draft.blocks.map(\.scopeParts), sentences: &cache)
            let own = try draft.masked.withUnsafeBufferPointer { masked in
                try draft.source.bytes.withUnsafeBufferPointer { raw in
                    try rule.check(
                        CheckInput(
                            draft: draft, subjects: subjects, masked: masked, raw: raw, scratch: scratch,
                            language: language))
                }
            }
            return own.map(\.match) + linter.check(draft, relativePath: "t.md", scratch: scratch).findings.map(\.ruleID)
        }
        XCTAssertEqual(try check("---\nlang: nl-BE\n---\nGratis koffie, free coffee, promo"), ["Gratis"])
        XCTAssertEqual(try check("---\nlang: fr\n---\nCafé gratuit, gratis, promo"), ["gratuit", "p.FrOnly"])
        XCTAssertEqual(try check("Free coffee for all of our customers this week, with the team"), ["Free"])
    }

    func testTokensEndingInPunctuationStillMatch() throws {
        // Vale's \b…\b never matches "a.m." before a space (vale-cli/vale#1154); postcheck does, and only as a word.
        try verifyRule(
            """
            extends: existence
            message: "'%s'"
            tokens: ['a\\.m\\.', 'Globex \\(BE\\)']
            """, triggering: ["At 7 ↓a.m. today, ↓Globex (BE) called."], nonTriggering: ["Nota.m. and Globex (BE)s"])
    }

    func testMessageFormatting() {
        XCTAssertEqual(formatMessage("Use '%s' not '%s'.", ["a", "b"]), "Use 'a' not 'b'.")
        XCTAssertEqual(formatMessage("%[2]s before %[1]s", ["a", "b"]), "b before a")
        XCTAssertEqual(formatMessage("100%% sure, %d found, %s", ["3"]), "100% sure, 3 found, ")
        XCTAssertEqual(formatMessage("%q", ["x"]), "\"x\"")
    }
}
