import ArgumentParser
import Foundation
import PostcheckCore
import PostcheckRunner

/// Options shared by the commands that look at rules rather than drafts.
struct RuleOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file instead of the one found from the working folder.")
    var config: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: RuleListFormat = .text

    func session() -> CheckSession {
        CheckSession(configPath: config, bundledRules: BundledRules.directory(), failOn: nil, minSeverity: nil)
    }
}

enum RuleListFormat: String, ExpressibleByArgument {
    case text, json
}

/// `postcheck test [PACK…]`: runs the rules' own examples.
struct TestRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the examples (`tests:`) in rule files and report failures and rules that never fire.",
        discussion:
            "PACK is a pack folder or a bundled pack name; without one, the packs of the configuration that applies here. Names ({{competitors}}…) come from that configuration."
    )

    @Argument(help: "Pack folders or bundled pack names.")
    var packs: [String] = []

    @OptionGroup var options: RuleOptions

    func run() throws {
        let session = options.session()
        let linters: [Linter]
        do {
            linters = try session.selfTestLinters(forPacks: packs)
        } catch {
            fail("\(error)")
        }
        // A rule is tested in the linter of its own pack (with that pack's example names, if it has some).
        var report = RuleSelfTest.Report()
        var tested: Set<String> = []
        var skippedRules: [SkippedRule] = []
        for linter in linters {
            let ids = Set(linter.rules.map(\.header.id).filter { !$0.hasPrefix("Vale.") && !tested.contains($0) })
            let part = RuleSelfTest.run(linter, ruleIDs: ids)
            tested.formUnion(ids)
            report.rules += part.rules
            report.cases += part.cases
            report.failures += part.failures
            report.untested += part.untested
            skippedRules += linter.skippedRules.filter { skipped in !skippedRules.contains { $0.id == skipped.id } }
        }
        skippedRules.removeAll { tested.contains($0.id) }
        let skippedJSON: [JSONValue] = skippedRules.map { skipped in
            JSONValue.object([("rule", .string(skipped.id)), ("reason", .string(skipped.reason))])
        }
        switch options.format {
        case .json:
            let value = JSONValue.object([
                ("rules", .int(report.rules)), ("cases", .int(report.cases)),
                ("passed", .bool(report.failures.isEmpty)),
                (
                    "failures",
                    .array(
                        report.failures.map {
                            .object([
                                ("rule", .string($0.ruleID)), ("case", .string($0.caseName)),
                                ("path", .string($0.path)),
                                ("line", $0.line.map(JSONValue.int) ?? .null), ("reason", .string($0.reason)),
                            ])
                        })
                ),
                ("untested", .array(report.untested.map(JSONValue.string))),
                ("skipped", .array(skippedJSON)),
            ])
            print(value.serialized())
        case .text:
            for failure in report.failures { print("FAIL \(failure)") }
            for id in report.untested { print("untested \(id): the rule has no tests") }
            for skipped in skippedRules { print("skipped \(skipped.id): \(skipped.reason)") }
            print(
                "\(report.rules) rules, \(report.cases) cases: \(report.failures.count) failed, \(report.untested.count) untested, \(skippedRules.count) skipped."
            )
        }
        if !report.failures.isEmpty { throw ExitCode(1) }
    }
}

/// `postcheck explain RULE`.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a rule: what it checks, the guideline behind it, its severity, link and examples.")

    @Argument(help: "Rule id, e.g. postcheck.Disclosure.")
    var rule: String

    @OptionGroup var options: RuleOptions

    func run() throws {
        let session = options.session()
        var found: RuleHeader? = nil
        for packs in [[], ["postcheck"]] {
            if let linter = try? session.linter(forPacks: packs),
                let match = linter.rules.first(where: { $0.header.id == rule })
            {
                found = match.header
                break
            }
        }
        guard let header = found else { fail("no rule '\(rule)' in the configuration's packs or the bundled packs") }
        if options.format == .json {
            print(
                JSONValue.object([
                    ("id", .string(header.id)), ("kind", .string(header.kind)),
                    ("severity", .string(header.severity.rawValue)),
                    ("summary", .string(header.summary)), ("description", .string(header.description)),
                    ("link", header.link.map(JSONValue.string) ?? .null), ("path", .string(header.path)),
                    ("message", .string(header.message)),
                    (
                        "messages",
                        .object(header.messages.languages.sorted().map { ($0, .string(header.message(for: $0))) })
                    ),
                    ("details", header.details.map { .string($0.fallback) } ?? .null),
                    ("scope", .array(header.scope.source.map(JSONValue.string))),
                    ("languages", header.languages.map { .array($0.sorted().map(JSONValue.string)) } ?? .null),
                    (
                        "examples",
                        .array(
                            header.tests.map { test in
                                .object([
                                    ("input", .string(test.input)),
                                    ("lang", test.language.map(JSONValue.string) ?? .null),
                                    ("flagged", .bool(test.expectsFinding)),
                                ])
                            })
                    ),
                ]).serialized())
            return
        }
        var out = "\(header.id) (\(header.kind), \(header.severity.rawValue))\n\n"
        out += (header.description.isEmpty ? header.summary : header.description) + "\n"
        if let details = header.details { out += "\nDetails: \(details.fallback)\n" }
        if let link = header.link { out += "\nGuideline: \(link)\n" }
        out += "Message: \(header.message)\n"
        for language in header.messages.languages.sorted() where language != "en" {
            out += "Message (\(language)): \(header.message(for: language))\n"
        }
        out += "Scope: \(header.scope.source.joined(separator: ", "))\n"
        if let languages = header.languages { out += "Languages: \(languages.sorted().joined(separator: ", "))\n" }
        out += "Defined in: \(header.path)\n"
        if !header.tests.isEmpty {
            out += "\nExamples:\n"
            for test in header.tests {
                let mark = test.expectsFinding ? "✗ flagged" : "✓ fine   "
                let language = test.language.map { "[\($0)] " } ?? ""
                out += "  \(mark)  \(language)\(test.input.replacingOccurrences(of: "\n", with: " ⏎ "))\n"
            }
        }
        print(out, terminator: "")
    }
}

/// `postcheck rules [PATH]`.
struct ListRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "List the rules that apply to a path (default: a draft in the working folder).")

    @Argument(help: "A draft's path (selects the configuration and overrides).")
    var path: String = "draft.md"

    @OptionGroup var options: RuleOptions

    func run() throws {
        let session = options.session()
        let linter: Linter
        let relative: String
        do {
            (linter, relative) = try session.linterAndRelativePath(for: path)
        } catch {
            fail("\(error)")
        }
        let active = linter.activeRules(for: relative)
        if options.format == .json {
            print(
                JSONValue.object([
                    ("path", .string(path)),
                    (
                        "rules",
                        .array(
                            active.map {
                                .object([
                                    ("id", .string($0.rule.header.id)), ("kind", .string($0.rule.header.kind)),
                                    ("severity", .string($0.severity.rawValue)),
                                    ("summary", .string($0.rule.header.summary)),
                                ])
                            })
                    ),
                    (
                        "skipped",
                        .array(
                            linter.skippedRules.map {
                                .object([("rule", .string($0.id)), ("reason", .string($0.reason))])
                            })
                    ),
                ]).serialized())
            return
        }
        let width = active.map(\.rule.header.id.count).max() ?? 0
        for (rule, severity) in active {
            let id = rule.header.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let level = severity.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
            print("\(id)  \(level)  \(rule.header.summary)")
        }
        for skipped in linter.skippedRules { print("(skipped \(skipped.id): \(skipped.reason))") }
    }
}
