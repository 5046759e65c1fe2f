import XCTest

@testable import PostcheckCore

/// The format registry the front ends read: every format is found by its name and writes a report that names the
/// finding it was given.
final class OutputFormatTests: XCTestCase {
    func testEveryRegisteredFormatIsFoundByNameAndReportsTheFinding() throws {
        let names = OutputFormat.all.map(\.name)
        XCTAssertEqual(Set(names).count, names.count, "names are unique")
        XCTAssertTrue(names.allSatisfy { $0 == $0.lowercased() && !$0.isEmpty }, "\(names)")
        XCTAssertEqual(OutputFormat.named("SARIF")?.name, "sarif")
        XCTAssertNil(OutputFormat.named("xml"))
        let draft = try Draft(path: "post.md", text: "Our 👩🏽‍💻 team: TODO\n", format: .markdown)
        let start = Array("Our 👩🏽‍💻 team: ".utf8).count
        let finding = Finding(
            ruleID: "postcheck.Placeholder", severity: .error, message: "Placeholder 'TODO' left in the draft.",
            range: start..<(start + 4), match: "TODO")
        let result = CheckResult(
            draft: draft, findings: [finding], score: 75, verdict: .fail, ruleErrors: [],
            ruleTimings: [:], language: "en", languageSource: .detected)
        let run = RunReport(reports: [FileReport(path: "post.md", result: result)])
        for format in OutputFormat.all {
            let text = String(decoding: format.makeReporter(.init()).renderBytes(run), as: UTF8.self)
            XCTAssertTrue(text.contains("Placeholder"), "\(format.name): \(text)")
        }
    }

    /// Terminal columns for the underline under a finding: ASCII by its bytes (the fast path), the rest by grapheme.
    func testDisplayWidthAndTabs() {
        XCTAssertEqual(displayWidth("Plain ASCII, 24 columns."), 24)
        XCTAssertEqual(displayWidth("a\tb"), 6)
        XCTAssertEqual(displayWidth("café"), 4)
        XCTAssertEqual(displayWidth("cafe\u{301}"), 4, "a combining mark takes no column")
        XCTAssertEqual(displayWidth("ok 👍🏽!"), 6, "an emoji with a skin tone is one wide grapheme")
        XCTAssertEqual(displayWidth("日本"), 4)
        XCTAssertEqual(expandTabs("no tabs here"), "no tabs here")
        XCTAssertEqual(expandTabs("a\tb 👍"), "a    b 👍")
    }
}
