import Foundation
import XCTest

/// Runs the binary on the sample drafts and compares the whole output with `Fixtures/expected/`, for every format.
/// Set UPDATE_GOLDEN=1 to rewrite the expected files after an intended change (and review the diff).
final class GoldenFileTests: XCTestCase {
    private func compare(
        format: String, file: String, status expectedStatus: Int32 = 1, arguments: [String] = ["Fixtures/drafts"]
    ) throws {
        let result = try postcheck(["--format", format, "--color", "never"] + arguments)
        XCTAssertEqual(result.status, expectedStatus, result.stderr)
        let golden = packageRoot.appendingPathComponent("Fixtures/expected/\(file)")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try writeFile(Data(result.stdout.utf8), golden)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        XCTAssertEqual(result.stdout, expected, "output differs from \(golden.path)")
    }

    func testTextFormat() throws { try compare(format: "text", file: "drafts.txt") }
    func testLineFormat() throws { try compare(format: "line", file: "drafts.line") }
    func testJSONFormat() throws {
        try compare(format: "json", file: "drafts.json")
        let result = try postcheck(["--format", "json", "Fixtures/drafts"])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(object["version"] as? Int, 1)
        let files = object["files"] as! [[String: Any]]
        let paths = files.map { $0["path"] as! String }
        XCTAssertEqual(paths, paths.sorted())
        XCTAssertGreaterThanOrEqual(paths.count, 30, "the sample drafts")
        for language in ["nl", "en", "fr"] {
            XCTAssertGreaterThanOrEqual(files.filter { $0["language"] as? String == language }.count, 10, language)
        }
        XCTAssertEqual(
            files.first { $0["path"] as? String == "Fixtures/drafts/lancering-nl.md" }?["language"] as? String, "nl")
    }

    /// Findings speak the draft's language (drafts.txt holds nl, en and fr drafts); `--message-language` asks
    /// for another: French and English drafts reviewed by a Dutch-speaking team.
    func testMessageLanguageOverride() throws {
        let drafts = ["fr-04-competitor.md", "fr-06-ad.md", "en-07-data.md", "fr-09-tone.md"].map {
            "Fixtures/drafts/\($0)"
        }
        try compare(format: "text", file: "message-language-nl.txt", arguments: ["--message-language", "nl"] + drafts)
        try compare(format: "json", file: "message-language-nl.json", arguments: ["--message-language", "nl"] + drafts)
        let refused = try postcheck(["--message-language", "de", "Fixtures/drafts/fr-04-competitor.md"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("unknown message language 'de' (known: en, nl, fr)"), refused.stderr)
    }

    func testOrderIsDeterministicAcrossParallelRuns() throws {
        let first = try postcheck(["--format", "line", "Fixtures/drafts"]).stdout
        for _ in 0..<3 { XCTAssertEqual(try postcheck(["--format", "line", "Fixtures/drafts"]).stdout, first) }
    }

    func testPositionsAfterEmojiNFDAndCRLF() throws {
        let result = try postcheck([
            "--format", "line", "Fixtures/drafts/lancering-nl.md", "Fixtures/drafts/annonce-fr.txt",
        ])
        // `!!` right after 👩🏽‍💻 (four code points), on a CRLF line; "Initech" after an NFD "é" (two code points).
        XCTAssertTrue(result.stdout.contains("Fixtures/drafts/lancering-nl.md:4:24: suggestion:"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Fixtures/drafts/annonce-fr.txt:1:60: error:"), result.stdout)
    }
}
