/// A rule's own example (`tests:` in the rule file), in Vale 3.24's case format where they overlap:
/// `name`, `about`, `input`, `want` (exact findings), `contains`, `absent`; postcheck adds `lang` and `platform`
/// (front matter for the input) and accepts findings written as `line:col` or Vale's `line:col:Rule:message`.
public struct RuleTestCase: Sendable {
    public let name: String
    public let input: String
    public let language: String?
    public let platform: String?
    /// Exact findings expected (nil when the case only uses contains/absent).
    public let want: [String]?
    public let contains: [String]
    public let absent: [String]
    /// Line in the rule file, for failure messages.
    public let line: Int?

    static let keys: Set<String> = [
        "name", "about", "input", "want", "contains", "absent", "lang", "platform", "format",
    ]

    /// The draft text the case describes.
    public var draftText: String {
        var frontMatter: [String] = []
        if let language { frontMatter.append("lang: \(language)") }
        if let platform { frontMatter.append("platform: \(platform)") }
        return frontMatter.isEmpty ? input : "---\n" + frontMatter.joined(separator: "\n") + "\n---\n" + input
    }

    /// Lines in the test's own coordinates (the input's lines, not counting the generated front matter).
    public var lineOffset: Int {
        language == nil && platform == nil ? 0 : 2 + (language == nil ? 0 : 1) + (platform == nil ? 0 : 1)
    }

    public var expectsFinding: Bool { !(want?.isEmpty ?? true) || !contains.isEmpty }

    static func parse(_ fields: YAMLFields) throws(RuleFileError) -> [RuleTestCase] {
        guard let node = fields.node("tests") else { return [] }
        guard case .sequence(let items) = node else {
            throw fields.error(at: node, "'tests' must be a list of cases ({input, want…})")
        }
        var cases: [RuleTestCase] = []
        for (index, item) in items.enumerated() {
            let entry = try YAMLFields(path: fields.path, node: item)
            try entry.rejectUnknownKeys(allowed: keys, context: "a test case")
            guard let input = try entry.string("input") else {
                throw fields.error(at: item, "a test case needs 'input'")
            }
            let want = try entry.stringList("want")
            let contains = try entry.stringList("contains") ?? []
            let absent = try entry.stringList("absent") ?? []
            guard want != nil || !contains.isEmpty || !absent.isEmpty else {
                throw fields.error(at: item, "a test case needs 'want' (use [] for none), 'contains' or 'absent'")
            }
            cases.append(
                RuleTestCase(
                    name: try entry.string("name") ?? "case \(index + 1)", input: input,
                    language: try entry.string("lang"), platform: try entry.string("platform"), want: want,
                    contains: contains, absent: absent, line: item.mark?.line))
        }
        return cases
    }
}

/// Runs rules' own examples.
public enum RuleSelfTest {
    public struct Failure: Sendable, CustomStringConvertible {
        public let ruleID: String
        public let caseName: String
        public let path: String
        public let line: Int?
        public let reason: String

        public var description: String {
            "\(path)\(line.map { ":\($0)" } ?? ""): \(ruleID), \(caseName): \(reason)"
        }
    }

    public struct Report: Sendable {
        public var rules = 0
        public var cases = 0
        public var failures: [Failure] = []
        /// Rules without any `tests`.
        public var untested: [String] = []

        public init() {}
    }

    /// Runs every case of every rule the linter loaded (or of `ruleIDs`). A rule whose cases never produce a
    /// finding is reported: it cannot be shown to match anything.
    public static func run(_ linter: Linter, ruleIDs: Set<String>? = nil) -> Report {
        var report = Report()
        let scratch = MatchScratch()
        for rule in linter.rules where ruleIDs?.contains(rule.header.id) ?? true {
            let header = rule.header
            guard !header.tests.isEmpty else {
                if header.kind != "suppression" && !header.path.isEmpty { report.untested.append(header.id) }
                continue
            }
            report.rules += 1
            var fired = false
            for testCase in header.tests {
                report.cases += 1
                func fail(_ reason: String) {
                    report.failures.append(
                        Failure(
                            ruleID: header.id, caseName: testCase.name, path: header.path,
                            line: testCase.line, reason: reason))
                }
                let draft: Draft
                do {
                    draft = try Draft(path: "case.md", text: testCase.draftText)
                } catch {
                    fail("the input is not a valid draft: \(error)")
                    continue
                }
                let result = linter.check(draft, relativePath: "case.md", scratch: scratch, only: [header.id])
                for error in result.ruleErrors { fail(error.message) }
                let found = result.findings.filter { $0.ruleID == header.id }
                if !found.isEmpty { fired = true }
                let full = found.map { finding -> String in
                    let location = draft.original.location(of: finding.range.lowerBound)
                    return
                        "\(location.line - testCase.lineOffset):\(location.column):\(finding.ruleID):\(finding.message)"
                }
                let short = full.map { $0.split(separator: ":", maxSplits: 2).prefix(2).joined(separator: ":") }
                func has(_ expected: String) -> Bool { full.contains(expected) || short.contains(expected) }
                if let want = testCase.want {
                    let comparable = want.allSatisfy { $0.split(separator: ":").count <= 2 } ? short : full
                    if comparable != want {
                        fail(
                            "want \(want.isEmpty ? "no finding" : want.joined(separator: " | ")), got \(full.isEmpty ? "no finding" : full.joined(separator: " | "))"
                        )
                    }
                }
                for expected in testCase.contains where !has(expected) {
                    fail("missing \(expected); got \(full.isEmpty ? "no finding" : full.joined(separator: " | "))")
                }
                for unexpected in testCase.absent where has(unexpected) {
                    fail("unexpected \(unexpected)")
                }
            }
            if !fired {
                report.failures.append(
                    Failure(
                        ruleID: header.id, caseName: "all cases", path: header.path, line: nil,
                        reason: "the rule fires in none of its examples: it may never match"))
            }
        }
        return report
    }
}
