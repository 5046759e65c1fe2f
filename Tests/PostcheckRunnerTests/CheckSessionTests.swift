import Foundation
import PostcheckCore
import PostcheckRunner
import XCTest

/// The runner in process: configuration discovery, folder walking, the parallel check, the gate and the fix loop,
/// on files in a temporary folder (no `postcheck` process is started).
final class CheckSessionTests: XCTestCase {
    private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    private var folder: URL!
    private var previousDirectory = ""

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("runner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("posts/sub"), withIntermediateDirectories: true)
        previousDirectory = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(folder.path)
    }

    override func tearDownWithError() throws {
        FileManager.default.changeCurrentDirectoryPath(previousDirectory)
        try? FileManager.default.removeItem(at: folder)
    }

    private func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(path))
    }

    private func session(failOn: Severity? = nil) -> CheckSession {
        CheckSession(
            configPath: nil, bundledRules: repository.appendingPathComponent("Rules").path, failOn: failOn,
            minSeverity: nil)
    }

    func testWalksAFolderChecksEachDraftAndGates() throws {
        try write(
            ".postcheck.yml",
            "packs: [postcheck]\nnames: {company: Acme, competitors: [Globex], codenames: [Roadrunner]}\n")
        try write("posts/clean.md", "A fine day with the team in Ghent. Thank you all for coming.\n")
        try write("posts/sub/leak.md", "Project Roadrunner ships next week, see IBAN BE71 0961 2345 6769.\n")
        try write("posts/empty.md", "")
        try write("posts/notes.json", "{}")
        try write("posts/.hidden.md", "TODO\n")
        let session = session()
        let outcome = session.run(paths: ["posts"], stdinName: nil)
        XCTAssertNil(outcome.fatalError)
        XCTAssertEqual(outcome.reports.map(\.path), ["posts/clean.md", "posts/sub/leak.md"])
        XCTAssertEqual(outcome.reports[0].result?.verdict, .pass)
        let leak = try XCTUnwrap(outcome.reports[1].result)
        XCTAssertEqual(leak.verdict, .fail)
        XCTAssertTrue(leak.findings.contains { $0.ruleID == "postcheck.CodeNames" }, "\(leak.findings.map(\.ruleID))")
        XCTAssertTrue(leak.findings.contains { $0.ruleID == "postcheck.IBAN" }, "\(leak.findings.map(\.ruleID))")
        XCTAssertEqual(outcome.exitCode, 1, "an error finding fails the gate")
        XCTAssertEqual(session.notices, ["posts/empty.md: skipped: the file is empty"])
    }

    func testMissingPathsAndDevicesAreErrorsNotPasses() throws {
        try write(".postcheck.yml", "packs: [postcheck]\n")
        let outcome = session().run(paths: ["nothing-here.md", "/dev/zero"], stdinName: nil)
        XCTAssertEqual(outcome.exitCode, 2)
        XCTAssertEqual(outcome.reports.map(\.path), ["/dev/zero", "nothing-here.md"])
        XCTAssertEqual(
            outcome.reports.compactMap(\.error),
            [
                "not a regular file (a device, pipe or socket): give '-' to read standard input",
                "no such file or folder",
            ])
    }

    func testABrokenConfigurationStopsTheRunBeforeAnyCheck() throws {
        try write(".postcheck.yml", "packs: [postcheck]\nfail-on: sometimes\n")
        try write("posts/clean.md", "A fine day with the team.\n")
        let outcome = session().run(paths: ["posts"], stdinName: nil)
        XCTAssertEqual(outcome.exitCode, 2)
        XCTAssertTrue(outcome.reports.isEmpty)
        let error = try XCTUnwrap(outcome.fatalError)
        XCTAssertEqual(error.kind, .configuration)
        XCTAssertTrue(error.path?.hasSuffix(".postcheck.yml") ?? false, error.description)
        XCTAssertEqual(error.line, 2, "the line of 'fail-on: sometimes'")
    }

    func testFixModeReturnsTheFixedBytesAndReportsWhatRemains() throws {
        try write(".postcheck.yml", "packs: [postcheck]\n")
        try write("posts/fix.md", "We love the the team in Ghent!! Thank you all.\n")
        let outcome = session().run(paths: ["posts/fix.md"], stdinName: nil, fixMode: .fix)
        let change = try XCTUnwrap(outcome.changes.first)
        XCTAssertEqual(
            String(decoding: change.original, as: UTF8.self), "We love the the team in Ghent!! Thank you all.\n")
        XCTAssertEqual(String(decoding: change.fixed, as: UTF8.self), "We love the team in Ghent! Thank you all.\n")
        XCTAssertFalse(
            outcome.reports[0].result?.findings.contains { $0.fix != nil } ?? true, "nothing fixable remains")
    }
}
