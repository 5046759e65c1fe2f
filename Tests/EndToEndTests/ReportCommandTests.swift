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

    /// A report under Fixtures/ against docs/report.schema.json, with check-jsonschema.
    private func validateAgainstSchema(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        guard requireTool("check-jsonschema", install: "pip install check-jsonschema") else { return }
        let validation = try tool(
            "check-jsonschema",
            [
                "--schemafile", packageRoot.appendingPathComponent("docs/report.schema.json").path,
                fixtures.appendingPathComponent(name).path,
            ])
        XCTAssertEqual(validation.status, 0, validation.stdout + validation.stderr, file: file, line: line)
    }

    func testGoldenTextAndJSONAgainstTheSchema() throws {
        let text = try report(["report"])
        XCTAssertEqual(text.status, 0, text.stderr)
        try assertGolden(text.stdout, "report.txt")
        let json = try report(["report", "--format", "json"])
        try assertGolden(json.stdout, "report.json")
        try validateAgainstSchema("expected/report.json")
    }

    /// `--history` on a generated content repository (scripts/make-content-repo.py: four authors, three languages,
    /// six months, drafts improving over commits): golden text and JSON, the JSON against the schema, the commits
    /// counted against git's own count, and no writer named. `JourneyTests` works out single journeys by hand.
    func testHistoryOfAGeneratedContentRepository() throws {
        let repository = try temporaryFolder().appendingPathComponent("content")
        let made = try tool(
            "python3", [packageRoot.appendingPathComponent("scripts/make-content-repo.py").path, repository.path])
        XCTAssertEqual(made.status, 0, made.stderr)
        let text = try postcheck(["report", "--history", "--date", "2026-07-01", "posts"], in: repository)
        XCTAssertEqual(text.status, 0, text.stderr)
        try assertGolden(text.stdout, "history-report.txt")
        let json = try postcheck(
            ["report", "--history", "--format", "json", "--date", "2026-07-01", "posts"], in: repository)
        try assertGolden(json.stdout, "history-report.json")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let journeys = try XCTUnwrap(object["journeys"] as? [String: Any])
        let commits = try tool("git", ["-C", repository.path, "rev-list", "--count", "HEAD", "--", "posts"])
        XCTAssertEqual(journeys["commits"] as? Int, Int(commits.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertEqual(journeys["drafts"] as? Int, 24)
        // Without --history there is no journey in the report, and no name without --leaderboard.
        let plain = try postcheck(["report", "--format", "json", "--date", "2026-07-01", "posts"], in: repository)
        XCTAssertFalse(plain.stdout.contains("journeys"))
        for name in ["Anna Peeters", "Bram De Smet", "Chloé Dubois", "Dev Patel"] {
            XCTAssertFalse(json.stdout.contains(name), name)
        }
        try validateAgainstSchema("expected/history-report.json")
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

    /// The HTML page: self-contained (no script, no request leaves it), every chart followed by a table of the same
    /// numbers, in the language asked for, anonymous without a leaderboard; rendered by headless Chromium at desktop
    /// and phone widths (screenshots kept in test-artifacts/).
    func testHTMLPageInEachLanguageRenderedByChromium() throws {
        let folder = try temporaryFolder()
        let titles = [
            "en": "Guidelines report", "nl": "Rapport over de richtlijnen", "fr": "Rapport sur les lignes directrices",
        ]
        for (language, title) in titles {
            let file = folder.appendingPathComponent("report-\(language).html")
            XCTAssertEqual(try report(["report", "--html", file.path, "--lang", language]).status, 0)
            let page = try String(contentsOf: file, encoding: .utf8)
            XCTAssertTrue(page.contains("<html lang=\"\(language)\">") && page.contains("<h1>\(title)</h1>"), language)
            for forbidden in ["<script", "src=", "href=", "url(", "@import"] {
                XCTAssertFalse(page.contains(forbidden), "\(forbidden) in the \(language) page")
            }
            for name in names { XCTAssertFalse(page.contains(name), "\(name) in the anonymous page") }
            let figures = page.components(separatedBy: "<figure").dropFirst()
            XCTAssertEqual(figures.count, 2, "the guideline chart and the content-mix chart")
            for figure in figures {
                let body = figure.components(separatedBy: "</figure>")[0]
                XCTAssertTrue(body.contains("<svg role=\"img\"") && body.contains("<table>"), "a chart and its table")
            }
        }
        XCTAssertTrue(
            try String(contentsOf: folder.appendingPathComponent("report-fr.html"), encoding: .utf8)
                .contains("2 brouillons sur 9 se lisent comme de la publicité (22%)."))
        guard requireTool("chromium", install: "apt-get install chromium") else { return }
        let url = folder.appendingPathComponent("report-nl.html").absoluteString
        let common = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--user-data-dir=\(try temporaryFolder().path)",
        ]
        let dom = try tool("chromium", common + ["--dump-dom", url])
        XCTAssertTrue(dom.stdout.contains("Meest overtreden richtlijnen"), String(dom.stdout.prefix(500)) + dom.stderr)
        let artifacts = packageRoot.appendingPathComponent("test-artifacts")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        for width in [1200, 390] {
            let shot = artifacts.appendingPathComponent("report-nl-\(width).png")
            try? FileManager.default.removeItem(at: shot)
            _ = try tool("chromium", common + ["--window-size=\(width),1400", "--screenshot=\(shot.path)", url])
            XCTAssertTrue(FileManager.default.fileExists(atPath: shot.path), "screenshot at \(width) px")
        }
    }
}
