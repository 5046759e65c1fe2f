import Foundation
import XCTest

/// Each CI format checked by a real consumer or the official schema (../shared/schemas), on drafts whose names
/// have spaces and accents and whose text has emoji, NFD and CRLF.
final class ReportFormatTests: XCTestCase {
    private var project: URL!

    override func setUpWithError() throws {
        project = try temporaryFolder()
        try FileManager.default.copyItem(
            at: packageRoot.appendingPathComponent("Fixtures/acme"),
            to: project.appendingPathComponent("acme"))
        try writeFile(
            Data(
                "packs: [postcheck, ./acme]\nnames: {competitors: [Globex, Initech]}\npolicy: {competitors: forbid}\n"
                    .utf8),
            project.appendingPathComponent(".postcheck.yml"))
        try writeFile(
            Data("Wij 👩🏽‍💻 verslaan Globex, zegt acme cloud!!\r\nTODO: \"quotes\", commas: and 100% <b>\r\n".utf8),
            project.appendingPathComponent("posts/lancering café.md"))
        try writeFile(
            Data("Rejoignez l'e\u{301}quipe: pas Initech.\n".utf8), project.appendingPathComponent("posts/fr post.md"))
        try writeFile(Data("All clear.\n".utf8), project.appendingPathComponent("posts/clean.md"))
    }

    private func render(_ format: String) throws -> String {
        let result = try postcheck(["--format", format, "posts"], in: project)
        XCTAssertEqual(result.status, 1, result.stderr)
        return result.stdout
    }

    private func validate(_ document: String, schema: String, name: String) throws {
        guard requireTool("check-jsonschema", install: "pip install check-jsonschema 'jsonschema[format-nongpl]'")
        else { return }
        let schemaFile = sharedFolder.appendingPathComponent("schemas/\(schema)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: schemaFile.path), "needs ../shared/schemas/\(schema)")
        let file = project.appendingPathComponent(name)
        try writeFile(Data(document.utf8), file)
        let result = try tool("check-jsonschema", ["--schemafile", schemaFile.path, file.path], in: project)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    }

    func testSARIFIsValidWithFormatCheckingAndMeetsGitHubsProfile() throws {
        let sarif = try render("sarif")
        try validate(sarif, schema: "sarif-schema-2.1.0.json", name: "out.sarif")
        let object = try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as! [String: Any]
        let run = (object["runs"] as! [[String: Any]])[0]
        XCTAssertEqual(run["columnKind"] as? String, "unicodeCodePoints")
        let rules = ((run["tool"] as! [String: Any])["driver"] as! [String: Any])["rules"] as! [[String: Any]]
        let ids = rules.map { $0["id"] as! String }
        for rule in rules {
            for key in ["shortDescription", "fullDescription", "help"] {
                XCTAssertFalse(((rule[key] as! [String: Any])["text"] as! String).isEmpty, "\(rule["id"]!) \(key)")
            }
            XCTAssertTrue((rule["helpUri"] as! String).contains("://"))
        }
        let results = run["results"] as! [[String: Any]]
        XCTAssertFalse(results.isEmpty)
        var uris: Set<String> = []
        for result in results {
            XCTAssertTrue(ids.contains(result["ruleId"] as! String))
            let location = (result["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any]
            uris.insert((location["artifactLocation"] as! [String: Any])["uri"] as! String)
            let region = location["region"] as! [String: Any]
            for key in ["startLine", "startColumn", "endLine", "endColumn"] {
                XCTAssertNotNil(region[key] as? Int, key)
            }
            XCTAssertNotNil((result["partialFingerprints"] as! [String: String])["postcheck/v1"])
        }
        XCTAssertEqual(uris, ["posts/lancering%20caf%C3%A9.md", "posts/fr%20post.md"])
        XCTAssertFalse(sarif.contains("\"\""), "GitHub does not accept empty strings")
        // Globex after "Wij " and 👩🏽‍💻 (four code points) and " verslaan ": column 19.
        // The post is Dutch: so is the message, and the result says so.
        let globex = try XCTUnwrap(
            results.first {
                ($0["message"] as! [String: Any])["text"] as! String
                    == "Laat 'Globex' weg: volgens de richtlijnen noemen we concurrenten niet, ook niet neutraal."
            })
        XCTAssertEqual((globex["properties"] as? [String: Any])?["messageLanguage"] as? String, "nl")
        let region =
            ((globex["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])["region"]
            as! [String: Any]
        XCTAssertEqual(region["startColumn"] as? Int, 19)
        XCTAssertEqual(region["endColumn"] as? Int, 25)
    }

    func testGitLabCodeQualityIsValidAndFingerprintsSurviveLineMoves() throws {
        let report = try render("gitlab")
        try validate(report, schema: "gitlab-codequality.schema.json", name: "gl.json")
        func fingerprints(_ text: String) throws -> [String] {
            (try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [[String: Any]]).map {
                $0["fingerprint"] as! String
            }
        }
        let before = try fingerprints(report)
        XCTAssertEqual(Set(before).count, before.count, "fingerprints are unique")
        let file = project.appendingPathComponent("posts/lancering café.md")
        let moved = Data("\n\nNew intro line.\n\n".utf8) + (try Data(contentsOf: file))
        try moved.write(to: file)
        // Every finding keeps its fingerprint (the new intro may add findings of its own).
        XCTAssertTrue(Set(before).isSubset(of: Set(try fingerprints(try render("gitlab")))))
    }

    func testRDJSONIsValidWithByteColumnsAndSuggestions() throws {
        let report = try render("rdjson")
        try validate(report, schema: "rdjson/DiagnosticResult.json", name: "rd.json")
        let object = try JSONSerialization.jsonObject(with: Data(report.utf8)) as! [String: Any]
        let diagnostics = object["diagnostics"] as! [[String: Any]]
        let globex = diagnostics.first { ($0["message"] as! String).contains("Globex") }!
        let start = ((globex["location"] as! [String: Any])["range"] as! [String: Any])["start"] as! [String: Int]
        // "Wij " (4 bytes) + 👩🏽‍💻 (15 bytes) + " verslaan " (10 bytes) → byte column 30.
        XCTAssertEqual(start["column"], 30)
        let brand = diagnostics.first { ($0["code"] as! [String: Any])["value"] as! String == "acme.BrandTerms" }!
        let suggestion = (brand["suggestions"] as! [[String: Any]])[0]
        XCTAssertEqual(suggestion["text"] as? String, "Acme Cloud")
    }

    func testJUnitParsesWithJunitparser() throws {
        guard requireTool("python3", install: "apt-get install python3") else { return }
        let xml = try render("junit")
        let file = project.appendingPathComponent("junit.xml")
        try writeFile(Data(xml.utf8), file)
        let script = """
            import sys
            from junitparser import JUnitXml, Failure
            xml = JUnitXml.fromfile(sys.argv[1])
            cases = [case for suite in xml for case in suite]
            print(len(cases), sum(1 for case in cases if any(isinstance(r, Failure) for r in case.result)))
            for case in cases:
                print(case.name)
            """
        let result = try tool("python3", ["-c", script, file.path], in: project)
        XCTAssertEqual(result.status, 0, "junitparser (pip install junitparser): " + result.stderr)
        XCTAssertEqual(result.stdout, "3 2\nposts/clean.md\nposts/fr post.md\nposts/lancering café.md\n")
    }

    /// The Actions runner's own parsing (`ActionCommand.TryParseV2`), ported as the oracle: split at the first
    /// `::` after the command, properties at `,` and `=`, then unescape.
    private func parseWorkflowCommand(
        _ line: String
    ) -> (command: String, properties: [String: String], message: String)? {
        guard line.hasPrefix("::") else { return nil }
        let body = line.dropFirst(2)
        guard let end = body.range(of: "::") else { return nil }
        let header = body[..<end.lowerBound]
        let message = String(body[end.upperBound...])
        let parts = header.split(separator: " ", maxSplits: 1)
        var properties: [String: String] = [:]
        if parts.count == 2 {
            for pair in parts[1].split(separator: ",") {
                let keyValue = pair.split(separator: "=", maxSplits: 1)
                properties[String(keyValue[0]).lowercased()] = unescape(String(keyValue[1]), property: true)
            }
        }
        return (String(parts[0]), properties, unescape(message, property: false))
    }

    private func unescape(_ text: String, property: Bool) -> String {
        var out = text.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
        if property { out = out.replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%2C", with: ",") }
        return out.replacingOccurrences(of: "%25", with: "%")
    }

    func testGitHubWorkflowCommandsRoundTripThroughTheRunnersParser() throws {
        try writeFile(
            Data(
                "extends: existence\nmessage: \"Odd: '%s', 100%% sure,\\nreally\"\nlevel: error\nscope: raw\nnonword: true\ntokens: ['<b>']\n"
                    .utf8),
            project.appendingPathComponent("acme/Odd.yml"))
        let summary = project.appendingPathComponent("summary.md")
        let result = try postcheck(
            ["--format", "github", "posts"], in: project, environment: ["GITHUB_STEP_SUMMARY": summary.path])
        let commands = result.stdout.split(separator: "\n").compactMap { parseWorkflowCommand(String($0)) }
        XCTAssertEqual(commands.count, result.stdout.split(separator: "\n").count, "every line is a workflow command")
        let odd = try XCTUnwrap(commands.first { $0.properties["title"] == "postcheck (acme.Odd)" })
        XCTAssertEqual(odd.command, "error")
        XCTAssertEqual(odd.properties["file"], "posts/lancering café.md")
        XCTAssertEqual(odd.properties["line"], "2")
        XCTAssertEqual(odd.properties["col"], "34")
        XCTAssertEqual(odd.properties["endcolumn"], "37")
        XCTAssertEqual(odd.message, "Odd: '<b>', 100% sure,\nreally")
        XCTAssertTrue(commands.contains { $0.command == "notice" })
        let markdown = try String(contentsOf: summary, encoding: .utf8)
        XCTAssertTrue(markdown.contains("| posts/lancering café.md |"), markdown)
        XCTAssertTrue(markdown.contains("**Top rules**"), markdown)
    }

    func testSeveralOutputsInOneRunAndUnwritableTargets() throws {
        let result = try postcheck(
            ["--format", "github", "-o", "sarif=reports/out.sarif", "--output", "junit=j.xml", "posts"], in: project)
        XCTAssertEqual(result.status, 2, "reports/ does not exist")
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.appendingPathComponent("reports/out.sarif").path))
        XCTAssertTrue(result.stderr.contains("cannot write sarif report to reports/out.sarif"), result.stderr)
        let ok = try postcheck(
            ["--format", "github", "-o", "sarif=out.sarif", "--output", "junit=j.xml", "posts"], in: project)
        XCTAssertEqual(ok.status, 1, ok.stderr)
        XCTAssertTrue(ok.stdout.hasPrefix("::"))
        XCTAssertTrue(
            try String(contentsOf: project.appendingPathComponent("out.sarif"), encoding: .utf8).contains("\"2.1.0\""))
        XCTAssertTrue(
            try String(contentsOf: project.appendingPathComponent("j.xml"), encoding: .utf8).contains("<testsuites"))
        XCTAssertEqual(try postcheck(["-o", "nonsense", "posts"], in: project).status, 2)
    }
}
