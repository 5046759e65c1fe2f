import Foundation
import XCTest

/// The gate never fails open: every way postcheck used to pass a draft it never really checked, run through the CLI.
final class FailClosedTests: XCTestCase {
    private let iban = Data("Stort je bijdrage op BE71 0961 2345 6769, merci!\n".utf8)

    /// 1. No writable home folder: the bundled packs are written to a private temporary folder, not lost.
    func testBundledPacksLoadWithoutAWritableHome() throws {
        let folder = try temporaryFolder()
        let copy = folder.appendingPathComponent("postcheck")
        try FileManager.default.copyItem(at: postcheckBinary, to: copy)  // outside the checkout: no Rules/ beside it
        let scratch = try temporaryFolder()
        let environment = ["HOME": "/dev/null", "XDG_CACHE_HOME": "", "POSTCHECK_RULES": "", "TMPDIR": scratch.path]
        let result = try runProcess(copy, ["--format", "line"], in: folder, stdin: iban, environment: environment)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stdout.contains("[postcheck.IBAN]"), result.stdout)
        let rules = try runProcess(copy, ["rules"], in: folder, stdin: nil, environment: environment)
        XCTAssertTrue(rules.stdout.contains("postcheck.IBAN"), rules.stdout + rules.stderr)
    }

    /// 2. A configuration without `packs:` uses the bundled pack; one whose packs give no rule is an error; a Vale
    /// style that is not on StylesPath is an error.
    func testConfigurationsThatRunNoRuleAreErrors() throws {
        let root = try temporaryFolder()
        try writeFile(Data("policy: {humour: avoid}\n".utf8), root.appendingPathComponent(".postcheck.yml"))
        XCTAssertEqual(try postcheck(["-"], in: root, stdin: iban).status, 1, "the bundled pack runs")
        for configuration in ["packs: []\n", "packs: [./empty]\n", "packs: [./yaml]\n"] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent("empty"), withIntermediateDirectories: true)
            try writeFile(
                Data("extends: existence\nmessage: x\ntokens: [BE71]\n".utf8),
                root.appendingPathComponent("yaml/Rule.yaml"))
            try writeFile(Data(configuration.utf8), root.appendingPathComponent(".postcheck.yml"))
            let result = try postcheck(["-"], in: root, stdin: iban)
            XCTAssertEqual(result.status, 2, configuration)
            XCTAssertTrue(result.stdout.contains("no rules apply"), configuration + result.stdout)
        }
        let vale = try temporaryFolder()
        try FileManager.default.createDirectory(
            at: vale.appendingPathComponent("styles"), withIntermediateDirectories: true)
        try writeFile(
            Data("StylesPath = styles\n[*]\nBasedOnStyles = Nope\n".utf8), vale.appendingPathComponent(".vale.ini"))
        let result = try postcheck(["-"], in: vale, stdin: iban)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains(".vale.ini:3:1: style 'Nope' does not exist on StylesPath"), result.stderr)
    }

    /// 2b. A rule file that does not compile costs only its rule: the others check the draft, the rule's error is
    /// reported with its file and line, and the run fails (exit 2). A `.vale.ini` that turns on a rule no style
    /// defines gets a warning, as Vale ignores it; in `.postcheck.yml` that stays an error.
    func testOneBrokenRuleCostsOnlyThatRule() throws {
        let root = try temporaryFolder()
        try writeFile(
            Data("extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: error\ntokens: [synergy]\n".utf8),
            root.appendingPathComponent("styles/Team/Jargon.yml"))
        try writeFile(
            Data("extends: existence\nmessage: x\nlevel: error\ntokens:\n  - 'a(b'\n".utf8),
            root.appendingPathComponent("styles/Team/Broken.yml"))
        try writeFile(
            Data("StylesPath = styles\n[*]\nBasedOnStyles = Team\nTeam.Gone = YES\n".utf8),
            root.appendingPathComponent(".vale.ini"))
        let result = try postcheck(
            ["--format", "json", "--stdin-filename", "post.md", "-"], in: root, stdin: Data("Pure synergy.\n".utf8))
        XCTAssertEqual(result.status, 2, result.stderr)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let file = (object["files"] as! [[String: Any]])[0]
        XCTAssertEqual((file["findings"] as! [[String: Any]]).map { $0["rule"] as! String }, ["Team.Jargon"])
        XCTAssertTrue(result.stdout.contains("Team.Broken"), result.stdout)
        XCTAssertTrue(result.stderr.contains("Broken.yml:5:5: invalid regular expression 'a(b'"), result.stderr)
        XCTAssertTrue(
            result.stderr.contains("rule 'Team.Gone' is set, but no loaded style defines it: ignored"), result.stderr)
        // Off in the configuration, the broken rule costs nothing.
        try writeFile(
            Data("StylesPath = styles\n[*]\nBasedOnStyles = Team\nTeam.Broken = NO\n".utf8),
            root.appendingPathComponent(".vale.ini"))
        XCTAssertEqual(try postcheck(["-"], in: root, stdin: Data("Pure synergy.\n".utf8)).status, 1)
        // A .postcheck.yml naming a rule that does not exist is still an error.
        try FileManager.default.removeItem(at: root.appendingPathComponent(".vale.ini"))
        try writeFile(
            Data("packs: [./styles/Team]\nrules: {Team.Gone: warning}\n".utf8),
            root.appendingPathComponent(".postcheck.yml"))
        let strict = try postcheck(["-"], in: root, stdin: Data("Pure synergy.\n".utf8))
        XCTAssertEqual(strict.status, 2)
        XCTAssertTrue(strict.stderr.contains("sets rule 'Team.Gone', which no loaded pack defines"), strict.stderr)
    }

    /// 3. Leading blank lines and masked text do not leave a draft without a language; an unknown language is an
    /// error listing the supported ones.
    func testLanguageIsNeverLeftUndecided() throws {
        let root = try temporaryFolder()
        try writeFile(Data("names: {competitors: [Globex]}\n".utf8), root.appendingPathComponent(".postcheck.yml"))
        let padded =
            String(repeating: "\n", count: 4000) + "<!-- " + String(repeating: "x", count: 5000) + " -->\n\n"
            + "```\ncode\n```\n\nOurs is faster than Globex.\n"
        let result = try postcheck(["--format", "json", "-"], in: root, stdin: Data(padded.utf8))
        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stdout.contains("\"language\": \"en\""), result.stdout)
        XCTAssertTrue(result.stdout.contains("postcheck.CompetitorComparison"), result.stdout)
        let short = try postcheck(["--format", "json", "-"], in: root, stdin: Data("Globex!\n".utf8))
        XCTAssertTrue(short.stdout.contains("\"languageSource\": \"default\""), short.stdout)
        for language in ["klingon", "xx"] {
            let unknown = try postcheck(
                ["-"], in: root, stdin: Data("---\nlang: \(language)\n---\nUnlike Globex we rock.\n".utf8))
            XCTAssertEqual(unknown.status, 2)
            XCTAssertTrue(
                unknown.stdout.contains("unknown language '\(language)' (supported: de, en, fr, nl)"), unknown.stdout)
        }
    }

    /// 6. Empty input is nothing to check; an empty file met in a folder is skipped with a notice.
    func testEmptyInputIsNoPass() throws {
        let root = try temporaryFolder()
        for input in ["", "  \n\n", "---\nlang: nl\n---\n"] {
            let result = try postcheck(["-"], in: root, stdin: Data(input.utf8))
            XCTAssertEqual(result.status, 2, input)
            XCTAssertTrue(result.stdout.contains("nothing to check"), result.stdout)
        }
        try writeFile(Data(), root.appendingPathComponent("posts/empty.md"))
        try writeFile(Data("Een fijne dag met het team in Gent.\n".utf8), root.appendingPathComponent("posts/fine.md"))
        let walked = try postcheck(["posts"], in: root)
        XCTAssertEqual(walked.status, 0, walked.stdout)
        XCTAssertTrue(walked.stderr.contains("posts/empty.md: skipped: the file is empty"), walked.stderr)
    }

    /// 7. An unknown platform is an error listing the known ones; `--platform` sets it for standard input.
    func testPlatformsAreKnownOrRefused() throws {
        let root = try temporaryFolder()
        let front = try postcheck(["-"], in: root, stdin: Data("---\nplatform: myspace\n---\nHello team.\n".utf8))
        XCTAssertEqual(front.status, 2)
        XCTAssertTrue(front.stdout.contains("unknown platform 'myspace' (known: linkedin, x,"), front.stdout)
        XCTAssertEqual(
            try postcheck(["--platform", "myspace", "-"], in: root, stdin: Data("Hello team.\n".utf8)).status, 2)
        let long = Data((String(repeating: "We had a great day with the team in Ghent. ", count: 8) + "\n").utf8)
        XCTAssertEqual(try postcheck(["-"], in: root, stdin: long).status, 0, "no limit on LinkedIn")
        let onX = try postcheck(["--platform", "twitter", "--format", "line", "-"], in: root, stdin: long)
        XCTAssertEqual(onX.status, 1)
        XCTAssertTrue(onX.stdout.contains("[postcheck.XLength]"), onX.stdout)
    }

    /// 10, 14. An alias bomb in front matter is refused at once; reads are capped, and devices are not read.
    func testBoundedReads() throws {
        let root = try temporaryFolder()
        var lines = ["---", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        for level in 1..<9 {
            lines.append(
                "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        lines += ["---", "Hello team.", ""]
        let bomb = try postcheck(["-"], in: root, stdin: Data(lines.joined(separator: "\n").utf8))
        XCTAssertEqual(bomb.status, 2)
        XCTAssertTrue(bomb.stdout.contains("front matter expands to more than 10000 values"), bomb.stdout)
        let device = try postcheck(["/dev/zero"], in: root)
        XCTAssertEqual(device.status, 2)
        XCTAssertTrue(device.stdout.contains("not a regular file"), device.stdout)
        let large = try postcheck(["--max-size", "1", "-"], in: root, stdin: Data(repeating: 0x61, count: 1_100_000))
        XCTAssertEqual(large.status, 2)
        XCTAssertTrue(large.stdout.contains("larger than 1 MB"), large.stdout)
    }

    /// 15. Rule data files stay inside their pack (symbolic links resolved); a rule file linked outside it is not
    /// read, so no error quotes /etc/shadow or the environment.
    func testRuleFilesReadOnlyTheirOwnPack() throws {
        let root = try temporaryFolder()
        try writeFile(Data("packs: [./p]\n".utf8), root.appendingPathComponent(".postcheck.yml"))
        let draft = Data("Hello team.\n".utf8)
        for data in ["lexicon: {en: /etc/passwd}", "lexicon: ../../../../../../etc/passwd", "wordlist: /etc/passwd"] {
            let kind =
                data.hasPrefix("wordlist")
                ? "extends: existence\nmessage: x\n" : "extends: lexicon\nmessage: x\nthreshold: {below: -0.5}\n"
            try writeFile(Data((kind + data + "\n").utf8), root.appendingPathComponent("p/Rule.yml"))
            let result = try postcheck(["-"], in: root, stdin: draft)
            XCTAssertEqual(result.status, 2, data)
            XCTAssertTrue(result.stderr.contains("is outside the pack folder"), result.stderr)
            XCTAssertFalse(result.stderr.contains("root:"), "no line of /etc/passwd is quoted")
        }
        try FileManager.default.removeItem(at: root.appendingPathComponent("p/Rule.yml"))
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("p/Environ.yml").path,
            withDestinationPath: "/proc/self/environ")
        let linked = try postcheck(["-"], in: root, stdin: draft, environment: ["POSTCHECK_SECRET": "hunter2"])
        XCTAssertEqual(linked.status, 2)
        XCTAssertTrue(linked.stderr.contains("links outside its pack folder"), linked.stderr)
        XCTAssertFalse(linked.stderr.contains("hunter2"), linked.stderr)
    }
}
