import Foundation
import XCTest

/// `--changed`, `postcheck hook install` and the pre-commit framework, each in a real temporary git repository.
final class GitIntegrationTests: XCTestCase {
    private var repository: URL!

    private func git(_ arguments: String...) throws {
        let result = try tool("git", arguments, in: repository)
        XCTAssertEqual(result.status, 0, "git \(arguments.joined(separator: " ")): \(result.stderr)")
    }

    override func setUpWithError() throws {
        repository = try temporaryFolder()
        try git("init", "-q", "-b", "main")
        try git("config", "user.email", "test@example.com")
        try git("config", "user.name", "Test")
        try git("config", "commit.gpgsign", "false")
        try writeFile(Data("Old post with TODO.\n".utf8), repository.appendingPathComponent("posts/old.md"))
        try writeFile(Data("Second post.\n".utf8), repository.appendingPathComponent("posts/second.md"))
        try git("add", ".")
        try git("commit", "-q", "-m", "initial")
    }

    func testChangedChecksOnlyWhatChangedAgainstTheMergeBase() throws {
        try git("checkout", "-q", "-b", "feature")
        try writeFile(Data("Second post, TODO.\n".utf8), repository.appendingPathComponent("posts/second.md"))
        try git("commit", "-q", "-am", "edit")
        try writeFile(Data("New TODO draft.\n".utf8), repository.appendingPathComponent("posts/new.md"))
        let result = try postcheck(["--changed", "--format", "line"], in: repository)
        XCTAssertEqual(
            result.stdout,
            """
            posts/new.md:1:5: error: Placeholder 'TODO' left in the draft. [postcheck.Placeholder]
            posts/second.md:1:14: error: Placeholder 'TODO' left in the draft. [postcheck.Placeholder]

            """, result.stderr)
        let sinceHead = try postcheck(["--changed=HEAD", "--format", "line", "posts"], in: repository)
        XCTAssertEqual(
            sinceHead.stdout, "posts/new.md:1:5: error: Placeholder 'TODO' left in the draft. [postcheck.Placeholder]\n"
        )
        let unknown = try postcheck(["--changed=no-such-rev"], in: repository)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("unknown git revision 'no-such-rev'"), unknown.stderr)
        let outside = try postcheck(["--changed"], in: try temporaryFolder())
        XCTAssertEqual(outside.status, 2)
        XCTAssertTrue(outside.stderr.contains("needs a git repository"), outside.stderr)
    }

    func testPreCommitHookChecksStagedContentAndKeepsAnExistingHook() throws {
        let hooks = repository.appendingPathComponent(".git/hooks")
        let marker = repository.appendingPathComponent("team-hook-ran")
        try writeFile(Data("#!/bin/sh\ntouch '\(marker.path)'\n".utf8), hooks.appendingPathComponent("pre-commit"))
        chmod(hooks.appendingPathComponent("pre-commit").path, 0o755)
        let install = try postcheck(["hook", "install"], in: repository)
        XCTAssertEqual(install.status, 0, install.stderr)
        XCTAssertTrue(install.stdout.contains("kept the existing pre-commit hook"))

        let draft = repository.appendingPathComponent("posts/launch.md")
        try writeFile(Data("Launch TODO.\n".utf8), draft)
        try git("add", "posts/launch.md")
        // The working tree is fixed but the staged version is not: the commit must still be blocked.
        try writeFile(Data("Launch day.\n".utf8), draft)
        let blocked = try tool("git", ["commit", "-m", "launch"], in: repository)
        XCTAssertNotEqual(blocked.status, 0)
        XCTAssertTrue(
            blocked.stdout.contains("posts/launch.md:1:8: error: Placeholder 'TODO'")
                || blocked.stderr.contains("posts/launch.md:1:8: error"),
            blocked.stdout + blocked.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: marker.path), "the team's hook ran first")
        try git("add", "posts/launch.md")
        let passed = try tool("git", ["commit", "-q", "-m", "launch"], in: repository)
        XCTAssertEqual(passed.status, 0, passed.stdout + passed.stderr)

        XCTAssertEqual(try postcheck(["hook", "uninstall"], in: repository).status, 0)
        let restored = try String(contentsOf: hooks.appendingPathComponent("pre-commit"), encoding: .utf8)
        XCTAssertTrue(restored.contains("team-hook-ran"), "the previous hook is back")
    }

    /// pre-commit with this repository's hooks. The manifest (both hooks) is validated; the check runs through the
    /// `postcheck-system` hook with the binary the tests built on PATH. The `language: swift` hook, which has
    /// pre-commit build the whole package in release (about 5 minutes here), runs instead when
    /// POSTCHECK_PRECOMMIT_SWIFT_BUILD=1.
    func testPreCommitFrameworkRunsThisRepositorysHook() throws {
        guard requireTool("pre-commit", install: "pip install pre-commit") else { return }
        let buildsWithSwift = ProcessInfo.processInfo.environment["POSTCHECK_PRECOMMIT_SWIFT_BUILD"] == "1"
        let head = try tool("git", ["rev-parse", "HEAD"], in: packageRoot).stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        XCTAssertFalse(head.isEmpty, "this repository needs a commit for pre-commit to clone")
        try writeFile(
            Data(
                """
                repos:
                  - repo: \(packageRoot.path)
                    rev: \(head)
                    hooks:
                      - id: \(buildsWithSwift ? "postcheck" : "postcheck-system")

                """.utf8), repository.appendingPathComponent(".pre-commit-config.yaml"))
        let home = try temporaryFolder()
        var environment = ["PRE_COMMIT_HOME": home.path]
        if !buildsWithSwift {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            environment["PATH"] = postcheckBinary.deletingLastPathComponent().path + ":" + path
        }
        XCTAssertEqual(
            try tool(
                "pre-commit", ["validate-manifest", packageRoot.appendingPathComponent(".pre-commit-hooks.yaml").path],
                in: repository, environment: environment
            ).status, 0)
        try git("add", ".pre-commit-config.yaml")
        let failing = try tool("pre-commit", ["run", "--all-files"], in: repository, environment: environment)
        XCTAssertEqual(failing.status, 1, failing.stdout + failing.stderr)
        XCTAssertTrue(
            failing.stdout.contains("posts/old.md:1:15: error: Placeholder 'TODO' left in the draft."), failing.stdout)
        try writeFile(Data("Old post.\n".utf8), repository.appendingPathComponent("posts/old.md"))
        let passing = try tool("pre-commit", ["run", "--all-files"], in: repository, environment: environment)
        XCTAssertEqual(passing.status, 0, passing.stdout + passing.stderr)
    }
}
