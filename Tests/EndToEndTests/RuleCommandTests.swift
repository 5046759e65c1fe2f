import Foundation
import XCTest

final class RuleCommandTests: XCTestCase {
    private let fixtures = packageRoot.appendingPathComponent("Fixtures")

    /// Every bundled rule proves itself: each has triggering and non-triggering examples, all pass.
    func testBundledRulesPassTheirOwnExamples() throws {
        let result = try postcheck(["test", "postcheck"], in: fixtures)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains(" 0 failed, 0 untested, 0 skipped."), result.stdout)
        let json = try postcheck(["test", "postcheck", "--format", "json"], in: fixtures)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        XCTAssertGreaterThanOrEqual(object["rules"] as! Int, 25)
        XCTAssertEqual(object["passed"] as? Bool, true)
    }

    func testEveryBundledRuleHasAFlaggedAndAFineExamplePerLanguage() throws {
        let folder = packageRoot.appendingPathComponent("Rules/postcheck")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).filter({ $0.hasSuffix(".yml") })
            .sorted()
        {
            let result = try postcheck(["explain", "postcheck." + file.dropLast(4), "--format", "json"], in: fixtures)
            XCTAssertEqual(result.status, 0, result.stderr)
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
            let examples = object["examples"] as! [[String: Any]]
            XCTAssertTrue(examples.contains { $0["flagged"] as? Bool == true }, "\(file) has no triggering example")
            XCTAssertTrue(
                examples.contains { $0["flagged"] as? Bool == false }, "\(file) has no non-triggering example")
            // Language-specific rules show each of their languages both ways.
            let languages = Set(examples.compactMap { $0["lang"] as? String })
            if languages.count >= 3 {
                for language in ["nl", "en", "fr"] {
                    XCTAssertTrue(
                        examples.contains { $0["lang"] as? String == language && $0["flagged"] as? Bool == true },
                        "\(file) \(language) flagged")
                    XCTAssertTrue(
                        examples.contains { $0["lang"] as? String == language && $0["flagged"] as? Bool == false },
                        "\(file) \(language) fine")
                }
            }
        }
    }

    func testFailingExamplesAreReportedWithRuleCaseAndDifference() throws {
        let root = try temporaryFolder()
        try writeFile(
            Data(
                """
                extends: existence
                message: "'%s'"
                tokens: [globex]
                tests:
                  - {name: should flag, input: "We met Globex.", want: ["1:8"]}
                  - {name: wrong column, input: "globex", want: ["1:2"]}
                """.utf8), root.appendingPathComponent("p/Names.yml"))
        try writeFile(
            Data("extends: existence\nmessage: x\ntokens: [zzz]\ntests:\n  - {input: nothing, want: []}\n".utf8),
            root.appendingPathComponent("p/Never.yml"))
        let result = try postcheck(["test", "p"], in: root)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("p.Names, should flag: want 1:8, got no finding"), result.stdout)
        XCTAssertTrue(
            result.stdout.contains("p.Names, wrong column: want 1:2, got 1:1:p.Names:'globex'"), result.stdout)
        XCTAssertTrue(
            result.stdout.contains("p.Never, all cases: the rule fires in none of its examples"), result.stdout)
        try writeFile(
            Data("extends: existence\nmessage: x\ntokens: [a]\ntests:\n  - {input: a, wants: []}\n".utf8),
            root.appendingPathComponent("p/Bad.yml"))
        let bad = try postcheck(["test", "p"], in: root)
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("Bad.yml:5:16: unknown key 'wants' for a test case"), bad.stderr)
        XCTAssertEqual(try postcheck(["test", "no-such-pack"], in: root).status, 2)
    }

    func testExplainAndRules() throws {
        let explain = try postcheck(["explain", "postcheck.Disclosure"], in: fixtures)
        XCTAssertEqual(explain.status, 0)
        XCTAssertTrue(explain.stdout.hasPrefix("postcheck.Disclosure (requires, error)\n"), explain.stdout)
        XCTAssertTrue(explain.stdout.contains("Guideline: https://www.ftc.gov/"), explain.stdout)
        XCTAssertTrue(explain.stdout.contains("✗ flagged  [nl] Probeer Acme Cloud"), explain.stdout)
        XCTAssertEqual(try postcheck(["explain", "nope.Rule"], in: fixtures).status, 2)
        let rules = try postcheck(["rules", "drafts/news/clean.md", "--format", "json"], in: fixtures)
        let object = try JSONSerialization.jsonObject(with: Data(rules.stdout.utf8)) as! [String: Any]
        let ids = (object["rules"] as! [[String: Any]]).map { $0["id"] as! String }
        XCTAssertTrue(ids.contains("postcheck.Disclosure"))
        XCTAssertTrue(ids.contains("postcheck.Provocation"), "policy debate: avoid turns it on")
        XCTAssertFalse(ids.contains("postcheck.Humour"), "policy humour: allow turns it off")
        XCTAssertFalse(ids.contains("postcheck.Hashtags"), "the news override turns it off")
    }
}

final class InstalledBinaryTests: XCTestCase {
    /// A binary copied away from the checkout still has the bundled packs: they are built into it.
    func testBundledPacksAreBuiltIntoTheBinary() throws {
        let install = try temporaryFolder()
        let binary = install.appendingPathComponent("postcheck")
        try FileManager.default.copyItem(at: postcheckBinary, to: binary)
        let work = try temporaryFolder()
        var environment = ProcessInfo.processInfo.environment
        environment["POSTCHECK_RULES"] = nil
        environment["XDG_CACHE_HOME"] = install.appendingPathComponent("cache").path
        for _ in 0..<2 {  // the second run reuses the extracted copy
            let result = try runProcess(
                binary, ["--format", "line"], in: work, stdin: Data("Launch on TODO.\n".utf8),
                environment: environment.merging(["POSTCHECK_RULES": ""]) { $1 })
            XCTAssertEqual(
                result.stdout, "-:1:11: error: Placeholder 'TODO' left in the draft. [postcheck.Placeholder]\n",
                result.stderr)
        }
        let cache = install.appendingPathComponent("cache/postcheck")
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasPrefix("rules-") }.count, 1)
    }
}
