import Foundation
import XCTest

final class CommandLineTests: XCTestCase {
    private func project() throws -> URL {
        let root = try temporaryFolder()
        try writeFile(Data("packs: [./styles/acme]\n".utf8), root.appendingPathComponent(".postcheck.yml"))
        try writeFile(
            Data("extends: existence\nmessage: \"No '%s'.\"\nlevel: error\nignorecase: true\ntokens: [globex]\n".utf8),
            root.appendingPathComponent("styles/acme/Competitors.yml"))
        try writeFile(
            Data("extends: existence\nmessage: \"'%s'?\"\nlevel: warning\ntokens: [maybe]\n".utf8),
            root.appendingPathComponent("styles/acme/Hedging.yml"))
        return root
    }

    func testExitCodes() throws {
        let root = try project()
        try writeFile(Data("All good here.\n".utf8), root.appendingPathComponent("clean.md"))
        try writeFile(Data("We beat Globex.\n".utf8), root.appendingPathComponent("bad.md"))
        try writeFile(Data("This is maybe fine.\n".utf8), root.appendingPathComponent("warn.md"))
        XCTAssertEqual(try postcheck(["clean.md"], in: root).status, 0)
        XCTAssertEqual(try postcheck(["bad.md"], in: root).status, 1)
        XCTAssertEqual(try postcheck(["warn.md"], in: root).status, 0)
        XCTAssertEqual(try postcheck(["--fail-on", "warning", "warn.md"], in: root).status, 1)
        XCTAssertEqual(try postcheck(["--format", "bogus", "clean.md"], in: root).status, 2)
    }

    func testTimingsNameThePhasesAndTheRules() throws {
        let root = try project()
        try writeFile(Data("We beat Globex.\n".utf8), root.appendingPathComponent("bad.md"))
        let result = try postcheck(["--timings", "--format", "json", "bad.md"], in: root)
        XCTAssertEqual(result.status, 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        // "postcheck:      1.2 ms  name": the phases first, in this order, then rules.
        let names = lines.compactMap { line -> String? in
            guard let range = line.range(of: " ms  ") else { return nil }
            return String(line[range.upperBound...])
        }
        XCTAssertEqual(
            Array(names.prefix(3)),
            [
                "(loading and compiling rules)", "(reading the Markdown structure of drafts)",
                "(writing the report)",
            ], result.stderr)
        XCTAssertTrue(names.dropFirst(3).contains("acme.Competitors"), result.stderr)
        XCTAssertEqual(names.count, lines.count, "every line is a timing: \(result.stderr)")
    }

    func testBadInputIsReportedAndOtherFilesStillChecked() throws {
        let root = try project()
        try writeFile(Data("We beat Globex.\n".utf8), root.appendingPathComponent("posts/bad.md"))
        try writeFile(Data([0x41, 0x42, 0xFF, 0x0A]), root.appendingPathComponent("posts/latin1.md"))
        try writeFile(Data([0x89, 0x50, 0x00, 0x00]), root.appendingPathComponent("posts/binary.txt"))
        let result = try postcheck(["--format", "json", "posts", "missing.md"], in: root)
        XCTAssertEqual(result.status, 2)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let errors = (object["errors"] as! [[String: Any]]).map { "\($0["path"]!): \($0["message"]!)" }
        XCTAssertEqual(
            errors,
            [
                "missing.md: no such file or folder",
                "posts/binary.txt: invalid UTF-8 at byte 0",
                "posts/latin1.md: invalid UTF-8 at byte 2",
            ])
        let files = object["files"] as! [[String: Any]]
        XCTAssertEqual(files.map { $0["path"] as! String }, ["posts/bad.md"])
        XCTAssertTrue(result.stderr.contains("posts/latin1.md: invalid UTF-8 at byte 2"))
        try writeFile(Data("a\0b".utf8), root.appendingPathComponent("nul.md"))
        XCTAssertTrue(try postcheck(["nul.md"], in: root).stdout.contains("binary file (NUL byte at byte 1)"))
    }

    /// A broken rule is named once with its file and line; the draft is checked by the other rules and its report
    /// says the rule was not run; the run fails (exit 2), whatever the findings.
    func testBrokenRuleCostsOnlyItsRuleWithFileAndLine() throws {
        let root = try project()
        try writeFile(
            Data("extends: existence\nmessage: x\ntokens:\n  - 'glo(bex'\n".utf8),
            root.appendingPathComponent("styles/acme/Broken.yml"))
        try writeFile(Data("Text.\n".utf8), root.appendingPathComponent("a.md"))
        let result = try postcheck(["a.md"], in: root)
        XCTAssertEqual(result.status, 2)
        let location =
            "styles/acme/Broken.yml:4:5: invalid regular expression 'glo(bex' in 'tokens': missing closing parenthesis"
        XCTAssertEqual(result.stderr.components(separatedBy: location).count - 1, 1, result.stderr)
        XCTAssertTrue(
            result.stdout.contains("a.md: error: rule acme.Broken: not run: its rule file could not be compiled"))
        XCTAssertTrue(result.stdout.contains("a.md: score 100/100, fail"), "never a pass: \(result.stdout)")
    }

    func testStandardInput() throws {
        let root = try project()
        let piped = try postcheck(["--format", "line"], in: root, stdin: Data("Globex 🎉 globex\n".utf8))
        XCTAssertEqual(piped.status, 1)
        XCTAssertEqual(
            piped.stdout,
            "-:1:1: error: No 'Globex'. [acme.Competitors]\n-:1:10: error: No 'globex'. [acme.Competitors]\n")
        let named = try postcheck(
            ["--format", "line", "--stdin-filename", "post.txt", "-"], in: root,
            stdin: Data("`globex`\n".utf8))
        XCTAssertEqual(
            named.stdout, "post.txt:1:2: error: No 'globex'. [acme.Competitors]\n", "plain text: backticks are text")
        // Empty input is nothing to check, never "score 100/100, pass".
        let empty = try postcheck(["--format", "json"], in: root, stdin: Data())
        XCTAssertEqual(empty.status, 2)
        XCTAssertFalse(empty.stdout.contains("\"score\": 100"), empty.stdout)
        XCTAssertTrue(empty.stdout.contains("nothing to check: the draft is empty"), empty.stdout)
    }

    func testPrintConfig() throws {
        let root = try project()
        let result = try postcheck(["--print-config", "a.md"], in: root)
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        XCTAssertTrue((object["configuration"] as! String).hasSuffix(".postcheck.yml"))
        XCTAssertEqual(
            (object["rules"] as! [[String: Any]]).map { $0["id"] as! String }, ["acme.Competitors", "acme.Hedging"])
    }

    func testQuietAndSummary() throws {
        let root = try project()
        try writeFile(Data("We beat Globex.\n".utf8), root.appendingPathComponent("bad.md"))
        let full = try postcheck(["bad.md"], in: root).stdout
        XCTAssertTrue(full.contains("bad.md: score 75/100, fail (1 error, 0 warnings, 0 suggestions)"), full)
        XCTAssertTrue(full.contains(" 1 | We beat Globex.\n   |         ^~~~~~"), full)
        let quiet = try postcheck(["--quiet", "bad.md"], in: root).stdout
        XCTAssertFalse(quiet.contains("score"))
    }

    func testLargeInputCompletes() throws {
        let root = try project()
        let paragraph = "Nous avons battu Globex 🎉 cette année, mais restons modestes. We may grow.\n\n"
        let data = Data(String(repeating: paragraph, count: 120_000).utf8)  // about 10 MB
        try writeFile(data, root.appendingPathComponent("big.md"))
        let result = try postcheck(["--format", "json", "--quiet", "big.md"], in: root)
        XCTAssertEqual(result.status, 1)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        XCTAssertEqual((object["summary"] as! [String: Int])["errors"], 120_000)
    }
}

/// The README stays true: each `$ printf … | postcheck …` of its tour prints what postcheck prints.
final class ReadmeTourTests: XCTestCase {
    func testTheTourPrintsWhatTheReadmeShows() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.components(separatedBy: "\n")
        let commands = lines.indices.filter { lines[$0].hasPrefix("$ printf ") }
        XCTAssertEqual(commands.count, 2, "the tour's commands")
        for command in commands {
            let end = try XCTUnwrap(lines[command...].firstIndex { $0 == "```" })
            let shown = lines[(command + 1)..<end].joined(separator: "\n") + "\n"
            let draft = try XCTUnwrap(lines[command].split(separator: "'").dropFirst().first)
            let arguments = try XCTUnwrap(lines[command].components(separatedBy: "postcheck ").last)
                .split(separator: " ").map(String.init)
            let result = try postcheck(
                arguments, in: packageRoot.appendingPathComponent("Fixtures"),
                stdin: Data((draft.replacingOccurrences(of: "\\n", with: "\n")).utf8))
            XCTAssertEqual(result.stdout, shown, lines[command])
            XCTAssertEqual(result.status, 1)
        }
    }
}
