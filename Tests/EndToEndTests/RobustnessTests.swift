import Foundation
import XCTest

final class RobustnessTests: XCTestCase {
    /// A catastrophic pattern ends on PCRE2's limits with an error naming the rule; the other rules still report.
    func testRunawayPatternIsStoppedAndOtherRulesStillReport() throws {
        let root = try temporaryFolder()
        try writeFile(Data("packs: [./p]\n".utf8), root.appendingPathComponent(".postcheck.yml"))
        try writeFile(
            Data("extends: existence\nmessage: x\nnonword: true\nscope: raw\nraw: ['(a+)+$']\n".utf8),
            root.appendingPathComponent("p/Runaway.yml"))
        try writeFile(
            Data("extends: existence\nmessage: \"'%s'\"\nlevel: error\ntokens: [TODO]\n".utf8),
            root.appendingPathComponent("p/Todo.yml"))
        try writeFile(
            Data(("TODO " + String(repeating: "a", count: 50_000) + "b\n").utf8), root.appendingPathComponent("a.txt"))
        let result = try postcheck(["--format", "json", "a.txt"], in: root)
        XCTAssertEqual(result.status, 2)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let errors = object["errors"] as! [[String: Any]]
        XCTAssertEqual(errors.first?["rule"] as? String, "p.Runaway")
        XCTAssertTrue((errors.first?["message"] as? String ?? "").contains("limit"), "\(errors)")
        let findings = ((object["files"] as! [[String: Any]])[0]["findings"] as! [[String: Any]]).map {
            $0["rule"] as! String
        }
        XCTAssertEqual(findings, ["p.Todo"])
        XCTAssertEqual(
            (object["files"] as! [[String: Any]])[0]["verdict"] as? String, "fail", "an incomplete check is no pass")
    }

    /// A folder with a symbolic link loop, a deep tree and a file whose one 10 MB line has 10,000 findings (every
    /// column is computed from a checkpoint, not by scanning the line from its start: that took minutes).
    func testAwkwardTreesAndFiles() throws {
        let root = try temporaryFolder()
        try writeFile(Data("packs: [./p]\n".utf8), root.appendingPathComponent(".postcheck.yml"))
        try writeFile(
            Data("extends: existence\nmessage: \"'%s'\"\nlevel: error\ntokens: [TODO]\n".utf8),
            root.appendingPathComponent("p/Todo.yml"))
        var deep = root.appendingPathComponent("deep")
        for level in 0..<60 { deep = deep.appendingPathComponent("d\(level)") }
        try writeFile(Data("TODO deep\n".utf8), deep.appendingPathComponent("post.md"))
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("deep/loop"), withDestinationURL: root.appendingPathComponent("deep"))
        let chunk = String(repeating: "wóórd ", count: 166) + "TODO "  // 1,001 code points, 1,333 bytes
        try writeFile(
            Data((String(repeating: chunk, count: 7_600) + "\n").utf8), root.appendingPathComponent("long.txt"))
        let result = try postcheck(["--format", "line", "."], in: root)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertTrue(
            lines.contains { $0.hasPrefix("deep/d0/") && $0.hasSuffix("post.md:1:1: error: 'TODO' [p.Todo]") },
            result.stdout.prefix(2000) + result.stderr)
        let long = lines.filter { $0.hasPrefix("long.txt:1:") }
        XCTAssertEqual(long.count, 7_600)
        XCTAssertEqual(long.last.map(String.init), "long.txt:1:\(7_599 * 1_001 + 997): error: 'TODO' [p.Todo]")
        XCTAssertTrue(
            result.stderr.contains("deep/loop: skipped: links back to a folder already checked"), result.stderr)
        // Nothing was walked twice: one report for the deep draft.
        XCTAssertEqual(
            lines.filter { $0.hasSuffix("post.md:1:1: error: 'TODO' [p.Todo]") }.count, 1,
            result.stdout.prefix(2000) + "")
    }

    /// A named pipe (or device) given as a path is refused, since nothing bounds what it yields (`/dev/zero`); a
    /// stream is read through standard input (`-`), to its end however slowly it comes, and within the size limit.
    func testPipesAreReadThroughStandardInputOnly() throws {
        let root = try temporaryFolder()
        let pipe = root.appendingPathComponent("draft.md")
        XCTAssertEqual(mkfifo(pipe.path, 0o644), 0)
        let refused = try postcheck(["--format", "line", "draft.md"], in: root)
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(
            (refused.stdout + refused.stderr).contains(
                "draft.md: not a regular file (a device, pipe or socket): give '-' to read standard input"),
            refused.stdout + refused.stderr)
        let streamed = try tool(
            "sh",
            [
                "-c",
                "(printf 'Launching TODO now. '; sleep 0.2; printf 'Second part TBD.\\n') | '\(postcheckBinary.path)' --format line --stdin-filename draft.md -",
            ], in: root)
        XCTAssertEqual(
            streamed.stdout,
            """
            draft.md:1:11: error: Placeholder 'TODO' left in the draft. [postcheck.Placeholder]
            draft.md:1:33: error: Placeholder 'TBD' left in the draft. [postcheck.Placeholder]

            """, streamed.stderr)
    }

    /// `--fix` killed with SIGKILL — the moment its temporary file appears (mid-write) and at other points — leaves
    /// the draft either as it was or completely fixed, never truncated, with its permissions.
    func testFixKilledMidWriteLeavesOldOrNewFile() throws {
        let root = try temporaryFolder()
        try writeFile(Data("packs: [./p]\n".utf8), root.appendingPathComponent(".postcheck.yml"))
        try writeFile(
            Data(
                "extends: substitution\nmessage: \"Use '%s'\"\nlevel: error\naction: {name: replace}\nswap: {teh: the}\n"
                    .utf8),
            root.appendingPathComponent("p/Typo.yml"))
        // 12 MB: long enough to write that the kill lands inside the write.
        let line = "Dit is teh nieuwe post over ons team en de lancering van vandaag in Gent, met veel woorden erin.\n"
        let original = Data(String(repeating: line, count: 120_000).utf8)
        let fixed = Data(String(repeating: line.replacingOccurrences(of: "teh", with: "the"), count: 120_000).utf8)
        let draft = root.appendingPathComponent("post.md")
        var outcomes: [String] = []
        for attempt in 0..<6 {
            try original.write(to: draft)
            chmod(draft.path, 0o640)
            let process = Process()
            process.executableURL = postcheckBinary
            process.arguments = ["--fix", "--quiet", "--format", "line", "post.md"]
            process.currentDirectoryURL = root
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // First attempts: kill as soon as the temporary file exists; later ones: kill after a growing delay.
            var sawTemporary = false
            let deadline = Date().addingTimeInterval(120)
            while process.isRunning && Date() < deadline {
                let names = try FileManager.default.contentsOfDirectory(atPath: root.path)
                if attempt < 3, names.contains(where: { $0.hasPrefix(".post.md.postcheck-") }) {
                    sawTemporary = true
                    break
                }
                if attempt >= 3 { usleep(UInt32(attempt - 2) * 150_000); break }
                usleep(200)
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try Data(contentsOf: draft)
            XCTAssertTrue(
                now == original || now == fixed, "attempt \(attempt): \(now.count) bytes, neither old nor new")
            let mode = (try FileManager.default.attributesOfItem(atPath: draft.path)[.posixPermissions] as? NSNumber)?
                .intValue
            XCTAssertEqual(mode, 0o640, "attempt \(attempt)")
            outcomes.append(now == original ? (sawTemporary ? "old, killed mid-write" : "old") : "new")
            // Nothing but the draft and hidden leftovers (a killed writer's temporary file) in the folder.
            let visible = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { !$0.hasPrefix(".") }
            XCTAssertEqual(Set(visible), ["post.md", "p"])
        }
        XCTAssertTrue(outcomes.contains("old, killed mid-write"), "\(outcomes)")
        // Uninterrupted, the same run fixes the file and keeps its permissions.
        try original.write(to: draft)
        chmod(draft.path, 0o640)
        _ = try postcheck(["--fix", "--quiet", "post.md"], in: root)
        XCTAssertEqual(try Data(contentsOf: draft), fixed)
        XCTAssertEqual(
            (try FileManager.default.attributesOfItem(atPath: draft.path)[.posixPermissions] as? NSNumber)?.intValue,
            0o640)
    }

    /// Reports written to a device or through a symbolic link land where the name points; nothing is replaced by a
    /// regular file (an atomic rename over /dev/stdout, as root, would have replaced the device).
    func testOutputsToDevicesAndThroughLinks() throws {
        let root = try temporaryFolder()
        try writeFile(Data("packs: [./p]\n".utf8), root.appendingPathComponent(".postcheck.yml"))
        try writeFile(
            Data(
                "extends: substitution\nmessage: \"Use '%s'\"\nlevel: error\naction: {name: replace}\nswap: {teh: the}\n"
                    .utf8),
            root.appendingPathComponent("p/Typo.yml"))
        try writeFile(Data("Dit is teh post.\n".utf8), root.appendingPathComponent("real/post.md"))
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("linked.md").path, withDestinationPath: "real/post.md")
        let toStdout = try postcheck(["--quiet", "-o", "json=/dev/stdout", "linked.md"], in: root)
        XCTAssertEqual(toStdout.status, 1)
        // The report arrived through the pipe: written into /dev/stdout, not renamed over it.
        XCTAssertTrue(toStdout.stdout.contains("\"rule\": \"p.Typo\""), toStdout.stdout)
        let fixed = try postcheck(["--fix", "--quiet", "linked.md"], in: root)
        XCTAssertEqual(fixed.status, 0, fixed.stderr)
        XCTAssertEqual(
            try String(contentsOf: root.appendingPathComponent("real/post.md"), encoding: .utf8), "Dit is the post.\n")
        XCTAssertEqual(
            try FileManager.default.destinationOfSymbolicLink(atPath: root.appendingPathComponent("linked.md").path),
            "real/post.md")
    }
}
