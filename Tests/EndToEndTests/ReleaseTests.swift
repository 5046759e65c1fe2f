import Foundation
import XCTest

/// The release archive and its installation, as a new user gets them: `scripts/release.sh` then
/// `scripts/install.sh --prefix DIR`. The archive is made from the debug builds the tests already have
/// (POSTCHECK_RELEASE_CONFIGURATION=debug and POSTCHECK_RELEASE_PREBUILT=1: the same script, without a second,
/// ten-minute release build, and without a `swift build` inside `swift test`; scripts/test.sh builds
/// generate-manual first). The man
/// pages render with `man -l`, and the completions load in bash, zsh and fish.
final class ReleaseTests: XCTestCase {
    func testReleaseArchiveInstallsWorkingToolsManPagesAndCompletions() throws {
        let archive = try makeReleaseArchive()
        let source = try String(
            contentsOf: packageRoot.appendingPathComponent("Sources/PostcheckCore/Output/ReportedFinding.swift"),
            encoding: .utf8)
        let version = try XCTUnwrap(
            source.components(separatedBy: "postcheckVersion = \"").dropFirst().first?.split(separator: "\"").first)
        XCTAssertTrue(archive.lastPathComponent.hasPrefix("postcheck-\(version)-linux-"), archive.path)
        let listing = try tool("tar", ["-tzf", archive.path]).stdout
        for part in [
            "/bin/postcheck", "/bin/postcheck-server", "/share/man/man1/postcheck.1",
            "/share/man/man1/postcheck.check.1",
            "/share/man/man1/postcheck-server.1", "/share/bash-completion/completions/postcheck",
            "/share/zsh/site-functions/_postcheck", "/share/fish/vendor_completions.d/postcheck.fish",
            "/share/doc/postcheck/README.md", "/share/doc/postcheck/DEPENDENCIES",
            "/share/doc/postcheck/licenses/rules-postcheck-SOURCES.md", "/share/doc/postcheck/licenses/Yams-LICENSE",
            "/install.sh",
        ] {
            XCTAssertTrue(listing.contains(part + "\n"), part)
        }
        // Installed under a prefix, without root; used outside the checkout with a home of its own (the bundled packs
        // are written to its cache).
        let prefix = try temporaryFolder()
        let install = try runProcess(
            URL(fileURLWithPath: "/bin/bash"),
            [packageRoot.appendingPathComponent("scripts/install.sh").path, "--prefix", prefix.path, archive.path],
            in: packageRoot, stdin: nil, environment: [:])
        XCTAssertEqual(install.status, 0, install.stderr)
        let bin = prefix.appendingPathComponent("bin")
        let home = try temporaryFolder()
        for executable in ["postcheck", "postcheck-server"] {
            let shown = try runProcess(
                bin.appendingPathComponent(executable), ["--version"], in: home, stdin: nil, environment: [:])
            XCTAssertEqual(shown.stdout, "\(version)\n", executable)
        }
        let check = try runProcess(
            bin.appendingPathComponent("postcheck"), ["--format", "line", "-"], in: home,
            stdin: Data("TODO: add the link before Friday.\n".utf8), environment: ["HOME": home.path])
        XCTAssertEqual(check.status, 1, check.stderr)
        XCTAssertTrue(check.stdout.contains("[postcheck.Placeholder]"), check.stdout)
        let dependencies = try String(
            contentsOf: prefix.appendingPathComponent("share/doc/postcheck/DEPENDENCIES"), encoding: .utf8)
        XCTAssertTrue(dependencies.contains("libpcre2-8"), dependencies)
        // The man pages render, and the completions load where people use them.
        if requireTool("man", install: "apt-get install man-db") {
            let pages = try FileManager.default.contentsOfDirectory(
                atPath: prefix.appendingPathComponent("share/man/man1").path)
            XCTAssertGreaterThanOrEqual(pages.count, 10)
            for page in pages {
                let rendered = try tool(
                    "man", ["-l", prefix.appendingPathComponent("share/man/man1/\(page)").path],
                    environment: ["MANWIDTH": "80", "MANPAGER": "cat", "PAGER": "cat"])
                XCTAssertEqual(rendered.status, 0, page + rendered.stderr)
                XCTAssertTrue(rendered.stdout.contains("NAME"), page)
            }
        }
        let share = prefix.appendingPathComponent("share").path
        let bash = try tool(
            "bash", ["-c", "source \(share)/bash-completion/completions/postcheck && complete -p postcheck"])
        XCTAssertEqual(bash.status, 0, bash.stderr)
        XCTAssertTrue(bash.stdout.contains("postcheck"), bash.stdout)
        if requireTool("zsh", install: "apt-get install zsh") {
            let zsh = try tool(
                "zsh",
                [
                    "-c",
                    "fpath=(\(share)/zsh/site-functions $fpath); autoload -U compinit; compinit -u -d \(home.path)/zcompdump; print -r -- ${_comps[postcheck]}",
                ])
            XCTAssertEqual(zsh.status, 0, zsh.stderr)
            XCTAssertEqual(zsh.stdout, "_postcheck\n", zsh.stderr)
        }
        if requireTool("fish", install: "apt-get install fish") {
            let fish = try tool(
                "fish",
                [
                    "--no-config", "-c",
                    "source \(share)/fish/vendor_completions.d/postcheck.fish; complete -c postcheck",
                ],
                environment: ["HOME": home.path])
            XCTAssertEqual(fish.status, 0, fish.stderr)
            XCTAssertTrue(fish.stdout.contains("complete"), fish.stdout)
        }
    }
}
