import Foundation
import PostcheckCore
import XCTest

@testable import PostcheckLanguageServer

/// "Add to the accepted vocabulary" edits a `.postcheck.yml` in each layout it can have, and the result is read back
/// by the real configuration loader with the term accepted (escaped: accepted terms are patterns).
final class VocabularyEditTests: XCTestCase {
    private func accepted(after text: String, adding term: String) throws -> (text: String, accept: [String]) {
        let change = try XCTUnwrap(VocabularyEdit.accepting(term, in: text), "no edit for \(text.debugDescription)")
        var bytes = Array(text.utf8)
        bytes.replaceSubrange(change.range, with: Array(change.newText.utf8))
        let edited = String(decoding: bytes, as: UTF8.self)
        let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Rules").path
        let configuration = try ConfigurationLoader(bundledRulesDirectory: rules)
            .read(edited, path: "/tmp/.postcheck.yml", displayPath: ".postcheck.yml")
        return (edited, configuration.vocabulary.accept)
    }

    func testEachLayout() throws {
        let cases: [(String, String, [String])] = [
            ("packs: [postcheck]\n", "packs: [postcheck]\nvocab:\n  accept: ['damn']\n", ["damn"]),
            ("packs: [postcheck]", "packs: [postcheck]\nvocab:\n  accept: ['damn']\n", ["damn"]),
            (
                "vocab: {accept: [Acme], reject: [synergy]}\n", "vocab: {accept: [Acme, 'damn'], reject: [synergy]}\n",
                ["Acme", "damn"]
            ),
            ("vocab: {reject: [synergy]}\n", "vocab: {accept: ['damn'], reject: [synergy]}\n", ["damn"]),
            ("vocab:\n  accept: []\n# end\n", "vocab:\n  accept: ['damn']\n# end\n", ["damn"]),
            (
                "vocab:\n  accept:\n    - Acme\n  reject: [x]\n",
                "vocab:\n  accept:\n    - Acme\n    - 'damn'\n  reject: [x]\n", ["Acme", "damn"]
            ),
            (
                "vocab:\n  reject: [x]\npacks: [postcheck]\n",
                "vocab:\n  accept: ['damn']\n  reject: [x]\npacks: [postcheck]\n", ["damn"]
            ),
        ]
        for (before, after, accept) in cases {
            let result = try accepted(after: before, adding: "damn")
            XCTAssertEqual(result.text, after, before.debugDescription)
            XCTAssertEqual(result.accept, accept, before.debugDescription)
        }
    }

    func testTermsAreEscapedAndQuoted() throws {
        XCTAssertEqual(try accepted(after: "packs: [postcheck]\n", adding: "C++").accept, ["C\\+\\+"])
        XCTAssertEqual(try accepted(after: "packs: [postcheck]\n", adding: "O'Neil's").accept, ["O'Neil's"])
    }
}
