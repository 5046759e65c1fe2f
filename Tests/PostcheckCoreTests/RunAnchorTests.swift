import XCTest

@testable import PostcheckCore

/// Patterns that open with a run of a class and a literal byte are searched from that byte (`RunAnchor`): the
/// matches must be the ones PCRE2's own search finds, on random text where runs, literal bytes and other
/// characters mix.
final class RunAnchorTests: XCTestCase {
    func testSameMatchesAsPCRE2sSearch() throws {
        let patterns: [(String, RegexOptions)] = [
            ("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+", []),  // the bundled Email rule
            ("[a-z]+@b", [.caseInsensitive]),
            ("[\\w.]+#\\w*", [.multiline]),
            ("[é.]+:(?=x)", []),
        ]
        let alphabet = [
            "a", "b", "B", "x", "é", "e\u{301}", "1", ".", "-", "_", "@", "@", "#", ":", " ", "\n", "🎉", "ß", "%",
        ]
        var generator = SystemRandomNumberGenerator()
        let scratch = MatchScratch()
        for (source, options) in patterns {
            let pattern = try RegexPattern(source, options: options)
            XCTAssertNotNil(pattern.runAnchor, source)
            // The same pattern behind a group does not open with a class: PCRE2 searches it.
            let reference = try RegexPattern("(?:" + source + ")", options: options)
            XCTAssertNil(reference.runAnchor)
            for _ in 0..<3_000 {
                let text = (0..<Int.random(in: 0..<30, using: &generator)).map { _ in
                    alphabet.randomElement(using: &generator)!
                }.joined()
                let bytes = Array(text.utf8)
                // Also on a part of the text, as rules search one block at a time.
                let cut = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
                let start = String(decoding: bytes[..<cut], as: UTF8.self).utf8.count == cut ? cut : 0
                try bytes.withUnsafeBufferPointer { buffer in
                    for range in [0..<buffer.count, start..<buffer.count] {
                        let found = try pattern.matches(in: buffer, range: range, scratch: scratch, captureGroups: true)
                        let expected = try reference.matches(
                            in: buffer, range: range, scratch: scratch, captureGroups: true)
                        XCTAssertEqual(
                            found.map(\.range), expected.map(\.range), "\(source) on \(text.debugDescription) \(range)")
                        XCTAssertEqual(found.map(\.groups), expected.map(\.groups))
                    }
                }
            }
        }
    }

    func testOnlyPatternsOfThatShapeAreAnchored() throws {
        for source in [
            "[^@]+@x", "[a\\]]+@x", "[[:alpha:]]+@x", "[a-z]*@x", "[a-z]+x", "[a-z]+\\.x", "[a-z@]+@x", "(?:[a-z]+@x)",
        ] {
            XCTAssertNil(try RegexPattern(source).runAnchor, source)
        }
    }
}
