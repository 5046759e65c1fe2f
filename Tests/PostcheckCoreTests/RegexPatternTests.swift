import XCTest
@testable import PostcheckCore

final class RegexPatternTests: XCTestCase {
    func testUnicodeWordBoundariesAndCaseFolding() throws {
        let pattern = try RegexPattern("\\bcafé\\b", options: [.caseInsensitive])
        XCTAssertEqual(try pattern.matches(in: "Un CAFÉ, un café; cafés non."), ["CAFÉ", "café"])
        // With UCP, é is a word character: no boundary inside "éte".
        XCTAssertEqual(try RegexPattern("\\bte\\b").matches(in: "été te"), ["te"])
        XCTAssertEqual(try RegexPattern("straße", options: [.caseInsensitive]).matches(in: "STRASSE Straße"), ["Straße"])
        XCTAssertEqual(try RegexPattern("\\w+").matches(in: "ça ëlk"), ["ça", "ëlk"])
    }

    func testCompileErrorCarriesMessageAndOffset() {
        XCTAssertThrowsError(try RegexPattern("abc(def")) { error in
            let compileError = error as! RegexCompileError
            XCTAssertEqual(compileError.offset, 7)
            XCTAssertTrue(compileError.message.contains("missing closing parenthesis"), compileError.message)
            XCTAssertEqual(compileError.pattern, "abc(def")
        }
    }

    func testRunawayPatternStopsWithLimitError() {
        let text = String(repeating: "a", count: 50_000) + "b"
        let pattern = try! RegexPattern("(a+)+$")
        XCTAssertThrowsError(try pattern.matches(in: text)) { error in
            let matchError = error as! MatchError
            XCTAssertTrue(matchError.isLimit, "\(matchError)")
        }
    }

    func testEmptyMatchesAreSkippedAndScanningContinues() throws {
        XCTAssertEqual(try RegexPattern("x*").matches(in: "ab xx c x"), ["xx", "x"])
    }

    func testMultilineAnchorsWorkWithCRLF() throws {
        let pattern = try RegexPattern("end$", options: [.multiline])
        XCTAssertEqual(try pattern.matches(in: "the end\r\nthe end\r\n"), ["end", "end"])
    }

    func testGroupsReportAbsoluteByteRanges() throws {
        let text = Array("héllo wörld".utf8)
        let pattern = try RegexPattern("(w)(ö)")
        let found = try text.withUnsafeBufferPointer { buffer in
            try pattern.matches(in: buffer, range: 3..<buffer.count, scratch: MatchScratch(), captureGroups: true)
        }
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found[0].range, 7..<10)
        XCTAssertEqual(found[0].group(2), 8..<10)
    }

    func testJITIsUsedWhenAvailable() throws {
        let pattern = try RegexPattern("foo")
        XCTAssertEqual(pattern.isJITCompiled, RegexPattern.jitAvailable)
    }
}
