import Foundation
import XCTest

@testable import PostcheckCore

/// The bundled rules on the real-style posts of `Fixtures/posts` (nl, en, fr; see its README) and on the English real
/// posts of `../shared/eval/posts`, with no configuration and with the company configuration the posts were labelled
/// under. The figures are in EVALUATION.md (`postcheck eval --posts …`); these are floors: a drop fails.
final class RealPostFloorTests: XCTestCase {
    static let corpus = repositoryRoot.appendingPathComponent("Fixtures/posts")

    func corpusPosts() throws -> [LabelledPost] {
        var posts: [LabelledPost] = []
        for language in ["nl", "en", "fr"] {
            let url = Self.corpus.appendingPathComponent("\(language).tsv")
            posts += try LabelledPostReader.read(posts: try String(contentsOf: url, encoding: .utf8), path: url.path)
        }
        return posts
    }

    func evaluations() throws -> [(setting: String, evaluation: PostEvaluation)] {
        let posts = try corpusPosts()
        let company = try String(
            contentsOf: Self.corpus.appendingPathComponent("company.postcheck.yml"), encoding: .utf8)
        return [
            ("no configuration", PostEvaluation.run(posts, linter: try bundledLinter(folder: Self.corpus))),
            (
                "company configuration",
                PostEvaluation.run(posts, linter: try bundledLinter(configuration: company, folder: Self.corpus))
            ),
        ]
    }

    func testTheCorpusHasAHundredPostsPerLanguageAndEveryClass() throws {
        let posts = try corpusPosts()
        for language in ["nl", "en", "fr"] {
            let own = posts.filter { $0.language == language }
            XCTAssertGreaterThanOrEqual(own.count, 100, language)
            for postClass in PostClass.allCases {
                XCTAssertTrue(
                    own.contains { $0.labels.contains(postClass) }, "\(language) has no \(postClass.rawValue) post")
            }
        }
    }

    /// Clean posts: at most 5% get a warning or an error, every one scores 90 or more, and 95% pass.
    func testCleanPostsAreLeftAlone() throws {
        for (setting, evaluation) in try evaluations() {
            for summary in evaluation.languages {
                let context = "\(setting), \(summary.language): flagged \(summary.cleanFlagged)"
                XCTAssertGreaterThanOrEqual(summary.cleanPosts, 50, context)
                XCTAssertLessThanOrEqual(summary.cleanFlaggedShare, 0.05, context)
                XCTAssertGreaterThanOrEqual(summary.cleanMeanScore, 97, context)
                XCTAssertGreaterThanOrEqual(Double(summary.cleanPassing) / Double(summary.cleanPosts), 0.95, context)
            }
        }
    }

    /// Each guideline class: recall at least 0.6 at precision at least 0.7, in each language, with the company
    /// configuration (competitors, brands and humour need it); without one, the classes that need no names.
    func testEachClassIsFoundAtThePrecisionTarget() throws {
        let all = try evaluations()
        let targets: [(setting: String, classes: [PostClass])] = [
            ("company configuration", [.comp, .humour, .promo, .neg, .undisc, .pii, .conf, .length]),
            ("no configuration", [.promo, .neg, .pii, .length]),
        ]
        for (setting, classes) in targets {
            let evaluation = all.first { $0.setting == setting }!.evaluation
            for postClass in classes {
                for language in ["nl", "en", "fr"] {
                    guard let measure = evaluation.measure(postClass, language) else {
                        XCTFail("\(setting): no \(postClass.rawValue) posts in \(language)")
                        continue
                    }
                    let context =
                        "\(setting), \(postClass.rawValue) \(language): missed \(measure.missed), wrongly \(measure.falseAlarms)"
                    XCTAssertGreaterThanOrEqual(measure.recall ?? 0, 0.6, context)
                    XCTAssertGreaterThanOrEqual(measure.precision ?? 0, 0.7, context)
                }
            }
        }
    }

    /// Personal data stays where it is: every IBAN, card, phone and e-mail found, none invented.
    func testPersonalDataIsFoundAndNeverInvented() throws {
        for (setting, evaluation) in try evaluations() {
            for language in ["nl", "en", "fr"] {
                let measure = try XCTUnwrap(evaluation.measure(.pii, language))
                XCTAssertEqual(measure.recall, 1, "\(setting) \(language): missed \(measure.missed)")
                XCTAssertEqual(measure.precision, 1, "\(setting) \(language): wrongly \(measure.falseAlarms)")
            }
        }
    }

    /// Clear breaches are judged "review" or "fail" (not "pass") with the company configuration.
    func testBreachesDoNotPass() throws {
        let evaluation = try evaluations().first { $0.setting == "company configuration" }!.evaluation
        for summary in evaluation.languages {
            XCTAssertGreaterThanOrEqual(
                Double(summary.breachCaught) / Double(summary.breachPosts), 0.85, summary.language)
            XCTAssertLessThanOrEqual(summary.breachMeanScore, 85, summary.language)
        }
    }

    /// The real English posts of ../shared/eval/posts (finance and consumer tweets): the false alarms on clean
    /// posts and the tone class, held at what this version reaches.
    func testSharedRealPosts() throws {
        let folder = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/eval/posts")
        guard FileManager.default.fileExists(atPath: folder.path) else {
            return XCTFail("needs ../shared/eval/posts next to the repository (not found at \(folder.path))")
        }
        let posts = try LabelledPostReader.read(
            posts: try String(contentsOf: folder.appendingPathComponent("posts.tsv"), encoding: .utf8),
            path: "posts.tsv",
            labels: try String(contentsOf: folder.appendingPathComponent("labels.tsv"), encoding: .utf8))
        XCTAssertEqual(posts.count, 170)
        for configuration in [nil, "policy: {humour: avoid}\n"] {
            let evaluation = PostEvaluation.run(
                posts, linter: try bundledLinter(configuration: configuration, folder: folder))
            let english = try XCTUnwrap(evaluation.summary("en"))
            XCTAssertLessThanOrEqual(english.cleanFlaggedShare, 0.05, "flagged: \(english.cleanFlagged)")
            let tone = try XCTUnwrap(evaluation.measure(.neg, "en"))
            XCTAssertGreaterThanOrEqual(tone.recall ?? 0, 0.8)
            XCTAssertGreaterThanOrEqual(tone.precision ?? 0, 0.8)
        }
    }
}
