import XCTest

@testable import PostcheckCore

final class ConfigurationTests: XCTestCase {
    func testGlobs() throws {
        XCTAssertTrue(try Glob("news/**/*.md", mode: .path).matches("news/2026/a.md"))
        XCTAssertTrue(try Glob("news/**/*.md", mode: .path).matches("news/a.md"))
        XCTAssertFalse(try Glob("news/*.md", mode: .path).matches("news/2026/a.md"))
        XCTAssertTrue(try Glob("*.md", mode: .path).matches("deep/er/a.md"))
        XCTAssertTrue(try Glob("*.{md,rst}", mode: .vale).matches("x/test.rst"))
        XCTAssertFalse(try Glob("*.{md,rst}", mode: .vale).matches("test.txt"))
        XCTAssertTrue(try Glob("!*.txt", mode: .vale).matches("a.md"))
        XCTAssertThrowsError(try Glob("{a,b", mode: .path))
    }

    func testPostcheckConfigurationDiscoveryAndOverrides() throws {
        let root = try temporaryDirectory()
        try write(
            "extends: existence\nmessage: \"'%s'\"\ntokens: [globex]\nignorecase: true\n",
            to: root.appendingPathComponent("styles/acme/Competitors.yml"))
        try write(
            "extends: existence\nmessage: x\ntokens: ['#\\w+']\nnonword: true\n",
            to: root.appendingPathComponent("styles/acme/Hashtags.yml"))
        try write(
            """
            packs: [./styles/acme]
            min-severity: warning
            fail-on: warning
            rules: {acme.Competitors: error}
            vocab: {accept: [Acme Cloud], reject: [synergy]}
            overrides:
              - files: "news/**/*.md"
                rules: {acme.Hashtags: off}
            score: {pass: 90, fail: 50, weights: {error: 30}}
            """, to: root.appendingPathComponent(".postcheck.yml"))
        let loader = ConfigurationLoader(bundledRulesDirectory: nil)
        let nested = root.appendingPathComponent("news/2026")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        let found = try XCTUnwrap(loader.discover(from: nested.path))
        XCTAssertEqual(URL(fileURLWithPath: found).lastPathComponent, ".postcheck.yml")
        let configuration = try loader.load(path: found)
        XCTAssertEqual(configuration.minSeverity, .warning)
        XCTAssertEqual(configuration.failOn, .warning)
        XCTAssertEqual(configuration.score.passAt, 90)
        XCTAssertEqual(configuration.score.errorPenalty, 30)
        let linter = try Linter(configuration: configuration)
        let news = Set(linter.activeRules(for: "news/2026/a.md").map(\.rule.header.id))
        let other = linter.activeRules(for: "blog/a.md")
        XCTAssertFalse(news.contains("acme.Hashtags"))
        XCTAssertTrue(
            Set(other.map(\.rule.header.id)).isSuperset(of: [
                "acme.Hashtags", "acme.Competitors", "Vale.Avoid", "Vale.Terms",
            ]))
        XCTAssertEqual(other.first { $0.rule.header.id == "acme.Competitors" }?.severity, .error)

        let draft = try Draft(path: "a.md", text: "Globex and synergy. acme cloud")
        let result = linter.check(draft, relativePath: "blog/a.md", scratch: MatchScratch())
        XCTAssertEqual(result.findings.map(\.ruleID), ["acme.Competitors", "Vale.Avoid", "Vale.Terms"])
        XCTAssertEqual(result.score, 100 - 30 - 30 - 30)
        XCTAssertEqual(result.verdict, .fail)
    }

    func testConfigurationErrorsNameTheLine() throws {
        let root = try temporaryDirectory()
        let path = root.appendingPathComponent(".postcheck.yml")
        let loader = ConfigurationLoader(bundledRulesDirectory: nil)
        try write("packs: []\nfail-on: sometimes\n", to: path)
        XCTAssertThrowsError(try loader.load(path: path.path)) { error in
            XCTAssertEqual((error as? RuleFileError)?.line, 2)
        }
        try write("packs: []\nunknown: 1\n", to: path)
        XCTAssertThrowsError(try loader.load(path: path.path)) { error in
            XCTAssertTrue("\(error)".contains("unknown key 'unknown'"))
        }
        try write("packs: [./missing]\n", to: path)
        XCTAssertThrowsError(try loader.load(path: path.path)) { error in
            XCTAssertTrue("\(error)".contains("pack './missing' not found"))
        }
        try write("rules: {nope.Rule: off}\n", to: path)
        XCTAssertThrowsError(try Linter(configuration: try loader.load(path: path.path))) { error in
            XCTAssertTrue("\(error)".contains("no loaded pack defines"), "\(error)")
        }
    }

    func testValeIni() throws {
        let root = try temporaryDirectory()
        try write(
            "extends: existence\nmessage: \"'%s'\"\ntokens: [very]\nlevel: warning\n",
            to: root.appendingPathComponent("styles/Demo/Weasel.yml"))
        try write(
            "extends: existence\nmessage: x\ntokens: [so]\n", to: root.appendingPathComponent("styles/Demo/So.yml"))
        try write(
            "extends: existence\nmessage: x\ntokens: [foo]\n", to: root.appendingPathComponent("styles/Other/Foo.yml"))
        try write("Avoided\n", to: root.appendingPathComponent("styles/config/vocabularies/Team/reject.txt"))
        try write(
            """
            StylesPath = styles
            MinAlertLevel = warning
            Vocab = Team

            [*.md]
            BasedOnStyles = Demo, Vale
            Demo.So = NO
            Demo.Weasel = error

            [*.txt]
            Other.Foo = YES
            """, to: root.appendingPathComponent(".vale.ini"))
        let loader = ConfigurationLoader(bundledRulesDirectory: nil)
        let configuration = try loader.load(path: root.appendingPathComponent(".vale.ini").path)
        XCTAssertEqual(configuration.minSeverity, .warning)
        XCTAssertEqual(configuration.vocabulary.reject, ["Avoided"])
        let linter = try Linter(configuration: configuration)
        let markdown = linter.activeRules(for: "a.md").map { "\($0.rule.header.id)=\($0.severity.rawValue)" }
        XCTAssertEqual(markdown, ["Demo.Weasel=error", "Vale.Avoid=error", "Vale.Repetition=error"])
        XCTAssertEqual(linter.activeRules(for: "a.txt").map(\.rule.header.id), ["Other.Foo"])
        XCTAssertTrue(configuration.mentions("x/a.txt"))

        try write("StylesPath = styles\nBogus = 1\n", to: root.appendingPathComponent(".vale.ini"))
        XCTAssertThrowsError(try loader.load(path: root.appendingPathComponent(".vale.ini").path)) { error in
            XCTAssertEqual((error as? RuleFileError)?.line, 2)
        }
    }
}

final class PolicyConfigurationTests: XCTestCase {
    func testPolicyAndNamesBecomeSettingsAndVariables() throws {
        let root = try temporaryDirectory()
        let path = root.appendingPathComponent(".postcheck.yml")
        try write(
            """
            names:
              company: Acme
              competitors: [{name: Globex, aliases: [Globex Corp], handles: [globex_be]}, Initech]
            policy: {competitors: forbid, humour: avoid, promotional: 0, disclosure: {jurisdictions: [be], tag: AcmeTeam}}
            """, to: path)
        let configuration = try ConfigurationLoader(bundledRulesDirectory: nil).load(path: path.path)
        XCTAssertEqual(configuration.variables["competitors"], ["Globex", "Globex Corp", "Initech"])
        XCTAssertEqual(configuration.variables["competitor-handles"], ["@globex_be"])
        XCTAssertEqual(configuration.variables["disclosure-tags"]?.first, "#AcmeTeam")
        XCTAssertEqual(configuration.policySettings["postcheck.Competitors"], .on)
        XCTAssertEqual(configuration.policySettings["postcheck.CompetitorComparison"], .off)
        XCTAssertEqual(configuration.policySettings["postcheck.Humour"], .on)
        XCTAssertEqual(configuration.policySettings["postcheck.Promotional"], .off)
    }

    func testPolicyValuesOutOfRange() throws {
        let root = try temporaryDirectory()
        let path = root.appendingPathComponent(".postcheck.yml")
        for (text, line) in [
            ("policy:\n  humour: sometimes\n", 2), ("policy:\n  promotional: 500\n", 2),
            ("policy:\n  disclosure: {jurisdictions: [mars]}\n", 2), ("policy:\n  tone: calm\n", 2),
            ("names:\n  rivals: [Globex]\n", 2),
        ] {
            try write(text, to: path)
            XCTAssertThrowsError(try ConfigurationLoader(bundledRulesDirectory: nil).load(path: path.path), text) {
                error in
                XCTAssertEqual((error as? RuleFileError)?.line, line, "\(error)")
            }
        }
    }

    func testRulesNeedingEmptyNamesAreSkippedNotFailed() throws {
        let root = try temporaryDirectory()
        try write(
            "extends: existence\nmessage: x\ntokens: ['{{competitors}}']\n",
            to: root.appendingPathComponent("p/Rivals.yml"))
        var configuration = Configuration(source: .builtin, baseDirectory: root.path)
        configuration.packDirectories = [("p", root.appendingPathComponent("p").path)]
        configuration.enabledPacks = ["p"]
        let linter = try Linter(configuration: configuration)
        XCTAssertTrue(linter.rules.filter { !$0.header.id.hasPrefix("Vale.") }.isEmpty)
        XCTAssertEqual(linter.skippedRules.map(\.id), ["p.Rivals"])
        configuration.variables["competitors"] = ["Globex (BE)"]
        let named = try Linter(configuration: configuration)
        let draft = try Draft(path: "a.md", text: "Globex (BE) is here, Globex not.")
        XCTAssertEqual(
            named.check(draft, relativePath: "a.md", scratch: MatchScratch()).findings.map(\.match), ["Globex (BE)"])
    }
}
