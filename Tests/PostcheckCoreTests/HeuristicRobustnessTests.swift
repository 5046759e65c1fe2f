import XCTest

@testable import PostcheckCore

/// Every heuristic kind on drafts with no words, only emoji, only hashtags, or 100 KB of one word: sensible
/// results, no crash, no division by zero.
final class HeuristicRobustnessTests: XCTestCase {
    func testDegenerateDrafts() throws {
        let root = try temporaryDirectory()
        let rules = [
            "Tone": "extends: lexicon\nmessage: x %s\nentries: {bad: -2, good: 2}\nthreshold: {below: -0.5}\n",
            "Density": "extends: density\nmessage: x %s\ncues: ['#\\w+', '!']\nmax: 5\nminwords: 1\n",
            "Disclosure": "extends: requires\nmessage: x %s\ntrigger: ['\\bword\\b']\nrequire: ['#ad\\b']\n",
            "Length": "extends: length\nmessage: x %s\ncount: characters\nmax: 1000\n",
            "Tags": "extends: length\nmessage: x %s\ncount: hashtags\nmax: 3\n",
            "Ease": "extends: metric\nmessage: x %s\nformula: reading_ease\ncondition: '< 30'\n",
            "Card": "extends: existence\nmessage: x\nnonword: true\nvalidate: luhn\nraw: ['\\d{13,19}']\n",
        ]
        for (name, text) in rules { try write(text, to: root.appendingPathComponent("p/\(name).yml")) }
        var configuration = Configuration(source: .builtin, baseDirectory: root.path)
        configuration.packDirectories = [("p", root.appendingPathComponent("p").path)]
        configuration.enabledPacks = ["p"]
        let linter = try Linter(configuration: configuration)
        let word = String(repeating: "word ", count: 20_000)  // 100 KB of one word
        let cases: [(String, Set<String>)] = [
            ("", []),
            ("🎉🎉🎉 👩🏽‍💻", []),
            ("#a #b #c #d", ["p.Density", "p.Tags"]),
            (word, ["p.Disclosure", "p.Length", "p.Ease"]),  // one 20,000-word sentence is hard to read
            ("!!!!!", []),  // no words: no density
        ]
        for (text, expected) in cases {
            let result = linter.check(
                try Draft(path: "t.md", text: text), relativePath: "t.md", scratch: MatchScratch())
            XCTAssertEqual(Set(result.findings.map(\.ruleID)), expected, String(text.prefix(20)))
            XCTAssertTrue(result.ruleErrors.isEmpty)
            XCTAssertTrue((0...100).contains(result.score))
        }
    }
}
