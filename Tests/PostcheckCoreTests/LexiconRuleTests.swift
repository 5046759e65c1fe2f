import XCTest

@testable import PostcheckCore

final class LexiconRuleTests: XCTestCase {
    private let negativeTone = """
        extends: lexicon
        message: "Negative tone (%s, %s): %s."
        threshold: {below: -0.4}
        entries:
          en: {awful: -2.5, hate: -2.7, great: 3.1, bad: -2.5}
          nl: {vreselijk: -2.6, haat: -2.7, slecht: -2.5, fantastisch: 3.0}
          fr: {horrible: -2.6, déteste: -2.7, mauvais: -2.5, génial: 3.0}
        """

    private func verify(
        _ yaml: String, triggering: [String], nonTriggering: [String], file: StaticString = #filePath,
        line: UInt = #line
    ) throws {
        let rule = try compileRule(yaml)
        for example in nonTriggering {
            for variant in variants(of: example) {
                XCTAssertEqual(try findings(rule, on: variant).count, 0, variant, file: file, line: line)
            }
        }
        for example in triggering {
            for variant in variants(of: example) {
                let (text, expected) = markers(in: variant)
                XCTAssertEqual(
                    try findings(rule, on: text).map { "\($0.line):\($0.column)" }, expected, text, file: file,
                    line: line)
            }
        }
    }

    /// Beyond 64 KB (not a post) the text is scored paragraph by paragraph: the angry paragraph among 2,000 calm
    /// ones is found where it is, and a single endless line is scored in slices.
    /// VADER's tokens for pieces with accented letters: only ASCII punctuation is stripped from the ends, and not
    /// when two code points or fewer would be left (code points, not bytes: `éé,` stays whole); an emoji is still
    /// described in words.
    func testAccentedWordsAreTokenizedAsVADERDoes() {
        let scorer = SentimentScorer(
            lexicon: ["décevant": -2], language: .french, emojiDescriptions: ["😀": "grinning face"])
        let text = "«Très» décevant!! l'équipe… éé, ééé, Çà😀"
        var memo = SentimentScorer.WordMemo()
        let tokens = Array(text.utf8).withUnsafeBufferPointer {
            scorer.tokenize($0, range: 0..<$0.count, words: &memo).tokens
        }
        XCTAssertEqual(
            tokens.map { memo[Int($0.word)].text },
            ["«Très»", "décevant", "l'équipe…", "éé,", "ééé", "Çà", "grinning", "face"])
        XCTAssertEqual(
            tokens.map { memo[Int($0.word)].lower }.prefix(6), ["«très»", "décevant", "l'équipe…", "éé,", "ééé", "çà"])
        XCTAssertEqual(tokens[1].valence, -2)
        XCTAssertEqual(tokens.map(\.isAllCaps), [false, false, false, false, false, false, false, false])
    }

    func testTextLongerThanAnyPostIsScoredByParagraph() throws {
        let rule = try compileRule(negativeTone)
        let calm = "We met the team in Gent today and talked about the new release plans.\n\n"
        let angry = "I hate this awful, bad update.\n\n"
        let text = String(repeating: calm, count: 1_000) + angry + String(repeating: calm, count: 1_000)
        XCTAssertGreaterThan(text.utf8.count, CheckInput.wholeTextLimit)
        XCTAssertEqual(try findings(rule, on: text).map { "\($0.line):\($0.column) \($0.match)" }, ["2001:13 awful"])
        let line = String(repeating: "We met the team in Gent today. ", count: 3_000) + "I hate this awful, bad update."
        XCTAssertEqual(try findings(rule, on: line).map(\.match), ["awful"])
    }

    /// Base forms are remembered per thread across drafts, but per rule: two lexicons that reduce the same word to
    /// different entries each get their own ("waardeloze" → "waardeloos" in one, "waardelos" in the other).
    func testBaseFormMemoIsPerRule() throws {
        let first = try compileRule(
            "extends: lexicon\nmessage: '%s'\nthreshold: {below: -0.3}\nentries: {nl: {waardeloos: -2.5}}\n",
            id: "T.First")
        let second = try compileRule(
            "extends: lexicon\nmessage: '%s'\nthreshold: {below: -0.3}\nentries: {nl: {waardelos: -2.5}}\n",
            id: "T.Second")
        var configuration = Configuration(source: .builtin, baseDirectory: "/")
        configuration.minSeverity = .suggestion
        let linter = try Linter(configuration: configuration, rules: [first, second])
        let scratch = MatchScratch()
        for _ in 0..<2 {
            let draft = try Draft(path: "t.md", text: "---\nlang: nl\n---\nWat een waardeloze dag was dat vandaag.\n")
            let result = linter.check(draft, relativePath: "t.md", scratch: scratch, only: ["T.First", "T.Second"])
            XCTAssertEqual(result.findings.map(\.ruleID), ["T.First", "T.Second"])
        }
    }

    func testNegativeToneInThreeLanguagesWithNegation() throws {
        try verify(
            negativeTone,
            triggering: [
                "---\nlang: en\n---\nI really hate this ↓awful update.",  // VADER: "this" two words back intensifies ×1.25,
                "---\nlang: nl\n---\nIk ↓haat deze vreselijke, slechte update.",
                "---\nlang: fr\n---\nJe ↓déteste cette mise à jour, elle est mauvaise.",
            ],
            nonTriggering: [
                "---\nlang: en\n---\nThis update is not bad at all, it is great.",
                "---\nlang: nl\n---\nDeze update is helemaal niet slecht, echt fantastisch.",
                "---\nlang: fr\n---\nCette mise à jour n'est pas mauvaise, elle est géniale.",
                "---\nlang: de\n---\nDas ist schlecht.",
            ])
    }

    func testFindingExplainsScoreThresholdAndCues() throws {
        let rule = try compileRule(negativeTone)
        let found = try findings(rule, on: "---\nlang: en\n---\nI HATE this awful, bad update!!")
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].message.hasPrefix("Negative tone (-0.9"), found[0].message)
        XCTAssertTrue(found[0].message.contains("below -0.40"), found[0].message)
        XCTAssertEqual(found[0].finding.cues.map(\.text), ["HATE", "awful", "bad"])
        XCTAssertEqual(found[0].match, "HATE")
    }

    func testMinWordsAndIntensityMode() throws {
        let rule = try compileRule(
            """
            extends: lexicon
            message: "Hype %s (%s): %s"
            mode: intensity
            threshold: {above: 0.6}
            minwords: 4
            entries: {amazing: 2, revolutionary: 2, incredible: 2, best: 1.5}
            """)
        XCTAssertEqual(try findings(rule, on: "Amazing!").count, 0, "too short to judge")
        XCTAssertEqual(try findings(rule, on: "The most amazing, revolutionary and incredible launch ever").count, 1)
        XCTAssertEqual(try findings(rule, on: "We launched a useful update for our customers today").count, 0)
    }

    func testLexiconFilesAndErrors() throws {
        let root = try temporaryDirectory()
        try write("# tone\nawful\t-2.5\nhate\t-2.7\t0.5\t[1, 2]\n", to: root.appendingPathComponent("p/tone.tsv"))
        try write("bad line without weight\n", to: root.appendingPathComponent("p/broken.tsv"))
        let loader = RuleLoader()
        let good = try loader.compileRule(
            id: "p.Tone", path: root.appendingPathComponent("p/Tone.yml").path,
            text: "extends: lexicon\nmessage: x\nlexicon: tone.tsv\nthreshold: {below: -0.3}\n",
            context: RuleCompileContext())
        XCTAssertEqual(try findings(good, on: "An awful day.").count, 1)
        XCTAssertThrowsError(
            try loader.compileRule(
                id: "p.B", path: root.appendingPathComponent("p/B.yml").path,
                text: "extends: lexicon\nmessage: x\nlexicon: broken.tsv\nthreshold: {below: -0.3}\n",
                context: RuleCompileContext())
        ) { error in
            let fileError = error as! RuleFileError
            XCTAssertTrue(fileError.path.hasSuffix("broken.tsv"))
            XCTAssertEqual(fileError.line, 1)
        }
        XCTAssertThrowsError(try compileRule("extends: lexicon\nmessage: x\nentries: {a: 1}\nthreshold: {below: -3}\n"))
        XCTAssertThrowsError(try compileRule("extends: lexicon\nmessage: x\nentries: {a: 1}\n"))
    }

    func testEdgeCasesDoNotCrash() throws {
        let rule = try compileRule(negativeTone)
        for text in ["", "🎉🎉🎉", "#a #b #c", String(repeating: "hate ", count: 20_000), "!!!???", "\u{301}\u{301}"] {
            // One finding per scored piece at most: the whole text, or each 64 KB slice of an endless line.
            XCTAssertLessThanOrEqual(
                try findings(rule, on: "---\nlang: en\n---\n" + text).count,
                text.utf8.count / CheckInput.wholeTextLimit + 1)
        }
    }
}
