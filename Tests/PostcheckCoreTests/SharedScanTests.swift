import Foundation
import XCTest

@testable import PostcheckCore

/// The shared word-list scan (`LiteralPrefilter`) is an optimisation only: every rule must find exactly what it
/// finds scanning on its own.
final class SharedScanTests: XCTestCase {
    func testStartTextsOfTokens() {
        let cases: [(String, [String]?)] = [
            ("synergy", ["synergy"]),
            ("gurus?", ["guru"]),
            ("super[ -]*stars?", ["super"]),
            ("cutting[ -]edge", ["cutting edge", "cutting-edge"]),
            ("(?:bunch|flock) of crows", ["bunch of crows", "flock of crows"]),
            ("brogramm(?:er|ers|ing)", ["brogrammer", "brogrammers", "brogramming"]),
            ("hero(?:es|ic)?", ["hero"]),
            ("\\bocd\\b|o\\.c\\.d\\.", ["ocd", "o.c.d."]),
            ("a\\.m\\.", ["a.m."]),
            ("\\([cC]\\)", ["(c)", "(C)"]),
            ("fuck(?:er|ing)?", ["fuck"]),
            ("café", ["café"]),
            ("(?:strikt )?vertrouwelijke?", ["strikt vertrouwelijk", "vertrouwelijk"]),
            ("(?:a|b)??cd", ["acd", "bcd", "cd"]),
            // An optional group that leaves one known character is not enough.
            ("(?:ab)?c\\d", nil),
            // A match could begin with fewer than two known characters: scanned for, not prefiltered.
            ("[a-z]+[!?]{2,}", nil),
            ("\\d{1,2} ?[ap]m\\b", nil),
            ("[\\w]+ed", nil),
            ("^But", nil),
            ("x?yz", nil),
            // Caseless from the start: the scan compares without case anyway.
            ("(?i)globex", ["globex"]),
            ("(?i)\\blorem ipsum\\b", ["lorem ipsum"]),
            ("(?x)globex", nil),
            ("(?<!no )thanks", nil),
        ]
        for (token, expected) in cases {
            XCTAssertEqual(TokenTrie.startTexts(of: token), expected, token)
        }
    }

    func testWholeTextsListEveryTextOfASmallToken() {
        let cases: [(String, [String]?)] = [
            ("synergy", ["synergy"]),
            ("boys?", ["boy", "boys"]),
            ("m[ae]n", ["man", "men"]),
            ("lad(y|ies)?", ["lad", "lady", "ladies"]),
            ("broth(?:a|er)s?", ["brotha", "brother", "brothas", "brothers"]),
            ("colou?r", ["color", "colour"]),
            ("colou??r", ["color", "colour"]),
            ("x?yz", ["yz", "xyz"]),
            (
                "(?:strikt )?vertrouwelijke?",
                ["strikt vertrouwelijk", "vertrouwelijk", "strikt vertrouwelijke", "vertrouwelijke"]
            ),
            ("cutting[ -]edge", ["cutting edge", "cutting-edge"]),
            ("a\\.m\\.", ["a.m."]),
            ("gurus|gurus?", ["gurus", "guru", "gurus"]),
            // Repeats, anchors and escapes that are syntax have no finite list of texts.
            ("boys+", nil),
            ("super[ -]*stars?", nil),
            ("\\bocd\\b", nil),
            ("[a-z]+ed", nil),
            ("^But", nil),
            ("(?:ab)?c", nil),
        ]
        for (token, expected) in cases {
            XCTAssertEqual(TokenTrie.wholeTexts(of: token), expected, token)
        }
        // A token with whole texts is listed by them; other tokens by their start texts.
        XCTAssertEqual(TokenTrie.leadingTexts(of: "boys?")?.whole, true)
        XCTAssertEqual(TokenTrie.leadingTexts(of: "super[ -]*stars?")?.texts, ["super"])
        XCTAssertEqual(TokenTrie.leadingTexts(of: "super[ -]*stars?")?.whole, false)
    }

    /// Places where a whole token, or a text the pattern follows with `\b`, is followed by an ASCII letter, digit
    /// or `_` are left out of the scan (`ass` in "assistant", `be` in "because"). Random texts of such tokens, what
    /// may follow them (letters, digits, `_`, accents, emoji, punctuation) and words for which a token is only a
    /// beginning: the same matches with the scan and without.
    func testWordEndTextsLoseNoMatch() throws {
        let rules = """
            extends: existence
            message: "'%s'"
            ignorecase: true
            tokens: [ass, 'boys?', 'm[ae]n', 'lad(y|ies)?', café, 'boy\\w*', 'a\\.m\\.']
            ---
            extends: substitution
            message: "'%s'"
            swap: {'colou?r': hue, naïve: naive, 'ma[nN]': person}
            ---
            extends: existence
            message: "'%s'"
            nonword: true
            tokens: [ass, 'men']
            ---
            extends: consistency
            message: "'%s'"
            either: {'lad(y|ies)?': lass}
            ---
            extends: existence
            message: "'%s'"
            ignorecase: true
            raw: ['\\b(am|is|be)\\b\\s*']
            tokens: ['[\\w]+ed', done]
            """.components(separatedBy: "---\n")
        let loader = RuleLoader()
        let compiled = try rules.enumerated().map { index, text in
            try loader.compileRule(
                id: "t.Rule\(index)", path: "Rule\(index).yml", text: text, context: RuleCompileContext())
        }
        // `boy` is whole for `boys?` but only a beginning for `boy\w*`: no word-end text.
        let existence = try XCTUnwrap(compiled[0].literalPatterns.first)
        XCTAssertEqual(existence.wordEndTexts, ["ass", "boys", "man", "men", "lad", "lady", "ladies", "café", "a.m."])
        XCTAssertEqual(compiled[2].literalPatterns.first?.wordEndTexts, [])
        // Texts the raw part follows with `\b`.
        XCTAssertEqual(compiled[4].literalPatterns.first?.wordEndTexts, ["am", "is", "be"])
        let linter = try linterForPackT(compiled)
        XCTAssertEqual(linter.sharedScanPatternCount, 5)
        let pieces = [
            "is ", "be ", "being", "am", "done", "walked", "ass", "Ass", "boy", "boys", "man", "MEN", "lad",
            "lady", "ladies", "café", "cafe\u{301}", "a.m.", "colour", "naïve", "lass", "i", "s", "N", "_", "1",
            "é", "ß", "\u{301}", "👍", "\u{A0}", "-", ".", "'", "ſ", " ", " ", " ",
        ]
        var generator = SystemRandomNumberGenerator()
        var found = 0
        let scratch = MatchScratch()
        for _ in 0..<3_000 {
            let text = randomText(of: pieces, count: Int.random(in: 1..<14, using: &generator), using: &generator)
            let (together, alone) = try findingsWithAndWithoutScan(linter, text: text, scratch: scratch)
            XCTAssertEqual(together, alone, text)
            found += alone.count
        }
        XCTAssertGreaterThan(found, 2_000)
    }

    /// The four Vale packages and the bundled pack with the sample company, on the Vale packages' own fixtures and
    /// the sample drafts, as they are, in NFD and after an emoji: the same findings with the shared scan and without.
    func testSharedScanFindsWhatEachRuleFindsAlone() throws {
        let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/vale-packages")
        guard FileManager.default.fileExists(atPath: shared.path) else {
            return XCTFail("../shared/vale-packages is needed for this test (the Vale packages' rules and fixtures)")
        }
        let packages = ["alex", "Joblint", "proselint", "write-good"]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "postcheck-shared-scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ini =
            packages.map { "StylesPath = \(shared.appendingPathComponent($0).path)\n" }.joined()
            + "MinAlertLevel = suggestion\n[*]\nBasedOnStyles = \(packages.joined(separator: ", "))\n"
        let loader = ConfigurationLoader(bundledRulesDirectory: packageRoot.appendingPathComponent("Rules").path)
        let vale = try Linter(
            configuration: try loader.read(
                ini, path: folder.appendingPathComponent(".vale.ini").path, displayPath: ".vale.ini"))
        let bundled = try Linter(
            configuration: try loader.load(path: packageRoot.appendingPathComponent("Fixtures/.postcheck.yml").path))

        // Most of the Vale packages' 70 rules and the bundled word lists share the scan.
        XCTAssertGreaterThanOrEqual(vale.sharedScanPatternCount, 50)
        XCTAssertGreaterThanOrEqual(bundled.sharedScanPatternCount, 8)
        var texts: [String] = []
        for root in [shared, packageRoot.appendingPathComponent("Fixtures/drafts")] {
            let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
            for file in files.sorted() where file.hasSuffix(".md") || file.hasSuffix(".txt") {
                texts.append(try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8))
            }
        }
        XCTAssertGreaterThan(texts.count, 40)
        var compared = 0
        var found = 0
        for linter in [vale, bundled] {
            for text in texts {
                for variant in [text, text.decomposedStringWithCanonicalMapping, "👩🏽‍💻 " + text] {
                    let draft = try Draft(path: "t.md", text: variant)
                    let scratch = MatchScratch()
                    linter.sharesWordListScan = true
                    let together = linter.check(draft, relativePath: "t.md", scratch: scratch)
                    linter.sharesWordListScan = false
                    let alone = linter.check(draft, relativePath: "t.md", scratch: scratch)
                    let describe = { (result: CheckResult) in
                        result.findings.map { "\($0.ruleID) \($0.range) \($0.message)" }
                    }
                    XCTAssertEqual(describe(together), describe(alone), String(variant.prefix(80)))
                    XCTAssertEqual(together.ruleErrors.count, 0)
                    compared += 1
                    found += together.findings.count
                }
            }
        }
        XCTAssertEqual(compared, texts.count * 6)
        XCTAssertGreaterThan(found, 500, "the texts should give the rules plenty to find")
    }

    /// Caseless matching takes ſ for s, the Kelvin sign for k, µ for μ, ς for σ: the scan must find those places
    /// too. Random texts from such letters, a caseless word list and a `(?i)` token: the same matches with the scan
    /// and without.
    func testScanFindsWhatCaselessMatchingFinds() throws {
        let rules = """
            extends: existence
            message: "'%s'"
            ignorecase: true
            tokens: [sexy, kilo, μs, σοφός, θεά, straße, ik]
            ---
            extends: existence
            message: "'%s'"
            nonword: true
            tokens: ['(?i)\\bskim\\b', 'TODO']
            """.components(separatedBy: "---\n")
        let loader = RuleLoader()
        let compiled = try rules.enumerated().map { index, text in
            try loader.compileRule(
                id: "t.Rule\(index)", path: "Rule\(index).yml", text: text, context: RuleCompileContext())
        }
        let linter = try linterForPackT(compiled)
        XCTAssertEqual(linter.sharedScanPatternCount, 2)
        let pieces = [
            "s", "S", "ſ", "e", "x", "y", "k", "K", "\u{212A}", "i", "ı", "I", "l", "o", "μ", "µ", "Μ", "σ", "ς", "Σ",
            "ο", "φ", "ϕ", "ό", "θ", "ϑ", "ε", "ά", "t", "r", "a", "ß", "ẞ", "m", "T", "O", "D", " ", ".",
        ]
        var generator = SystemRandomNumberGenerator()
        var found = 0
        let scratch = MatchScratch()
        for round in 0..<3_000 {
            // Words of the lists with some letters swapped for ones caseless matching takes for them.
            var text = [
                "ſexy", "\u{212A}ILO", "µs", "ΣΟΦΌΣ", "σοφός", "θεά", "ϑεά", "STRAẞE", "ıK", "SKıM", "ſkim", "todo",
            ][round % 12]
            text += " " + randomText(of: pieces, count: Int.random(in: 0..<12, using: &generator), using: &generator)
            let (together, alone) = try findingsWithAndWithoutScan(linter, text: text, scratch: scratch)
            XCTAssertEqual(together, alone, text)
            found += alone.count
        }
        XCTAssertGreaterThan(found, 1_000)
    }

    /// ı, ſ and the Kelvin sign are the only non-ASCII code points whose caseless key is ASCII (the scan decodes
    /// them even where the trie goes on with ASCII only).
    func testOnlyThreeCodePointsHaveAnASCIICaselessKey() {
        var found: [UInt32] = []
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), caselessKey(scalar).isASCII else { continue }
            found.append(value)
            XCTAssertTrue(startsASCIIKeyedScalar(UTF8.encode(scalar)!.first!))
        }
        XCTAssertEqual(found, [0x131, 0x17F, 0x212A])
    }

    /// A raw pattern that comes first and starts with known words, consistency pairs and density cues that start
    /// with known words join the scan too.
    func testRawPrefixesConsistencyPairsAndDensityCuesJoinTheScan() throws {
        let rules = """
            extends: existence
            message: "'%s' is not comparable."
            ignorecase: true
            raw: ['\\b(?:most|very|quite)\\b\\s*']
            tokens: [unique, perfect]
            ---
            extends: consistency
            message: "Inconsistent spelling of '%s'."
            ignorecase: true
            either: {colour: color, organise: organize}
            ---
            extends: density
            message: "Jokes: %s per 100 words."
            max: 5
            ignorecase: true
            cues: ['\\b(?:haha|lol)\\b', '\\?']
            """.components(separatedBy: "---\n")
        let loader = RuleLoader()
        let context = RuleCompileContext()
        let compiled = try rules.enumerated().map { index, text in
            try loader.compileRule(id: "t.Rule\(index)", path: "Rule\(index).yml", text: text, context: context)
        }
        XCTAssertEqual(compiled.map(\.literalPatterns.count), [1, 2, 1])
        XCTAssertEqual(compiled[0].literalPatterns.first?.startTexts, ["most", "very", "quite"])
        let linter = try linterForPackT(compiled)
        // Asking for the count builds the scan, so that this short draft uses it.
        XCTAssertEqual(linter.sharedScanPatternCount, 4)
        let draft = try Draft(
            path: "t.md", text: "A most unique colour.\n\nA very perfect color, Most Unique. Almost unique. Haha lol?\n"
        )
        let scratch = MatchScratch()
        let together = linter.check(draft, relativePath: "t.md", scratch: scratch)
        linter.sharesWordListScan = false
        let alone = linter.check(draft, relativePath: "t.md", scratch: scratch)
        let describe = { (result: CheckResult) in
            result.findings.map { "\($0.ruleID) \(draft.source.string($0.range))" }
        }
        XCTAssertEqual(
            describe(together),
            [
                "t.Rule0 most unique", "t.Rule0 very perfect", "t.Rule1 color", "t.Rule0 Most Unique",
                "t.Rule2 Haha",
            ])
        XCTAssertEqual(together.findings.first { $0.ruleID == "t.Rule2" }?.cues.map(\.text), ["Haha", "lol", "?"])
        XCTAssertEqual(describe(together), describe(alone))
    }

    /// The findings (rule and range) of `text` with the shared scan and without it.
    private func findingsWithAndWithoutScan(
        _ linter: Linter, text: String, scratch: MatchScratch
    ) throws
        -> (together: [String], alone: [String])
    {
        let draft = try Draft(path: "t.md", text: text)
        let describe = { (result: CheckResult) in result.findings.map { "\($0.ruleID) \($0.range)" } }
        linter.sharesWordListScan = true
        let together = describe(linter.check(draft, relativePath: "t.md", scratch: scratch))
        linter.sharesWordListScan = false
        return (together, describe(linter.check(draft, relativePath: "t.md", scratch: scratch)))
    }

    /// `count` pieces picked at random, joined.
    private func randomText(
        of pieces: [String], count: Int, using generator: inout SystemRandomNumberGenerator
    ) -> String {
        (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    /// A linter running `rules` (pack `t`) at every severity.
    private func linterForPackT(_ rules: [any CompiledRule]) throws -> Linter {
        var configuration = Configuration(source: .builtin, baseDirectory: "/")
        configuration.minSeverity = .suggestion
        configuration.enabledPacks = ["t"]
        return try Linter(configuration: configuration, rules: rules)
    }
}
