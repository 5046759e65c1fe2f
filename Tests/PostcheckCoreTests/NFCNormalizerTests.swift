import Foundation
import XCTest

@testable import PostcheckCore

/// Matching runs on an NFC copy of a draft: segment by segment (with a shortcut for an ASCII letter and one accent)
/// it must give what normalizing the whole text gives, and its offset map must lead back to the original text.
final class NFCNormalizerTests: XCTestCase {
    func testSameAsNormalizingTheWholeText() {
        // Accents that compose and ones that do not (x + acute), two marks in either order, marks that decompose
        // (U+0340 → U+0300, U+0344 → two marks), a mark after a non-ASCII base, emoji, CR LF. Texts start with a
        // letter: a mark with no base before it, and compositions of two starters (Hangul jamo), are left as they
        // are (drafts do not have them).
        let alphabet = [
            "e", "E", "a", "x", "c", "n", "\u{301}", "\u{300}", "\u{308}", "\u{327}", "\u{303}", "\u{340}",
            "\u{344}", "\u{345}", "\u{323}", "é", "ø", "ω", "🎉", " ", "\r\n", "\u{5B0}",
            // Long ASCII runs, which are passed eight bytes at a time, before and after marks.
            "abcdefghij", "klmnopqrstuvwxyz",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text =
                "e"
                + (0..<Int.random(in: 1..<24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)!
                }.joined()
            let bytes = Array(text.utf8)
            let expected = Array(text.precomposedStringWithCanonicalMapping.utf8)
            guard let (normalized, map) = NFCNormalizer.normalize(bytes) else {
                XCTAssertEqual(
                    bytes, expected, text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
                continue
            }
            XCTAssertEqual(
                normalized, expected, text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
            // The whole normalized text maps back to the whole original.
            XCTAssertEqual(map.original(0..<normalized.count), 0..<bytes.count)
        }
    }
}
