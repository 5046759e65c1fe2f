import Foundation
import XCTest

final class RobustnessTests: XCTestCase {
    /// A catastrophic pattern ends on PCRE2's limits with an error naming the rule; the other rules still report.
    func testRunawayPatternIsStoppedAndOtherRulesStillReport() throws {
        let root = try temporaryFolder()
        try writeFile(Data("packs: [./p]\n".utf8), root.appendingPathComponent(".postcheck.yml"))
        try writeFile(Data("extends: existence\nmessage: x\nnonword: true\nscope: raw\nraw: ['(a+)+$']\n".utf8),
                      root.appendingPathComponent("p/Runaway.yml"))
        try writeFile(Data("extends: existence\nmessage: \"'%s'\"\nlevel: error\ntokens: [TODO]\n".utf8),
                      root.appendingPathComponent("p/Todo.yml"))
        try writeFile(Data(("TODO " + String(repeating: "a", count: 50_000) + "b\n").utf8), root.appendingPathComponent("a.txt"))
        let result = try postcheck(["--format", "json", "a.txt"], in: root)
        XCTAssertEqual(result.status, 2)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let errors = object["errors"] as! [[String: Any]]
        XCTAssertEqual(errors.first?["rule"] as? String, "p.Runaway")
        XCTAssertTrue((errors.first?["message"] as? String ?? "").contains("limit"), "\(errors)")
        let findings = ((object["files"] as! [[String: Any]])[0]["findings"] as! [[String: Any]]).map { $0["rule"] as! String }
        XCTAssertEqual(findings, ["p.Todo"])
    }

    /// A folder with a symbolic link loop, a deep tree and a file whose one 10 MB line has 10,000 findings (every
    /// column is computed from a checkpoint, not by scanning the line from its start: that took minutes).
    func testAwkwardTreesAndFiles() throws {
        let root = try temporaryFolder()
        try writeFile(Data("packs: [./p]\n".utf8), root.appendingPathComponent(".postcheck.yml"))
        try writeFile(Data("extends: existence\nmessage: \"'%s'\"\nlevel: error\ntokens: [TODO]\n".utf8),
                      root.appendingPathComponent("p/Todo.yml"))
        var deep = root.appendingPathComponent("deep")
        for level in 0..<60 { deep = deep.appendingPathComponent("d\(level)") }
        try writeFile(Data("TODO deep\n".utf8), deep.appendingPathComponent("post.md"))
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("deep/loop"), withDestinationURL: root.appendingPathComponent("deep"))
        let chunk = String(repeating: "wóórd ", count: 166) + "TODO "  // 1,001 code points, 1,333 bytes
        try writeFile(Data((String(repeating: chunk, count: 7_600) + "\n").utf8), root.appendingPathComponent("long.txt"))
        let result = try postcheck(["--format", "line", "."], in: root)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertTrue(lines.contains { $0.hasPrefix("deep/d0/") && $0.hasSuffix("post.md:1:1: error: 'TODO' [p.Todo]") }, result.stdout.prefix(2000) + result.stderr)
        let long = lines.filter { $0.hasPrefix("long.txt:1:") }
        XCTAssertEqual(long.count, 7_600)
        XCTAssertEqual(long.last.map(String.init), "long.txt:1:\(7_599 * 1_001 + 997): error: 'TODO' [p.Todo]")
        XCTAssertTrue(result.stderr.contains("deep/loop: skipped: links back to a folder already checked"), result.stderr)
        // Nothing was walked twice: one report for the deep draft.
        XCTAssertEqual(lines.filter { $0.hasSuffix("post.md:1:1: error: 'TODO' [p.Todo]") }.count, 1, result.stdout.prefix(2000) + "")
    }
}
