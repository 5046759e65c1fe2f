import XCTest

@testable import PostcheckCore

final class SuppressionTests: XCTestCase {
    private var linter: Linter!

    override func setUpWithError() throws {
        let root = try temporaryDirectory()
        try write(
            "extends: existence\nmessage: \"'%s'\"\nlevel: error\nignorecase: true\ntokens: [globex]\n",
            to: root.appendingPathComponent("acme/Competitors.yml"))
        try write(
            "extends: existence\nmessage: \"'%s'\"\nlevel: warning\ntokens: [TODO]\n",
            to: root.appendingPathComponent("acme/Placeholder.yml"))
        var configuration = Configuration(source: .builtin, baseDirectory: root.path)
        configuration.packDirectories = [("acme", root.appendingPathComponent("acme").path)]
        configuration.enabledPacks = ["acme"]
        linter = try Linter(configuration: configuration)
    }

    private func check(_ text: String) throws -> [String] {
        let draft = try Draft(path: "t.md", text: text)
        return linter.check(draft, relativePath: "t.md", scratch: MatchScratch()).findings.map {
            let location = draft.original.location(of: $0.range.lowerBound)
            return "\(location.line):\(location.column) \($0.ruleID)"
        }
    }

    func testDisableEnableRegion() throws {
        XCTAssertEqual(
            try check(
                """
                Globex 1
                <!-- postcheck-disable acme.Competitors -->
                Globex 2 TODO
                <!-- postcheck-enable -->
                Globex 3
                """), ["1:1 acme.Competitors", "3:10 acme.Placeholder", "5:1 acme.Competitors"])
    }

    func testDisableWholePackAndEverything() throws {
        XCTAssertEqual(try check("<!-- postcheck-disable acme -->\nGlobex TODO\n"), [])
        XCTAssertEqual(
            try check("<!-- postcheck-disable -->\nGlobex TODO\n<!-- postcheck-enable -->\nTODO"),
            ["4:1 acme.Placeholder"])
    }

    func testDisableNextLineSkipsBlankLines() throws {
        XCTAssertEqual(
            try check("<!-- postcheck-disable-next-line acme.Competitors -->\n\nGlobex TODO\nGlobex\n"),
            ["3:8 acme.Placeholder", "4:1 acme.Competitors"])
    }

    func testFrontMatterDisable() throws {
        XCTAssertEqual(
            try check("---\npostcheck: {disable: [acme.Placeholder]}\n---\nTODO Globex\n"), ["4:6 acme.Competitors"])
    }

    func testValeComments() throws {
        XCTAssertEqual(try check("<!-- vale off -->\nGlobex\n<!-- vale on -->\nGlobex\n"), ["4:1 acme.Competitors"])
        XCTAssertEqual(
            try check(
                "<!-- vale acme.Competitors = NO -->\nGlobex TODO\n<!-- vale acme.Competitors = YES -->\nGlobex\n"),
            ["2:8 acme.Placeholder", "4:1 acme.Competitors"])
    }

    func testUnusedAndUnknownSuppressionsAreReported() throws {
        XCTAssertEqual(
            try check("<!-- postcheck-disable-next-line acme.Competitors -->\nAll fine.\n"), ["1:1 Suppression.Unused"])
        XCTAssertEqual(
            try check("<!-- postcheck-disable acme.Competitor -->\nGlobex\n"),
            ["1:1 Suppression.UnknownRule", "2:1 acme.Competitors"])
        let draft = try Draft(
            path: "t.md", text: "Hi <!-- postcheck-disable-next-line acme.Competitors --> there.\nok\n")
        let unused = linter.check(draft, relativePath: "t.md", scratch: MatchScratch()).findings
        XCTAssertEqual(unused.map(\.severity), [.suggestion])
        XCTAssertEqual(
            Fixer.apply(unused.compactMap(\.fix), to: draft.original.bytes).bytes, Array("Hi there.\nok\n".utf8))
    }

    func testCommentsInCodeAreNotSuppressions() throws {
        XCTAssertEqual(try check("`<!-- postcheck-disable -->`\n\nGlobex\n").contains("3:1 acme.Competitors"), true)
    }
}

final class FixerTests: XCTestCase {
    func testNonOverlappingFixesApplyAndOverlappingWait() {
        let bytes = Array("ab 👍🏽 cd".utf8)
        let emojiEnd = 3 + "👍🏽".utf8.count
        let outcome = Fixer.apply(
            [
                Fix(range: 0..<2, replacement: "AB"), Fix(range: 1..<3, replacement: "x"),
                Fix(range: (emojiEnd + 1)..<(emojiEnd + 3), replacement: "CD"),
                Fix(range: 4..<5, replacement: "!"),  // inside the emoji: not a character boundary
            ], to: bytes)
        XCTAssertEqual(String(decoding: outcome.bytes, as: UTF8.self), "AB 👍🏽 CD")
        XCTAssertEqual(outcome.applied.count, 2)
    }

    func testUnifiedDiffMatchesDiffU() {
        let old = Array("one\r\ntwo\r\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\nlast".utf8)
        let new = Array("one\r\nTWO\r\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\nLAST".utf8)
        XCTAssertEqual(
            UnifiedDiff.render(path: "f.md", old: old, new: new),
            """
            --- a/f.md
            +++ b/f.md
            @@ -1,5 +1,5 @@
             one\r
            -two\r
            +TWO\r
             three
             four
             five
            @@ -8,4 +8,4 @@
             eight
             nine
             ten
            -last
            \\ No newline at end of file
            +LAST
            \\ No newline at end of file

            """)
        XCTAssertEqual(UnifiedDiff.render(path: "f.md", old: old, new: old), "")
    }

    func testEditActions() {
        XCTAssertEqual(EditAction.apply(["truncate", " "], to: "the the"), "the")
        XCTAssertEqual(EditAction.apply(["trim_right", "!"], to: "wow!!"), "wow")
        XCTAssertEqual(EditAction.apply(["split", "/", "1"], to: "and/or"), "or")
        XCTAssertEqual(EditAction.apply(["regex", "(\\w+) (\\w+)", "$2 $1"], to: "cloud acme"), "acme cloud")
        XCTAssertNil(EditAction.apply(["explode"], to: "x"))
    }
}
