import Foundation
import PostcheckCore

/// `postcheck eval --posts DIR…`: the bundled rules on labelled real-style posts, once with no configuration (the
/// bundled default, as an employee without a `.postcheck.yml` gets it) and once with the company configuration the
/// posts were labelled under (`company.postcheck.yml` in the folder; without one, the default policy with
/// `humour: avoid`, so that every guideline is on).
extension Eval {
    struct PostSetRun {
        var folder: String
        var setting: String
        var evaluation: PostEvaluation
    }

    func postRuns(_ folders: [String]) throws -> [PostSetRun] {
        var runs: [PostSetRun] = []
        let loader = ConfigurationLoader(bundledRulesDirectory: BundledRules.directory())
        for folder in folders {
            let posts = try Self.readPosts(folder)
            guard !posts.isEmpty else { fail("no labelled posts in \(folder)") }
            let company = (folder as NSString).appendingPathComponent("company.postcheck.yml")
            let companyConfiguration =
                FileManager.default.fileExists(atPath: company)
                ? try loader.load(path: company)
                : try loader.read(
                    "policy: {humour: avoid}\n", path: (folder as NSString).appendingPathComponent(".postcheck.yml"),
                    displayPath: "(policy humour: avoid)")
            let settings: [(String, Configuration)] = [
                ("no configuration (bundled default)", loader.builtin(baseDirectory: folder)),
                (
                    FileManager.default.fileExists(atPath: company)
                        ? "company configuration (\(company))"
                        : "default policy with humour: avoid", companyConfiguration
                ),
            ]
            for (name, configuration) in settings {
                let linter = try Linter(configuration: configuration)
                runs.append(
                    PostSetRun(folder: folder, setting: name, evaluation: PostEvaluation.run(posts, linter: linter)))
            }
        }
        return runs
    }

    static func readPosts(_ folder: String) throws -> [LabelledPost] {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
            $0.hasSuffix(".tsv") && $0 != "labels.tsv"
        }.sorted()
        let labelsPath = (folder as NSString).appendingPathComponent("labels.tsv")
        let labels = try? String(contentsOfFile: labelsPath, encoding: .utf8)
        var posts: [LabelledPost] = []
        for file in files {
            let path = (folder as NSString).appendingPathComponent(file)
            posts += try LabelledPostReader.read(
                posts: try String(contentsOfFile: path, encoding: .utf8), path: path,
                labels: labels, labelsPath: labelsPath)
        }
        return posts
    }

    func text(_ run: PostSetRun) -> String {
        let evaluation = run.evaluation
        var lines = ["real posts: \(run.folder), \(run.setting)"]
        lines.append("  class    lang  posts  flagged  precision  recall  borderline flagged")
        for measure in evaluation.classes
        where measure.positives > 0 || measure.falsePositives > 0 || measure.borderline > 0 {
            let name = measure.postClass.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            let borderline = measure.borderline == 0 ? "" : "\(measure.borderlineFlagged)/\(measure.borderline)"
            lines.append(
                "  \(name) \(measure.language.padding(toLength: 4, withPad: " ", startingAt: 0))"
                    + " \(pad(measure.positives, 5))  \(pad(measure.truePositives + measure.falsePositives, 7))"
                    + "  \(pad(Self.percent(measure.precision), 9))  \(pad(Self.percent(measure.recall), 6))  \(borderline)"
            )
            if details {
                if !measure.missed.isEmpty { lines.append("      missed: \(measure.missed.joined(separator: " "))") }
                if !measure.falseAlarms.isEmpty {
                    lines.append(
                        "      flagged wrongly: "
                            + measure.falseAlarms.map { id in
                                "\(id) (\(evaluation.flags[id]?.joined(separator: ", ") ?? ""))"
                            }.joined(separator: "; "))
                }
            }
        }
        for summary in evaluation.languages {
            lines.append(
                "  \(summary.language): clean posts with a warning or error \(summary.cleanFlagged.count)/\(summary.cleanPosts)"
                    + " (\(Self.percent(summary.cleanFlaggedShare))), clean mean score \(String(format: "%.1f", summary.cleanMeanScore)),"
                    + " clean passing \(summary.cleanPassing)/\(summary.cleanPosts); breaches judged review or fail"
                    + " \(summary.breachCaught)/\(summary.breachPosts), breach mean score \(String(format: "%.1f", summary.breachMeanScore))"
            )
            if details && !summary.cleanFlagged.isEmpty {
                lines.append(
                    "      clean but flagged: "
                        + summary.cleanFlagged.map { id in
                            "\(id) (\(evaluation.flags[id]?.joined(separator: ", ") ?? ""))"
                        }.joined(separator: "; "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func pad(_ value: some CustomStringConvertible, _ width: Int) -> String {
        let text = value.description
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    static func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "–" }

    static func json(_ run: PostSetRun) -> JSONValue {
        func number(_ value: Double?) -> JSONValue { value.map { .double(($0 * 1000).rounded() / 1000) } ?? .null }
        return .object([
            ("set", .string(run.folder)), ("setting", .string(run.setting)),
            (
                "classes",
                .array(
                    run.evaluation.classes.map { measure in
                        .object([
                            ("class", .string(measure.postClass.rawValue)), ("language", .string(measure.language)),
                            ("positives", .int(measure.positives)), ("truePositives", .int(measure.truePositives)),
                            ("falsePositives", .int(measure.falsePositives)), ("precision", number(measure.precision)),
                            ("recall", number(measure.recall)), ("borderline", .int(measure.borderline)),
                            ("borderlineFlagged", .int(measure.borderlineFlagged)),
                            ("missed", .array(measure.missed.map(JSONValue.string))),
                            ("falseAlarms", .array(measure.falseAlarms.map(JSONValue.string))),
                        ])
                    })
            ),
            (
                "languages",
                .array(
                    run.evaluation.languages.map { summary in
                        .object([
                            ("language", .string(summary.language)), ("cleanPosts", .int(summary.cleanPosts)),
                            ("cleanFlagged", .array(summary.cleanFlagged.map(JSONValue.string))),
                            ("cleanFlaggedShare", number(summary.cleanFlaggedShare)),
                            ("cleanMeanScore", .double((summary.cleanMeanScore * 10).rounded() / 10)),
                            ("cleanPassing", .int(summary.cleanPassing)), ("breachPosts", .int(summary.breachPosts)),
                            ("breachCaught", .int(summary.breachCaught)),
                            ("breachMeanScore", .double((summary.breachMeanScore * 10).rounded() / 10)),
                        ])
                    })
            ),
        ])
    }
}
