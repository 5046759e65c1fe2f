import Foundation
import XCTest

final class InitCommandTests: XCTestCase {
    func testFlagsWriteAWorkingConfigurationAndNeverOverwrite() throws {
        let folder = try temporaryFolder()
        let result = try postcheck(
            [
                "init", "--company", "Acme", "--brands", "Acme Cloud", "--competitors", "Globex, Initech",
                "--competitor-policy", "forbid", "--humour", "avoid", "--promotional", "5",
            ], in: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        let text = try String(contentsOf: folder.appendingPathComponent(".postcheck.yml"), encoding: .utf8)
        XCTAssertTrue(text.contains("competitors: [\"Globex\", \"Initech\"]"), text)
        XCTAssertTrue(text.contains("humour: avoid"), text)
        let check = try postcheck(["--format", "line"], in: folder, stdin: Data("Initech was at the fair.\n".utf8))
        XCTAssertEqual(
            check.stdout,
            "-:1:1: error: Leave out 'Initech': the guidelines ask not to name competitors, not even neutrally. [postcheck.Competitors]\n"
        )
        let again = try postcheck(["init"], in: folder)
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("already exists"), again.stderr)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent(".postcheck.yml"), encoding: .utf8), text)
    }

    /// The bundled examples are written for the example company (Rules/postcheck/examples.yaml): they pass right
    /// after `init` with another company's names (16 cases failed when the configuration's names were used).
    func testRuleExamplesPassAfterInitWithOtherNames() throws {
        let folder = try temporaryFolder()
        let created = try postcheck(
            [
                "init", "--company", "Brightlane", "--brands", "Brightlane Pay", "--competitors", "Northwind, Solvex",
                "--codenames", "Bluebird", "--competitor-policy", "neutral-only",
            ], in: folder)
        XCTAssertEqual(created.status, 0, created.stderr)
        let test = try postcheck(["test"], in: folder)
        XCTAssertEqual(test.status, 0, test.stdout)
        XCTAssertTrue(test.stdout.contains(" 0 failed, 0 untested, 0 skipped."), test.stdout)
    }

    func testOutOfRangeAnswersAreRefused() throws {
        let folder = try temporaryFolder()
        for arguments in [["--humour", "sometimes"], ["--promotional", "500"], ["--jurisdictions", "ftc, mars"]] {
            let result = try postcheck(["init"] + arguments, in: folder)
            XCTAssertEqual(result.status, 2, arguments.joined(separator: " "))
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent(".postcheck.yml").path))
        }
    }

    func testInteractiveAnswers() throws {
        let folder = try temporaryFolder()
        let answers = "Acme\nAcme Cloud\nGlobex\nRoadrunner\nneutral-only\nallow\navoid\n6\nftc, be\n#AcmeTeam\nfr\nx\n"
        let result = try postcheck(["init", "--interactive"], in: folder, stdin: Data(answers.utf8))
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(
            result.stdout.contains("May employees name competitors? (forbid/neutral-only/allow) [neutral-only]: "))
        let text = try String(contentsOf: folder.appendingPathComponent(".postcheck.yml"), encoding: .utf8)
        for expected in [
            "codenames: [\"Roadrunner\"]", "debate: avoid", "promotional: 6", "tag: \"#AcmeTeam\"",
            "default-language: fr", "platform: x", "jurisdictions: [\"ftc\", \"be\"]",
        ] {
            XCTAssertTrue(text.contains(expected), expected)
        }
    }
}
