import XCTest

@testable import PostcheckCore

/// A word list too large for one PCRE2 pattern is split into several, with the same findings; a pattern quoted in
/// an error is cut short.
final class LargeWordListTests: XCTestCase {
    func testFiftyThousandTermsCompileAndMatch() throws {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var terms: [String] = []
        var state: UInt64 = 42
        for _ in 0..<50_000 {
            var term = ""
            for _ in 0..<(6 + Int(state % 6)) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                term.append(letters[Int((state >> 33) % 26)])
            }
            terms.append(term)
        }
        let yaml =
            "extends: existence\nmessage: \"%s\"\nignorecase: true\ntokens:\n" + terms.map { "  - \($0)\n" }.joined()
        let rule = try compileRule(yaml)
        let text = "Start \(terms[0]) middle \(terms[25_000].uppercased()) end \(terms[49_999]) and \(terms[49_999])s."
        let found = try findings(rule, on: text)
        XCTAssertEqual(found.map(\.match), [terms[0], terms[25_000].uppercased(), terms[49_999]])
        XCTAssertGreaterThan((rule as! ExistenceRule).patterns["*"]!.count, 1, "split into several patterns")
    }

    func testErrorsQuoteOnlyTheStartOfAPattern() throws {
        let yaml = "extends: existence\nmessage: x\nraw: ['\(String(repeating: "abc", count: 2000))(']\n"
        XCTAssertThrowsError(try compileRule(yaml)) { error in
            let text = "\(error)"
            XCTAssertLessThan(text.utf8.count, 600, text)
            XCTAssertTrue(text.contains("missing closing parenthesis"), text)
        }
    }
}
