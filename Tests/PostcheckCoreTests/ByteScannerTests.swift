import Foundation
import XCTest

@testable import PostcheckCore

/// Scanners that read bytes where a pattern used to run must find exactly what the pattern found: each is checked
/// against its pattern on the sample drafts and on random text built from the characters where they could part.
final class ByteScannerTests: XCTestCase {
    /// The definition of a word, as a pattern (the reference for `WordCounter`).
    private let wordPattern = try! RegexPattern("[\\p{L}\\p{N}]+(?:['’\\-][\\p{L}\\p{N}]+)*")
    /// Vale's "anything but white space" token (the reference for `RepetitionRule.nonSpaceRuns`).
    private let nonSpacePattern = try! RegexPattern("[^\\s]+")
    /// Where a URL can be, as a pattern (the reference for `LengthRule.urlCandidates`).
    private let urlCandidatePattern = try! RegexPattern("[^\\s<>\"]*(?:://|\\.\\p{L})[^\\s<>\"]*")

    private func sampleDrafts() throws -> [String] {
        var texts: [String] = []
        let drafts = packageRoot.appendingPathComponent("Fixtures/drafts")
        let files = try XCTUnwrap(FileManager.default.enumerator(at: drafts, includingPropertiesForKeys: nil))
        for case let file as URL in files where file.pathExtension == "md" {
            texts.append(try String(contentsOf: file, encoding: .utf8))
        }
        XCTAssertGreaterThan(texts.count, 10)
        return texts
    }

    private func randomTexts(from alphabet: [String], count: Int = 3000) -> [String] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            (0..<Int.random(in: 0..<24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
                .joined()
        }
    }

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
        // Joiners at edges and doubled, marks, digits of other scripts, emoji, white space of several kinds.
        let alphabet = [
            "a", "Z", "é", "ß", "9", "٣", "½", "'", "’", "-", " ", "\u{A0}", "\n", "\u{301}", "🎉", "東", "Ω", ".",
            "#", "_", "‘",
        ]
        for text in try sampleDrafts() + randomTexts(from: alphabet) {
            XCTAssertEqual(words(text), try wordPattern.matches(in: text), "text: \(text.debugDescription)")
        }
    }

    func testSameURLStretchesAsThePatternOnDraftsAndRandomText() throws {
        // Markers split and at edges, white space of several kinds (NEL too: PCRE2 counts it as \s), letters of
        // other scripts after a dot.
        let alphabet = [
            "a", "é", "Ω", "1", ".", ":", "/", "//", "://", "<", ">", "\"", " ", "\t", "\u{A0}", "\u{2028}",
            "\u{85}", "\u{3000}", "🎉", "-", "東",
        ]
        for text in try sampleDrafts() + randomTexts(from: alphabet) {
            let bytes = Array(text.utf8)
            let found = bytes.withUnsafeBufferPointer { buffer in
                LengthRule.urlCandidates(in: buffer, range: 0..<buffer.count).map {
                    String(decoding: bytes[$0], as: UTF8.self)
                }
            }
            let expected = try urlCandidatePattern.matches(in: text)
            XCTAssertEqual(
                found, expected,
                "text: \(text.debugDescription) \(found.map { Array($0.utf8) }) \(expected.map { Array($0.utf8) })")
        }
    }

    func testSameNonSpaceRunsAsThePatternOnDraftsAndRandomText() throws {
        let alphabet = [
            "a", "é", "🎉", ".", " ", "\t", "\r\n", "\u{A0}", "\u{85}", "\u{2028}", "\u{3000}", "\u{200B}", "\u{301}",
        ]
        for text in try sampleDrafts() + randomTexts(from: alphabet) {
            let bytes = Array(text.utf8)
            let found = bytes.withUnsafeBufferPointer { buffer in
                RepetitionRule.nonSpaceRuns(in: buffer, range: 0..<buffer.count).map {
                    String(decoding: bytes[$0], as: UTF8.self)
                }
            }
            XCTAssertEqual(found, try nonSpacePattern.matches(in: text), "text: \(text.debugDescription)")
        }
    }

    func testRepetitionRulesUseTheScannerOnlyForTheirExactTokens() {
        XCTAssertEqual(RepetitionRule.TokenScanner(tokens: ["[^\\s]+"]), .nonSpaceRuns)
        XCTAssertEqual(RepetitionRule.TokenScanner(tokens: ["[\\p{L}\\p{N}]+(?:['’-][\\p{L}\\p{N}]+)*"]), .words)
        XCTAssertNil(RepetitionRule.TokenScanner(tokens: ["[^\\s]+", "\\d+"]))
        XCTAssertNil(RepetitionRule.TokenScanner(tokens: ["\\w+"]))
    }

    /// The shared word index answers for any range as a scan of that range would, ends inside words included.
    func testWordIndexAnswersAsAScanOfTheRange() throws {
        let alphabet = ["a", "é", "e\u{301}", "1", "'", "’", "-", " ", ".", "🎉", "\u{A0}", "東", "\n"]
        var generator = SystemRandomNumberGenerator()
        var answeredByIndex = 0
        for text in try sampleDrafts() + randomTexts(from: alphabet, count: 500) {
            let bytes = Array(text.utf8)
            // Ranges on character boundaries, as the linter's blocks, sentences and pieces are.
            var boundaries = [0]
            var offset = 0
            for character in text { offset += character.utf8.count; boundaries.append(offset) }
            bytes.withUnsafeBufferPointer { buffer in
                let index = WordIndex(buffer)
                for _ in 0..<20 {
                    let ends = [
                        boundaries.randomElement(using: &generator)!, boundaries.randomElement(using: &generator)!,
                    ]
                    let range = ends.min()!..<ends.max()!
                    let scanned = WordCounter.words(in: buffer, range: range)
                    if index.indexed(range) != nil { answeredByIndex += 1 }
                    XCTAssertEqual(index.words(in: range), scanned, "\(text.debugDescription) \(range)")
                    XCTAssertEqual(index.count(in: range), scanned.count)
                    var walked: [Range<Int>] = []
                    index.forEachWord(in: range) { walked.append($0) }
                    XCTAssertEqual(walked, scanned)
                }
                XCTAssertNotNil(index.indexed(0..<buffer.count), "the whole text is always answered from the index")
            }
        }
        XCTAssertGreaterThan(answeredByIndex, 1000, "most ranges between words are answered from the index")
    }

    func testWhitespaceIsUnicodesWhiteSpaceForEveryCodePoint() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if ScalarClasses.isWhitespace(scalar) != scalar.properties.isWhitespace {
                return XCTFail("U+\(String(value, radix: 16, uppercase: true))")
            }
        }
    }

    func testCharacterCountIsSwiftsCount() throws {
        // Marks (combining acute, Hebrew and Arabic points), format characters (Arabic number sign, soft hyphen),
        // ZWJ sequences and flags, next to plain letters of several scripts.
        let alphabet = [
            "a", "é", "ß", "Ω", "ж", "\u{301}", "\u{5B0}", "\u{64B}", "\u{600}", "\u{AD}", "👍", "🏽", "\u{200D}",
            "🇧", "🇪", "東", "\r\n", "ـ",
        ]
        for text in try sampleDrafts() + randomTexts(from: alphabet) {
            XCTAssertEqual(ScalarClasses.characterCount(Array(text.utf8)[...]), text.count, text.debugDescription)
        }
    }
}
