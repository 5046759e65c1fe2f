import Foundation
import XCTest

/// `postcheck sync` against real peers: a `.zip` served over HTTP on 127.0.0.1 (Python's http.server), a bare git
/// repository at a tag, a malicious `.tar.gz`; the lock file, the pinned sha256, the packs a check then uses, and a
/// failed sync that leaves the previous packs intact. Vale's `Packages =` in a `.vale.ini` goes to its StylesPath.
final class SyncCommandTests: XCTestCase {
    private var server: Process?

    override func tearDown() {
        server?.terminate()
        server?.waitUntilExit()
    }

    /// Serves `folder` over HTTP on a free port of 127.0.0.1; returns the base URL.
    private func serve(_ folder: URL) throws -> String {
        let port = 20_000 + Int.random(in: 0..<20_000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-m", "http.server", "\(port)", "--bind", "127.0.0.1", "--directory", folder.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        server = process
        let base = "http://127.0.0.1:\(port)"
        for _ in 0..<100 {
            if (try? tool("curl", ["-fsS", "-o", "/dev/null", base + "/"]))?.status == 0 { return base }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("the HTTP server did not start")
        return base
    }

    private func rule(_ token: String, _ message: String) -> Data {
        Data("extends: existence\nmessage: \"\(message)\"\nlevel: error\ntokens: [\(token)]\n".utf8)
    }

    func testSyncFromHTTPAndGitWithLockAndIntegrity() throws {
        guard requireTool("zip", install: "apt-get install zip unzip"),
            requireTool("git", install: "apt-get install git")
        else { return }
        let root = try temporaryFolder()
        // A pack archive, served over HTTP.
        let source = root.appendingPathComponent("source")
        try writeFile(rule("synergy", "Avoid %s."), source.appendingPathComponent("Acme/Jargon.yml"))
        let served = root.appendingPathComponent("served")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        XCTAssertEqual(
            try tool("zip", ["-qr", served.appendingPathComponent("acme.zip").path, "Acme"], in: source).status, 0)
        let digest = try tool("sha256sum", [served.appendingPathComponent("acme.zip").path]).stdout.split(
            separator: " ")[0]
        let base = try serve(served)
        // A pack in a bare git repository, at a tag.
        let bare = root.appendingPathComponent("team.git")
        XCTAssertEqual(try tool("git", ["init", "-q", "--bare", bare.path]).status, 0)
        let work = root.appendingPathComponent("work")
        XCTAssertEqual(try tool("git", ["clone", "-q", bare.path, work.path]).status, 0)
        try writeFile(rule("leverage", "No %s."), work.appendingPathComponent("Team/Words.yml"))
        for arguments in [
            ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "v1"], ["tag", "v1.0"],
            ["push", "-q", "origin", "HEAD:main", "v1.0"],
        ] {
            XCTAssertEqual(try tool("git", ["-C", work.path] + arguments).status, 0, arguments.joined(separator: " "))
        }
        let commit = try tool("git", ["-C", work.path, "rev-parse", "v1.0"]).stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        let project = root.appendingPathComponent("project")
        let configuration = project.appendingPathComponent(".postcheck.yml")
        try writeFile(
            Data(
                """
                packages:
                  - source: \(base)/acme.zip
                    sha256: \(digest)
                  - source: \(bare.path)
                    ref: v1.0
                packs: [postcheck, Acme, Team]

                """.utf8), configuration)
        // Before a sync the packs are not there: an error, not a check without them.
        XCTAssertEqual(try postcheck(["-"], in: project, stdin: Data("Synergy.\n".utf8)).status, 2)
        let sync = try postcheck(["sync"], in: project)
        XCTAssertEqual(sync.status, 0, sync.stderr)
        let lock =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: project.appendingPathComponent("postcheck.lock"))) as! [String: Any]
        let packages = lock["packages"] as! [[String: Any]]
        XCTAssertEqual(packages.map { $0["packs"] as? [String] }, [["Acme"], ["Team"]])
        XCTAssertEqual(packages[0]["sha256"] as? String, String(digest))
        XCTAssertEqual(packages[1]["commit"] as? String, commit)
        XCTAssertEqual(packages[1]["ref"] as? String, "v1.0")
        // A check uses the synced packs, without the network: the server is stopped first.
        server?.terminate()
        server?.waitUntilExit()
        let check = try postcheck(["--format", "line", "-"], in: project, stdin: Data("We leverage synergy.\n".utf8))
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stdout.contains("error: No leverage. [Team.Words]"), check.stdout)
        XCTAssertTrue(check.stdout.contains("error: Avoid synergy. [Acme.Jargon]"), check.stdout)
        // A wrong pin, and an archive that would write outside the folder: refused, the packs as they were.
        let again = try serve(served)
        try writeFile(rule("x", "x"), root.appendingPathComponent("evil.yml"))
        XCTAssertEqual(
            try tool(
                "tar",
                [
                    "-czf", root.appendingPathComponent("evil.tar.gz").path, "--transform", "s,^,Bad/../../,",
                    "evil.yml",
                ],
                in: root
            ).status, 0)
        for (entry, expected) in [
            ("  - source: \(again)/acme.zip\n    sha256: 00ff", "is not the pinned 00ff"),
            ("  - source: ../evil.tar.gz", "would be written outside the packs folder"),
        ] {
            try writeFile(Data("packages:\n\(entry)\npacks: [postcheck, Acme, Team]\n".utf8), configuration)
            let refused = try postcheck(["sync"], in: project)
            XCTAssertEqual(refused.status, 2, entry)
            XCTAssertTrue(refused.stderr.contains(expected), refused.stderr)
            XCTAssertEqual(
                try postcheck(["--format", "line", "-"], in: project, stdin: Data("Pure synergy.\n".utf8)).status, 1,
                "the previous packs are intact")
        }
        XCTAssertFalse(
            FileManager.default.fileExists(
                atPath: root.deletingLastPathComponent().appendingPathComponent("evil.yml").path))
    }

    /// Vale's `Packages =`: the styles go to StylesPath, where `BasedOnStyles` finds them.
    func testValePackagesGoToStylesPath() throws {
        guard requireTool("zip", install: "apt-get install zip unzip") else { return }
        let root = try temporaryFolder()
        try writeFile(rule("synergy", "Avoid %s."), root.appendingPathComponent("source/Acme/Jargon.yml"))
        XCTAssertEqual(
            try tool(
                "zip", ["-qr", root.appendingPathComponent("Acme.zip").path, "Acme"],
                in: root.appendingPathComponent("source")
            )
            .status, 0)
        let project = root.appendingPathComponent("project")
        try writeFile(
            Data("StylesPath = styles\nPackages = ../Acme.zip\n[*]\nBasedOnStyles = Acme\n".utf8),
            project.appendingPathComponent(".vale.ini"))
        let sync = try postcheck(["sync"], in: project)
        XCTAssertEqual(sync.status, 0, sync.stderr)
        XCTAssertTrue(
            FileManager.default.fileExists(atPath: project.appendingPathComponent("styles/Acme/Jargon.yml").path))
        let check = try postcheck(["--format", "line", "-"], in: project, stdin: Data("Pure synergy.\n".utf8))
        XCTAssertEqual(check.stdout, "-:1:6: error: Avoid synergy. [Acme.Jargon]\n", check.stderr)
    }
}
