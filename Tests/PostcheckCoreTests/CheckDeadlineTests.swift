import Dispatch
import Foundation
import XCTest

@testable import PostcheckCore

/// The check's deadline is looked at inside each rule's loops, not only between rules: one rule on a long draft
/// must not run far past it (the service's `--check-timeout`).
final class CheckDeadlineTests: XCTestCase {
    /// A long draft with every kind of block a scope can select, in the given language.
    private func longDraft(_ language: String) throws -> Draft {
        let sentence =
            [
                "nl":
                    "Ons team in Gent lanceert vandaag Brightlane Pay, veel sneller dan Northwind, 100% gratis!!! LOL.",
                "fr":
                    "Notre équipe à Lyon lance Brightlane Pay aujourd'hui, bien plus rapide que Northwind, 100% gratuit !!! MDR.",
            ][language]
            ?? "Our team in Ghent launches Brightlane Pay today, much faster than Northwind, 100% free!!! LOL."
        var text = "# \(sentence)\n\n"
        for _ in 0..<40 {
            text += String(repeating: sentence + " ", count: 5) + "\n\n- \(sentence)\n\n> \(sentence)\n\n"
        }
        text +=
            "Call +32 470 12 34 56 or mail jan@brightlane.be, IBAN BE71 0961 2345 6769. #ad @northwind https://example.com\n"
        return try Draft(path: "post.md", text: text, format: .markdown)
    }

    /// Every bundled rule that loops over its subjects stops with the time limit when the deadline has passed;
    /// without a deadline the same rule runs to its end.
    func testEveryBundledRuleStopsInItsLoopsOnceTheDeadlineHasPassed() throws {
        let linter = try bundledLinter(configuration: companyConfiguration)
        var stopped: [String] = []
        var notStopped: [String] = []
        for rule in linter.rules {
            let language = rule.header.languages?.sorted().first ?? "en"
            let draft = try longDraft(language)
            var cache: [Int: [Range<Int>]] = [:]
            let subjects = Linter.subjects(
                for: rule.header.scope, in: draft, blockParts: draft.blocks.map(\.scopeParts),
                sentences: &cache)
            let scratch = MatchScratch()
            func run() throws(MatchError) -> [Finding] {
                try draft.masked.withUnsafeBufferPointer { masked throws(MatchError) in
                    try draft.source.bytes.withUnsafeBufferPointer { raw throws(MatchError) in
                        try rule.check(
                            CheckInput(
                                draft: draft, subjects: subjects, masked: masked, raw: raw, scratch: scratch,
                                language: language, platform: "x"))
                    }
                }
            }
            XCTAssertNoThrow(try run(), "\(rule.header.id) runs to its end without a deadline")
            scratch.setDeadline(1)  // one nanosecond after boot: long past
            do {
                _ = try run()
                notStopped.append(rule.header.id)
            } catch {
                XCTAssertTrue(error.isTimeLimit, "\(rule.header.id): \(error)")
                stopped.append(rule.header.id)
            }
        }
        // Only length and metric rules may go on: they count the whole draft once, in linear time (those counting
        // mentions or hashtags with a pattern stop in its loop).
        let kindsWithoutLoops: Set<String> = ["length", "metric"]
        let loopless = Set(linter.rules.filter { kindsWithoutLoops.contains(ruleKind(of: $0)) }.map(\.header.id))
        XCTAssertTrue(Set(notStopped).isSubset(of: loopless), "rules that went on past the deadline: \(notStopped)")
        XCTAssertGreaterThan(stopped.count, 20)
    }

    private func ruleKind(of rule: any CompiledRule) -> String {
        switch rule {
        case is LengthRule: "length"
        case is MetricRule: "metric"
        default: "other"
        }
    }

    /// A rule that runs past the deadline is reported "not finished" and the check fails; the rules after it are
    /// "not run". (The slow rule sleeps 10 ms per subject; the deadline is 100 ms away: it passes during the rule.)
    func testARuleStoppedByTheDeadlineLeavesTheCheckIncomplete() throws {
        let slow = try SlowRule(
            header: compileRule("extends: existence\nmessage: m\ntokens: [x]", id: "test.A.Slow").header)
        let after = try compileRule("extends: existence\nmessage: m\ntokens: [never]", id: "test.B.After")
        let linter = try Linter(
            configuration: Configuration(source: .builtin, baseDirectory: "/"), rules: [slow, after])
        let draft = try Draft(
            path: "post.md", text: String(repeating: "A short paragraph.\n\n", count: 1000), format: .markdown)
        let deadline = DispatchTime.now().uptimeNanoseconds + 100_000_000
        let result = linter.check(
            draft, relativePath: "post.md", scratch: MatchScratch(), only: ["test.A.Slow", "test.B.After"],
            language: "en", deadline: deadline)
        XCTAssertEqual(result.verdict, .fail)
        XCTAssertEqual(result.ruleErrors.map(\.ruleID), ["test.A.Slow", "test.B.After"])
        XCTAssertEqual(
            result.ruleErrors.map(\.message),
            ["not finished: the check's time limit was reached", "not run: the check's time limit was reached"])
    }

    private struct SlowRule: CompiledRule {
        let header: RuleHeader
        func check(_ input: CheckInput) throws(MatchError) -> [Finding] {
            for _ in input.subjects {
                try input.checkDeadline()
                usleep(10_000)
            }
            return []
        }
    }
}
