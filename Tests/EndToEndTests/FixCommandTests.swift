import Foundation
import XCTest

final class FixCommandTests: XCTestCase {
    private var project: URL!
    private let draft = "We love acme cloud!!! 👩🏽‍💻 It is is great.\r\nSecond line: acme-cloud, cafe\u{301}.\r\n"
    private let fixed = "We love Acme Cloud! 👩🏽‍💻 It is great.\r\nSecond line: Acme Cloud, cafe\u{301}.\r\n"

    override func setUpWithError() throws {
        project = try temporaryFolder()
        try FileManager.default.copyItem(
            at: packageRoot.appendingPathComponent("Fixtures/acme"),
            to: project.appendingPathComponent("acme"))
        try writeFile(
            Data("packs: [postcheck, ./acme]\nnames: {competitors: [Globex]}\npolicy: {competitors: forbid}\n".utf8),
            project.appendingPathComponent(".postcheck.yml"))
    }

    func testFixRewritesInPlaceKeepingPermissionsAndReportsWhatRemains() throws {
        let file = project.appendingPathComponent("post.md")
        try writeFile(Data((draft + "Globex stays.\r\n").utf8), file)
        chmod(file.path, 0o640)
        let result = try postcheck(["--fix", "--format", "line", "post.md"], in: project)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), fixed + "Globex stays.\r\n")
        XCTAssertEqual(
            result.stdout,
            "post.md:3:1: error: Leave out 'Globex': the guidelines ask not to name competitors, not even neutrally. [postcheck.Competitors]\n"
        )
        XCTAssertEqual(result.status, 1)
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o640)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.path).filter { $0.contains(".tmp") }
        XCTAssertEqual(leftovers, [])
        // A second run has nothing left to fix.
        let again = try postcheck(["--diff", "post.md"], in: project)
        XCTAssertEqual(again.stdout, "")
    }

    /// 17. An edit made while --fix runs is never overwritten: either the fix landed first and the edit follows it,
    /// or postcheck sees the file changed before its rename and refuses (exit 2), leaving the edit in place.
    func testConcurrentEditIsNotOverwritten() throws {
        let file = project.appendingPathComponent("big.md")
        let paragraph = "We love acme cloud!! It is is great, and the the team agrees.\n\n"
        for trial in 0..<3 {
            try writeFile(Data(String(repeating: paragraph, count: 4_000).utf8), file)
            let process = Process()
            process.executableURL = postcheckBinary
            process.arguments = ["--fix", "--quiet", "--format", "line", "big.md"]
            process.currentDirectoryURL = project
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            usleep(useconds_t([100_000, 700_000, 3_000_000][trial]))
            let handle = try FileHandle(forWritingTo: file)
            handle.seekToEndOfFile()
            handle.write(Data("EDITED BY SOMEONE ELSE\n".utf8))
            try handle.close()
            process.waitUntilExit()
            let text = try String(contentsOf: file, encoding: .utf8)
            XCTAssertTrue(
                text.hasSuffix("EDITED BY SOMEONE ELSE\n"),
                "trial \(trial): the edit was lost (exit \(process.terminationStatus))")
        }
    }

    func testDiffChangesNothingAndPatchAppliesIt() throws {
        guard requireTool("patch", install: "apt-get install patch") else { return }
        let file = project.appendingPathComponent("post.md")
        try writeFile(Data(draft.utf8), file)
        let result = try postcheck(["--diff", "post.md"], in: project)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), draft, "--diff writes nothing")
        XCTAssertTrue(result.stdout.hasPrefix("--- a/post.md\n+++ b/post.md\n@@ -1,2 +1,2 @@\n"), result.stdout)
        let patched = try tool("patch", ["-p1", "--binary"], in: project, stdin: Data(result.stdout.utf8))
        XCTAssertEqual(patched.status, 0, patched.stdout + patched.stderr)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), fixed)
    }

    func testStandardInputPrintsTheFixedText() throws {
        let result = try postcheck(["--fix", "--stdin-filename", "post.md", "-"], in: project, stdin: Data(draft.utf8))
        XCTAssertEqual(result.stdout, fixed)
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("post.md: score 100/100"), result.stderr)
    }

    func testReadOnlyFileIsNotTouched() throws {
        let file = project.appendingPathComponent("locked.md")
        try writeFile(Data(draft.utf8), file)
        chmod(file.path, 0o444)
        let result = try postcheck(["--fix", "--format", "json", "locked.md"], in: project)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stdout.contains("\"message\": \"the file is read-only\""), result.stdout)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), draft)
    }
}
