import Foundation
import PostcheckCore
import XCTest

@testable import PostcheckRunner

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

    /// A report on standard output is written while drafts are checked; it must be byte for byte the report written
    /// at the end, in every format that streams, with more drafts than results may wait at a time, a missing path and
    /// a path given twice.
    func testAStreamedReportIsTheWholeReportAndKeepsOnlyErrors() throws {
        try write(".postcheck.yml", "packs: [postcheck]\nnames: {company: Acme, codenames: [Roadrunner]}\n")
        let drafts = 64 * ProcessInfo.processInfo.activeProcessorCount * 3
        for index in 0..<drafts {
            let text =
                index % 3 == 0
                ? "Project Roadrunner ships on day \(index)!! BUY NOW\n"
                : "A fine day \(index) with the team in Ghent.\n"
            try write("posts/post-\(index).md", text)
        }
        let paths = ["posts", "missing.md", "posts/post-7.md"]
        let whole = session().run(paths: paths, stdinName: nil)
        // Every format that streams, each fed as the run hands reports on and emptied after every report.
        let formats: [(name: String, stream: any ReportStream, reporter: any Reporter)] = [
            ("json", JSONReportStream(reservingCapacity: 16), JSONReporter()),
            ("line", LineReportStream(), LineReporter()),
            ("text", TextReportStream(reporter: TextReporter(color: true)), TextReporter(color: true)),
            (
                "text, quiet", TextReportStream(reporter: TextReporter(color: false, quiet: true)),
                TextReporter(color: false, quiet: true)
            ),
        ]
        final class Collector: @unchecked Sendable {
            var streams: [any ReportStream]
            var bytes: [[UInt8]]
            var paths: [String] = []
            init(_ streams: [any ReportStream]) {
                self.streams = streams
                bytes = Array(repeating: [], count: streams.count)
            }
        }
        let collector = Collector(formats.map(\.stream))
        let streamed = session().run(paths: paths, stdinName: nil) { report in
            collector.paths.append(report.path)
            for index in collector.streams.indices {
                collector.streams[index].add(report)
                collector.bytes[index] += collector.streams[index].takeBytes()
            }
        }
        for (index, format) in formats.enumerated() {
            collector.bytes[index] += collector.streams[index].finish()
            XCTAssertEqual(
                String(decoding: collector.bytes[index], as: UTF8.self),
                String(decoding: format.reporter.renderBytes(RunReport(reports: whole.reports)), as: UTF8.self),
                format.name)
        }

        XCTAssertEqual(whole.reports.count, drafts + 2)
        XCTAssertEqual(collector.paths, whole.reports.map(\.path), "handed on in the report's order")
        XCTAssertEqual(collector.paths.filter { $0 == "posts/post-7.md" }.count, 2)
        XCTAssertEqual(streamed.reports.map(\.path), ["missing.md"], "only the reports with an error are kept")
        XCTAssertEqual(streamed.exitCode, 2)
        XCTAssertEqual(whole.exitCode, 2)
    }

    /// Results set from several threads in any order are handed on in order, one thread at a time, and workers
    /// never run more than the window ahead of the next result to hand on.
    func testOrderedResultsHandsOnInOrderWithinTheWindow() {
        final class Record: @unchecked Sendable {
            let lock = NSLock()
            var handedOn: [Int] = []
            var claimedNotHandedOn = 0
            var mostAhead = 0
            var handingOnAtOnce = 0
            var overlapped = false
        }
        let record = Record()
        let count = 3_000
        let window = 16
        let known = Dictionary(
            uniqueKeysWithValues: [0, 1, 500, 2_999].map {
                ($0, (report: FileReport(path: "known-\($0)", error: "unreadable"), change: CheckSession.Change?.none))
            })
        let results = OrderedResults(count: count, known: known, window: window) { position, result in
            record.lock.lock()
            record.handingOnAtOnce += 1
            if record.handingOnAtOnce > 1 { record.overlapped = true }
            record.handedOn.append(position)
            if known[position] == nil { record.claimedNotHandedOn -= 1 }
            record.lock.unlock()
            XCTAssertEqual(result.report.path, known[position] == nil ? "draft-\(position)" : "known-\(position)")
            record.lock.lock()
            record.handingOnAtOnce -= 1
            record.lock.unlock()
        }
        results.handOnReady()
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            var generator = SystemRandomNumberGenerator()
            while let position = results.claimNext() {
                record.lock.lock()
                record.claimedNotHandedOn += 1
                record.mostAhead = max(record.mostAhead, record.claimedNotHandedOn)
                record.lock.unlock()
                if position % 97 == worker { usleep(UInt32.random(in: 50...500, using: &generator)) }
                let report = FileReport(path: "draft-\(position)", error: "x")
                results.set(position, (report, nil))
            }
        }
        results.handOnReady()
        XCTAssertTrue(results.isComplete)
        XCTAssertEqual(record.handedOn, Array(0..<count))
        XCTAssertFalse(record.overlapped, "one thread at a time")
        // A position counts as handed on here only once its hand-on has begun, one step after the results do.
        XCTAssertLessThanOrEqual(record.mostAhead, window + 1)
        XCTAssertGreaterThan(record.mostAhead, 1, "the workers did run side by side")
    }
}
