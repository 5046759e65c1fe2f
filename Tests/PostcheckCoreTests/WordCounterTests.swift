import Foundation
import XCTest
@testable import PostcheckCore

/// The byte-level word finder must give exactly the matches of the pattern it replaced.
final class WordCounterTests: XCTestCase {
    /// The definition of a word, as a pattern (the reference the byte-level finder is checked against).
    private let reference = try! RegexPattern("[\\p{L}\\p{N}]+(?:['’\\-][\\p{L}\\p{N}]+)*")

    private func words(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            WordCounter.words(in: buffer, range: 0..<buffer.count).map { String(decoding: bytes[$0], as: UTF8.self) }
        }
    }

    func testWordsInThreeLanguages() {
        let cases: [(String, [String])] = [
            ("l'équipe zo'n co-founder", ["l'équipe", "zo'n", "co-founder"]),
            ("don’t stop-", ["don’t", "stop"]),
            ("-x x- 'a' ‘b’", ["x", "x", "a", "b"]),
            ("#launch @acme 🎉 2026, ½ ٣", ["launch", "acme", "2026", "½", "٣"]),
            ("naïve café Ελλάδα 東京", ["naïve", "café", "Ελλάδα", "東京"]),
            // A combining mark is neither a letter nor a digit (matching runs on the NFC copy).
            ("cafe\u{301} ok", ["cafe", "ok"]),
            ("a--b a''b a-'b", ["a", "b", "a", "b", "a", "b"]),
            ("", []),
        ]
        for (text, expected) in cases { XCTAssertEqual(words(text), expected, text) }
        XCTAssertEqual(WordCounter.count(in: "l'équipe zo'n co-founder"), 3)
    }

    func testSameWordsAsThePatternOnDraftsAndRandomText() throws {
        var texts: [String] = []
        let drafts = packageRoot.appendingPathComponent("Fixtures/drafts")
        let files = try XCTUnwrap(FileManager.default.enumerator(at: drafts, includingPropertiesForKeys: nil))
        for case let file as URL in files where file.pathExtension == "md" {
            texts.append(try String(contentsOf: file, encoding: .utf8))
        }
        XCTAssertGreaterThan(texts.count, 10)
        // Random text over the characters where the two could part: joiners at edges and doubled, marks, digits of
        // other scripts, emoji, white space of several kinds.
        let alphabet: [String] = ["a", "Z", "é", "ß", "9", "٣", "½", "'", "’", "-", " ", "\u{A0}", "\n", "\u{301}", "🎉",
                                  "東", "Ω", ".", "#", "_", "‘"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let length = Int.random(in: 0..<24, using: &generator)
            texts.append((0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            let expected = try reference.matches(in: text)
            XCTAssertEqual(words(text), expected, "text: \(text.debugDescription)")
        }
    }
}
