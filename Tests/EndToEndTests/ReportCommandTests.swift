import Foundation
import XCTest

/// `postcheck report` over Fixtures/report (nine drafts by three authors, September to November): golden text and
/// JSON, the JSON against its schema (check-jsonschema), privacy of the writers, and authors from git.
final class ReportCommandTests: XCTestCase {
    private let fixtures = packageRoot.appendingPathComponent("Fixtures")
    private let names = ["An Peeters", "Bart Claes", "Chloé Martin"]

    private func report(_ arguments: [String], in folder: URL? = nil) throws -> ProcessOutput {
        try postcheck(["report"] + arguments + ["--date", "2026-12-06"], in: folder ?? fixtures)
    }

    private func assertGolden(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws
    {
        let golden = fixtures.appendingPathComponent("expected/\(name)")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" { try Data(text.utf8).write(to: golden) }
        XCTAssertEqual(text, try String(contentsOf: golden, encoding: .utf8), name, file: file, line: line)
    }

    func testGoldenTextAndJSONAgainstTheSchema() throws {
        let text = try report(["report"])
        XCTAssertEqual(text.status, 0, text.stderr)
        try assertGolden(text.stdout, "report.txt")
        let json = try report(["report", "--format", "json"])
        try assertGolden(json.stdout, "report.json")
        guard requireTool("check-jsonschema", install: "pip install check-jsonschema") else { return }
        let validation = try tool(
            "check-jsonschema",
            [
                "--schemafile", packageRoot.appendingPathComponent("docs/report.schema.json").path,
                fixtures.appendingPathComponent("expected/report.json").path,
            ])
        XCTAssertEqual(validation.status, 0, validation.stdout + validation.stderr)
    }

    func testWritersAreAnonymousUnlessOptedIn() throws {
        for format in ["text", "json"] {
            let anonymous = try report(["report", "--format", format]).stdout
            for name in names { XCTAssertFalse(anonymous.contains(name), "\(name) in the anonymous \(format) report") }
            let one = try report(["report", "--format", format, "--author", "Bart Claes"]).stdout
            XCTAssertTrue(one.contains("Bart Claes"), one)
            XCTAssertFalse(one.contains("An Peeters") || one.contains("Chloé Martin"), one)
            let board = try report(["report", "--format", format, "--leaderboard"]).stdout
            for name in names { XCTAssertTrue(board.contains(name), "\(name) on the leaderboard") }
        }
        let board = try report(["report", "--leaderboard"]).stdout
        XCTAssertTrue(
            board.contains("Leaderboard (writers, by share passing first):\n  An Peeters: 3 drafts, 3 pass (100%)"),
            board)
    }

    func testPeriodAndFolders() throws {
        let autumn = try report(["report", "--format", "json", "--since", "2026-10-01", "--until", "2026-10-31"]).stdout
        let object = try JSONSerialization.jsonObject(with: Data(autumn.utf8)) as! [String: Any]
        XCTAssertEqual((object["drafts"] as? [String: Any])?["checked"] as? Int, 3, "the three October drafts")
        let folders = try report(["report", "--by", "folder", "--leaderboard"]).stdout
        XCTAssertTrue(folders.contains("  report: 9 drafts"), folders)
        XCTAssertEqual(try report(["report", "--since", "last week"]).status, 2)
    }

    /// Without front matter, the author and date are those of the commit that added the draft.
    func testAuthorsFromGit() throws {
        guard requireTool("git", install: "apt-get install git") else { return }
        let repository = try temporaryFolder()
        try Data("packs: [postcheck]\n".utf8).write(to: repository.appendingPathComponent(".postcheck.yml"))
        try Data("Our team in Ghent shipped the new app today.\n".utf8).write(
            to: repository.appendingPathComponent("post.md"))
        for arguments in [
            ["init", "-q"], ["add", "."],
            [
                "-c", "user.name=Dana Git", "-c", "user.email=dana@example.com", "commit", "-q", "-m", "post",
                "--date", "2026-10-05T10:00:00",
            ],
        ] {
            let result = try tool(
                "git", arguments, in: repository,
                environment: ["GIT_COMMITTER_DATE": "2026-10-05T10:00:00", "GIT_AUTHOR_DATE": "2026-10-05T10:00:00"])
            XCTAssertEqual(result.status, 0, result.stderr)
        }
        let json = try report([".", "--format", "json", "--leaderboard"], in: repository).stdout
        XCTAssertTrue(json.contains(#""name": "Dana Git""#), json)
        XCTAssertTrue(
            json.contains(#""history": "authors and dates from front matter, else from the git commit"#), json)
        let outside = try temporaryFolder()
        try Data("packs: [postcheck]\n".utf8).write(to: outside.appendingPathComponent(".postcheck.yml"))
        try Data("Our team in Ghent shipped the new app today.\n".utf8).write(
            to: outside.appendingPathComponent("post.md"))
        XCTAssertTrue(try report(["."], in: outside).stdout.contains("History: not a git work tree"))
    }
}
