import XCTest

@testable import PostcheckCore

final class LengthRuleTests: XCTestCase {
    private func linter(
        _ rules: [String: String], configuration extra: (inout Configuration) -> Void = { _ in }
    ) throws -> Linter {
        let root = try temporaryDirectory()
        for (name, text) in rules { try write(text, to: root.appendingPathComponent("p/\(name).yml")) }
        var configuration = Configuration(source: .builtin, baseDirectory: root.path)
        configuration.packDirectories = [("p", root.appendingPathComponent("p").path)]
        configuration.enabledPacks = ["p"]
        extra(&configuration)
        return try Linter(configuration: configuration)
    }

    private func check(_ linter: Linter, _ text: String) throws -> [String] {
        let draft = try Draft(path: "t.md", text: text)
        return linter.check(draft, relativePath: "t.md", scratch: MatchScratch()).findings.map {
            let location = draft.original.location(of: $0.range.lowerBound)
            return "\(location.line):\(location.column) \($0.message)"
        }
    }

    private let limits = [
        "Length": """
        extends: length
        message: "%[1]s %[3]s; %[4]s allows %[2]s (%[5]s too many)."
        count: characters
        max: {linkedin: 40, instagram: 30}
        """,
        "X": """
        extends: length
        message: "%[1]s %[3]s; %[4]s allows %[2]s."
        count: weighted
        max: {x: 20}
        """,
        "Hashtags": """
        extends: length
        message: "%[1]s %[3]s; %[4]s allows %[2]s."
        count: hashtags
        max: 2
        """,
    ]

    func testPlatformLimitsFromFrontMatterAndConfiguration() throws {
        let linter = try self.linter(limits) { $0.platform = "linkedin" }
        let text = "Dit bericht is net iets te lang voor de test 🎉."
        XCTAssertEqual(try check(linter, text), ["1:41 47 characters; LinkedIn allows 40 (7 too many)."])
        XCTAssertEqual(
            try check(linter, "---\nplatform: instagram\n---\n" + text),
            ["4:31 47 characters; Instagram allows 30 (17 too many)."])
        XCTAssertEqual(try check(linter, "---\nplatform: facebook\n---\n" + text), [])
    }

    func testXWeightedLengthCountsURLsAndEmoji() throws {
        let linter = try self.linter(limits)
        // "Go " (3) + URL (23) = 26 > 20; the finding starts where the text stops fitting.
        XCTAssertEqual(
            try check(linter, "---\nplatform: x\n---\nGo https://example.com/a/very/long/path"),
            ["4:4 26 weighted characters; X allows 20."])
        XCTAssertEqual(try check(linter, "---\nplatform: x\n---\n👩🏽‍💻👩🏽‍💻 ok"), [])
    }

    func testSignatureCountsInTheBudget() throws {
        let linter = try self.linter(limits) { $0.signatures = ["x": " — posted by Acme #ad"] }
        XCTAssertEqual(
            try check(linter, "---\nplatform: x\n---\nShort post."),
            ["4:1 32 weighted characters; X allows 20."])
    }

    func testHashtagsPointAtTheFirstOneTooMany() throws {
        let linter = try self.linter(limits)
        XCTAssertEqual(
            try check(linter, "Nieuws #een #twee C#-code en #drie #vier"), ["1:30 4 hashtags; the platform allows 2."])
    }

    func testBadLengthRules() {
        XCTAssertThrowsError(try compileRule("extends: length\nmessage: x\ncount: syllables\nmax: 3\n"))
        XCTAssertThrowsError(try compileRule("extends: length\nmessage: x\nmax: -3\n")) { error in
            XCTAssertTrue("\(error)".contains("must not be negative"), "\(error)")
        }
        XCTAssertThrowsError(try compileRule("extends: length\nmessage: x\n"))
    }

    func testEmptyAndEmojiOnlyDrafts() throws {
        let linter = try self.linter(limits) { $0.platform = "instagram" }
        XCTAssertEqual(try check(linter, ""), [])
        XCTAssertEqual(try check(linter, String(repeating: "🎉", count: 31)).count, 1)
    }
}
