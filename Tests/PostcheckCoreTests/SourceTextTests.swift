import XCTest

@testable import PostcheckCore

final class SourceTextTests: XCTestCase {
    func testColumnsCountCodePointsAfterEmojiSequences() {
        // ZWJ family (5 code points), skin tone (2), flag (2 regional indicators).
        let text = "👨‍👩‍👧 👍🏽 🇧🇪 x"
        let source = SourceText(text)
        let offset = Array(text.utf8).firstIndex(of: UInt8(ascii: "x"))!
        let location = source.location(of: offset)
        XCTAssertEqual(location.line, 1)
        XCTAssertEqual(location.column, 5 + 1 + 2 + 1 + 2 + 1 + 1)
        XCTAssertEqual(
            location.utf16Column, text.utf16.firstIndex(of: UInt16(UInt8(ascii: "x")))!.utf16Offset(in: text) + 1)
    }

    func testNFDCombiningMarksAreSeparateCodePoints() {
        let nfc = "café x"
        let nfd = "cafe\u{301} x"
        XCTAssertEqual(SourceText(nfc).location(of: Array(nfc.utf8).count - 1).column, 6)
        XCTAssertEqual(SourceText(nfd).location(of: Array(nfd.utf8).count - 1).column, 7)
    }

    func testCRLFAndLoneCRAndTabs() {
        let text = "one\r\ntwo\rthree\n\tfour"
        let source = SourceText(text)
        XCTAssertEqual(source.lineCount, 4)
        let bytes = Array(text.utf8)
        XCTAssertEqual(
            source.location(of: bytes.firstIndex(of: UInt8(ascii: "w"))!),
            TextLocation(line: 2, column: 2, utf16Column: 2))
        XCTAssertEqual(source.location(of: bytes.firstIndex(of: UInt8(ascii: "h"))!).line, 3)
        XCTAssertEqual(
            source.location(of: bytes.firstIndex(of: UInt8(ascii: "f"))!),
            TextLocation(line: 4, column: 2, utf16Column: 2))
        XCTAssertEqual(source.string(source.lineContentRange(0)), "one")
    }

    func testOffsetRoundTripsThroughLineAndColumn() {
        let text = "Ça va? 🇳🇱\r\nDe\u{301}ja\u{300} vu 👩🏽‍💻\n\n💥end"
        let source = SourceText(text)
        let bytes = Array(text.utf8)
        for offset in 0...bytes.count where offset == bytes.count || bytes[offset] & 0xC0 != 0x80 {
            let location = source.location(of: offset)
            if bytes.indices.contains(offset), bytes[offset] == 0x0A, offset > 0, bytes[offset - 1] == 0x0D { continue }
            XCTAssertEqual(source.offset(line: location.line, column: location.column), offset, "offset \(offset)")
        }
        XCTAssertEqual(source.utf16Offset(of: bytes.count), text.utf16.count)
    }

    func testInvalidUTF8IsReportedWithItsOffset() {
        let cases: [([UInt8], TextDecodingError)] = [
            (Array("abc".utf8) + [0xFF], .invalidUTF8(offset: 3)),
            ([0x61, 0xC0, 0xAF], .invalidUTF8(offset: 1)),  // overlong
            ([0xED, 0xA0, 0x80], .invalidUTF8(offset: 0)),  // surrogate
            ([0xF4, 0x90, 0x80, 0x80], .invalidUTF8(offset: 0)),  // above U+10FFFF
            (Array("é".utf8).dropLast() + [], .invalidUTF8(offset: 0)),  // truncated
            ([0x61, 0x00, 0x62], .binary(offset: 1)),
        ]
        for (bytes, expected) in cases {
            XCTAssertThrowsError(try SourceText(validating: bytes)) { error in
                XCTAssertEqual(error as? TextDecodingError, expected)
            }
        }
        XCTAssertNoThrow(try SourceText(validating: Array("Ça 👍🏽 𝄞".utf8)))
    }

    /// Long ASCII stretches are checked eight bytes at a time: a bad byte or NUL anywhere in them, at any alignment,
    /// is still found at its offset, and valid text still passes.
    func testInvalidBytesAreFoundInsideLongASCIIStretches() {
        var generator = SeededGenerator(seed: 7)
        let chunks = ["a", "b", " ", "\n", "é", "👍🏽", "abcdefgh", "0123456789"]
        for _ in 0..<3_000 {
            var pieces = (0..<Int.random(in: 1...30, using: &generator)).map { _ in
                Array(chunks.randomElement(using: &generator)!.utf8)
            }
            XCTAssertNoThrow(try SourceText(validating: pieces.flatMap { $0 }))
            let bad = Int.random(in: 0..<pieces.count, using: &generator)
            let isNUL = Bool.random(using: &generator)
            pieces[bad] = [isNUL ? 0x00 : 0xFF]
            let offset = pieces[..<bad].reduce(0) { $0 + $1.count }
            XCTAssertThrowsError(try SourceText(validating: pieces.flatMap { $0 })) { error in
                XCTAssertEqual(
                    error as? TextDecodingError, isNUL ? .binary(offset: offset) : .invalidUTF8(offset: offset))
            }
        }
    }
}

final class PositionPropertyTests: XCTestCase {
    /// Byte offset ⇄ line/column round-trips on random Unicode text (seeded, so failures repeat).
    func testRoundTripsOnRandomText() {
        var generator = SeededGenerator(seed: 42)
        let pieces = ["a", "é", "e\u{301}", "👩🏽‍💻", "🇧🇪", "\t", " ", "\n", "\r\n", "ß", "中", "𝄞", "!", "\u{200D}"]
        // Short texts, and long ones whose lines run past the column checkpoints (every 256 bytes).
        let lengths =
            (0..<200).map { _ in Int.random(in: 0...60, using: &generator) }
            + (0..<20).map { _ in Int.random(in: 300...1500, using: &generator) }
        for length in lengths {
            // Long texts break a line only about every 400 pieces.
            let text = (0..<length).map { _ in
                length > 60 && Int.random(in: 0..<400, using: &generator) != 0
                    ? pieces.filter { $0 != "\n" && $0 != "\r\n" }.randomElement(using: &generator)!
                    : pieces.randomElement(using: &generator)!
            }.joined()
            let source = SourceText(text)
            let bytes = source.bytes
            var utf16 = 0
            for offset in 0...bytes.count {
                let atBoundary = offset == bytes.count || bytes[offset] & 0xC0 != 0x80
                guard atBoundary else { continue }
                let location = source.location(of: offset)
                let inCRLF = offset < bytes.count && offset > 0 && bytes[offset] == 0x0A && bytes[offset - 1] == 0x0D
                if !inCRLF {
                    XCTAssertEqual(
                        source.offset(line: location.line, column: location.column), offset, text.debugDescription)
                }
                XCTAssertEqual(source.utf16Offset(of: offset), utf16)
                if offset < bytes.count { utf16 += bytes[offset] >= 0xF0 ? 2 : 1 }
            }
        }
    }
}

struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state ^ (state >> 33)
    }
}
