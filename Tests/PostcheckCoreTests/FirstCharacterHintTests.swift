import Foundation
import XCTest

@testable import PostcheckCore

/// The lookahead put in front of token lists that start with `\d`, `\w` or a property must name every character a
/// match can start with: then it changes no match, and PCRE2 can skip ahead to the next possible start.
final class FirstCharacterHintTests: XCTestCase {
    func testHintsNameTheFirstCharacters() {
        XCTAssertEqual(TokenTrie.firstCharacterHint(for: ["\\d{1,2} ?[ap]m\\b"]), "(?=(?-i:[0-9\\x{660}-\\x{10FFFF}]))")
        XCTAssertEqual(
            TokenTrie.firstCharacterHint(for: ["\\b\\d+ percent", "per cent", "[-+]\\d"]),
            "(?=(?-i:[0-9\\x{660}-\\x{10FFFF}])|[p\\-+])")
        XCTAssertEqual(
            TokenTrie.firstCharacterHint(for: ["(?:\\p{Lu}|\\.)x"]), "(?=(?-i:[A-Za-z\\x{AA}-\\x{10FFFF}])|[\\.])")
        // Literal beginnings alone: PCRE2 finds those itself.
        XCTAssertNil(TokenTrie.firstCharacterHint(for: ["guru", "ninja", "[Rr]ockstar"]))
        // A start that can be skipped, or cannot be read, gives no hint.
        XCTAssertNil(TokenTrie.firstCharacterHint(for: ["\\d?x"]))
        XCTAssertNil(TokenTrie.firstCharacterHint(for: ["\\d+", "(?i)abc"]))
        XCTAssertNil(TokenTrie.firstCharacterHint(for: ["\\d+", "[^a]b"]))
        XCTAssertNil(TokenTrie.firstCharacterHint(for: ["\\d+", ".x"]))
        XCTAssertNil(TokenTrie.firstCharacterHint(for: ["\\p{Sc}\\d"]))
    }

    func testHintChangesNoMatch() throws {
        let tokenLists: [[String]] = [
            ["\\d{1,2} ?[ap]m\\b", "noon"], ["\\w+ing\\b"], ["\\p{Lu}{2,}"], ["(?:\\p{L}|\\d)[-.]x", "[-+]\\d+"],
            ["\\p{N}+%"], ["\\bé\\d", "\\d{2}"], ["\\d+ks", "skip", "kilo"],
        ]
        // With the characters caseless matching folds together: ſ is an s, K (Kelvin) a k.
        let alphabet = [
            "1", "٣", "１", "²", "a", "Z", "é", "É", "Ω", "ª", "_", "-", "+", ".", "x", " ", "%", "am", "ing",
            "noon", "\u{301}", "🎉", "p", "ſ", "\u{212A}", "s", "k", "kip", "ilo",
        ]
        var generator = SystemRandomNumberGenerator()
        let texts = (0..<2000).map { _ in
            (0..<Int.random(in: 0..<20, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
                .joined()
        }
        for tokens in tokenLists {
            let hint = try XCTUnwrap(TokenTrie.firstCharacterHint(for: tokens), "\(tokens)")
            for options: RegexOptions in [[], [.caseInsensitive]] {
                let plain = try RegexPattern("(?:\(tokens.joined(separator: "|")))", options: options)
                let hinted = try RegexPattern("\(hint)(?:\(tokens.joined(separator: "|")))", options: options)
                for text in texts {
                    XCTAssertEqual(
                        try hinted.matches(in: text), try plain.matches(in: text),
                        "\(tokens) on \(text.debugDescription)")
                }
            }
        }
    }
}
