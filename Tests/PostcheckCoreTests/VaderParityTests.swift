import Foundation
import XCTest

@testable import PostcheckCore

/// Checks the port of VADER's rules against the reference implementation (vaderSentiment from PyPI) on VADER's
/// four ground-truth sets (../shared/lexicons/vader-ground-truth): the compound scores must correlate at r ≥ 0.99.
final class VaderParityTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared/lexicons")

    func testCompoundScoresMatchTheReference() throws {
        let truth = Self.shared.appendingPathComponent("vader-ground-truth")
        guard FileManager.default.fileExists(atPath: truth.path) else {
            return XCTFail("needs ../shared/lexicons/vader-ground-truth next to the repository")
        }
        let files = ["tweets", "movieReviewSnippets", "nytEditorialSnippets", "amazonReviewSnippets"].map {
            truth.appendingPathComponent("\($0)_GroundTruth.txt")
        }
        // Reference scores from the real vaderSentiment (pip install vaderSentiment).
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", Self.root.appendingPathComponent("scripts/vader-reference.py").path] + files.map(\.path)
        let pipe = Pipe()
        let errors = Pipe()
        process.standardOutput = pipe
        process.standardError = errors
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(
            process.terminationStatus, 0,
            "vaderSentiment is needed (pip install vaderSentiment): \(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))"
        )
        let reference = String(decoding: output, as: UTF8.self).split(separator: "\n").compactMap { Double($0) }

        let lexicon = try LexiconFile.parse(
            String(contentsOf: Self.shared.appendingPathComponent("vader/vader_lexicon.txt"), encoding: .utf8),
            path: "vader_lexicon.txt")
        let emoji = try LexiconFile.parseEmoji(
            String(contentsOf: Self.shared.appendingPathComponent("vader/emoji_utf8_lexicon.txt"), encoding: .utf8),
            path: "emoji")
        let scorer = SentimentScorer(lexicon: lexicon, language: .english, emojiDescriptions: emoji.descriptions)
        var ours: [Double] = []
        for file in files {
            let data = try Data(contentsOf: file)
            for line in String(decoding: data, as: UTF8.self).split(
                omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            {
                let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard parts.count >= 3 else { continue }
                let bytes = Array(parts[2].utf8)
                ours.append(scorer.score(bytes, range: 0..<bytes.count).compound)
            }
        }
        XCTAssertEqual(ours.count, reference.count, "one score per text")
        guard ours.count == reference.count, ours.count > 1000 else { return }
        let r = pearson(ours, reference)
        let exact = zip(ours, reference).filter { abs(($0 * 10000).rounded() / 10000 - $1) < 0.00011 }.count
        print(
            "VADER parity: r = \(String(format: "%.5f", r)) over \(ours.count) texts; \(exact) identical to 4 decimals")
        XCTAssertGreaterThanOrEqual(r, 0.99)
    }

    func testVadersOwnExamples() throws {
        let lexicon = try LexiconFile.parse(
            String(contentsOf: Self.shared.appendingPathComponent("vader/vader_lexicon.txt"), encoding: .utf8),
            path: "l")
        let scorer = SentimentScorer(lexicon: lexicon, language: .english)
        func compound(_ text: String) -> Double {
            let bytes = Array(text.utf8)
            return (scorer.score(bytes, range: 0..<bytes.count).compound * 10000).rounded() / 10000
        }
        // Values printed by vaderSentiment 3.3.2 for the examples in its own source.
        XCTAssertEqual(compound("VADER is smart, handsome, and funny."), 0.8316)
        XCTAssertEqual(compound("VADER is very smart, handsome, and funny."), 0.8545)
        XCTAssertEqual(compound("VADER is VERY SMART, handsome, and FUNNY!!!"), 0.9342)
        XCTAssertEqual(compound("VADER is not smart, handsome, nor funny."), -0.7424)
        XCTAssertEqual(
            compound("The plot was good, but the characters are uncompelling and the dialog is not great."), -0.7042)
        XCTAssertEqual(compound("At least it isn't a horrible book."), 0.431)
        let bytes = Array("Not bad at all".utf8)
        let score = scorer.score(bytes, range: 0..<bytes.count)
        XCTAssertEqual(score.cues.map(\.text), ["bad"])
        XCTAssertEqual(score.cues[0].range, 4..<7)
    }

    private func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        var covariance = 0.0, varianceX = 0.0, varianceY = 0.0
        for (a, b) in zip(x, y) {
            covariance += (a - meanX) * (b - meanY)
            varianceX += (a - meanX) * (a - meanX)
            varianceY += (b - meanY) * (b - meanY)
        }
        return covariance / (varianceX * varianceY).squareRoot()
    }
}
