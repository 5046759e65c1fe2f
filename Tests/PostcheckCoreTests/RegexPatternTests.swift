import Foundation
import XCTest

@testable import PostcheckCore

final class RegexPatternTests: XCTestCase {
    func testUnicodeWordBoundariesAndCaseFolding() throws {
        let pattern = try RegexPattern("\\bcafé\\b", options: [.caseInsensitive])
        XCTAssertEqual(try pattern.matches(in: "Un CAFÉ, un café; cafés non."), ["CAFÉ", "café"])
        // With UCP, é is a word character: no boundary inside "éte".
        XCTAssertEqual(try RegexPattern("\\bte\\b").matches(in: "été te"), ["te"])
        XCTAssertEqual(
            try RegexPattern("straße", options: [.caseInsensitive]).matches(in: "STRASSE Straße"), ["Straße"])
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

    /// Lookbehinds PCRE2 refuses for their length (Vale's regexp2 takes them) work through `VariableLookbehind`.
    func testVariableLengthLookbehind() throws {
        // Google's Colons rule: a colon not preceded by another colon earlier in the same word.
        let colons = try RegexPattern("(?<!:[^ ]+?):\\s[A-Z]")
        XCTAssertNotNil(colons.variableLookbehind)
        XCTAssertEqual(try colons.matches(in: "Note: Capital here"), [": C"])
        XCTAssertEqual(try colons.matches(in: "see a:b: Capital"), [])
        XCTAssertEqual(try colons.matches(in: "a:b: No. Then: Yes"), [": Y"])
        // Positive, unbounded, with a group inside: the pattern's own group keeps its number.
        let after = try RegexPattern("(?<=\\b(\\w+) )(cat)")
        XCTAssertEqual(after.captureCount, 2)
        XCTAssertEqual(try after.matches(in: "the cat; cat"), ["cat"])
        let bytes = Array("the cat".utf8)
        let found = try bytes.withUnsafeBufferPointer { buffer in
            try after.matches(in: buffer, range: 0..<buffer.count, scratch: .forCurrentThread, captureGroups: true)
        }
        XCTAssertEqual(found.first?.group(2), 4..<7)
        XCTAssertNil(found.first?.group(1), "a lookbehind's groups are never set")
        // Case-insensitive, many matches, scanned and JIT-compiled: the same answers as the interpreter.
        let text = String(repeating: "Long words then: Upper. x: Lower ", count: 2_000)
        let big = try RegexPattern("(?<!\\bx[a-z]*):\\s[A-Z]", options: [.caseInsensitive])
        XCTAssertEqual(try big.matches(in: text).count, 2_000 * 1)
        XCTAssertEqual(big.isJITCompiled, RegexPattern.jitAvailable)
        // A body's \\b sees the text after the assertion's place, as inside the pattern.
        XCTAssertEqual(try RegexPattern("(?<=\\w+\\b)x").matches(in: "ab x abx"), [])
        XCTAssertEqual(try RegexPattern("(?<=\\w+\\B)x").matches(in: "ab x abx"), ["x"])
        // Anything else wrong keeps PCRE2's own error.
        XCTAssertThrowsError(try RegexPattern("(?<=a+)(b")) { error in
            XCTAssertTrue((error as! RegexCompileError).message.contains("parenthesis"), "\(error)")
        }
    }

    /// Each replaced lookbehind is a match of its own: past the check's deadline the callout stops the pattern.
    func testVariableLookbehindStopsAtTheDeadline() throws {
        let pattern = try RegexPattern("(?<!x[a-z]*):\\s[A-Z]")
        let bytes = Array(String(repeating: "word: Upper ", count: 500).utf8)
        let scratch = MatchScratch()
        scratch.setDeadline(1)
        XCTAssertThrowsError(
            try bytes.withUnsafeBufferPointer { buffer in
                try pattern.matches(in: buffer, range: 0..<buffer.count, scratch: scratch)
            }
        ) { error in
            XCTAssertTrue((error as! MatchError).isTimeLimit, "\(error)")
        }
        scratch.setDeadline(nil)
        let found = try bytes.withUnsafeBufferPointer { buffer in
            try pattern.matches(in: buffer, range: 0..<buffer.count, scratch: scratch)
        }
        XCTAssertEqual(found.count, 500)
    }

    /// Long enough to be JIT-compiled at once, and short enough for the interpreter (a draft under `jitThreshold`):
    /// the limits stop both.
    func testRunawayPatternStopsWithLimitError() {
        for (length, compiled) in [(50_000, RegexPattern.jitAvailable), (40, false)] {
            let text = String(repeating: "a", count: length) + "b"
            let pattern = try! RegexPattern("(a+)+$")
            XCTAssertThrowsError(try pattern.matches(in: text)) { error in
                let matchError = error as! MatchError
                XCTAssertTrue(matchError.isLimit, "\(matchError)")
            }
            XCTAssertEqual(pattern.isJITCompiled, compiled)
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

    /// A pattern starts interpreted and is compiled to machine code once its scans add up to `jitThreshold` bytes
    /// (where PCRE2 has a JIT), finding the same matches before and after; an `.interpreted` pattern never is.
    func testJITCompilesAPatternOnceItHasScannedEnough() throws {
        let pattern = try RegexPattern("\\b(?:fo+|bär)\\b", options: [.caseInsensitive])
        let interpreted = try RegexPattern("\\b(?:fo+|bär)\\b", options: [.caseInsensitive, .interpreted])
        let text = Array(String(repeating: "a foo, BÄR and fooo; xfoo bär! ", count: 64).utf8)
        let scratch = MatchScratch()
        let scan = { (pattern: RegexPattern) throws -> [Range<Int>] in
            try text.withUnsafeBufferPointer { buffer in
                try pattern.matches(in: buffer, range: 0..<buffer.count, scratch: scratch).map(\.range)
            }
        }
        XCTAssertFalse(pattern.isJITCompiled)
        let first = try scan(pattern)
        XCTAssertEqual(first.count, 64 * 4)
        XCTAssertFalse(pattern.isJITCompiled, "one scan of \(text.count) bytes is below the threshold")
        var scans = 1
        while scans * text.count < RegexPattern.jitThreshold {
            XCTAssertEqual(try scan(pattern), first)
            scans += 1
        }
        XCTAssertEqual(pattern.isJITCompiled, RegexPattern.jitAvailable)
        XCTAssertEqual(try scan(pattern), first)
        for _ in 0..<scans + 1 { XCTAssertEqual(try scan(interpreted), first) }
        XCTAssertFalse(interpreted.isJITCompiled)
    }

    /// Threads that scan with one pattern while it crosses the threshold all find the same matches (the JIT copy is
    /// published while others match with the interpreted code; the ThreadSanitizer run covers the same path).
    func testPatternCompiledWhileOtherThreadsMatchFindsTheSame() throws {
        let pattern = try RegexPattern("(?:synerg(?:y|ies)|leverag(?:e|ing))\\b", options: [.caseInsensitive])
        let text = Array(String(repeating: "Synergy and leveraging synergies, leverage. ", count: 40).utf8)
        let expected = try text.withUnsafeBufferPointer { buffer in
            try pattern.matches(in: buffer, range: 0..<buffer.count, scratch: MatchScratch()).map(\.range)
        }
        let results = ResultBox()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let scratch = MatchScratch()
            for _ in 0..<20 {
                let found = try? text.withUnsafeBufferPointer { buffer in
                    try pattern.matches(in: buffer, range: 0..<buffer.count, scratch: scratch).map(\.range)
                }
                results.append(found == expected)
            }
        }
        XCTAssertEqual(results.values.count, 160)
        XCTAssertTrue(results.values.allSatisfy { $0 })
        XCTAssertEqual(pattern.isJITCompiled, RegexPattern.jitAvailable)
    }
}

/// Results collected from several threads.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [Bool] = []

    func append(_ value: Bool) {
        lock.lock()
        collected.append(value)
        lock.unlock()
    }

    var values: [Bool] {
        lock.lock()
        defer { lock.unlock() }
        return collected
    }
}
