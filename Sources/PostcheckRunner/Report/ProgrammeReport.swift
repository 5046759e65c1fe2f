import Foundation
import PostcheckCore

/// What a communication team needs to run an advocacy programme, from the checks of a folder of drafts: which
/// guidelines are broken most and what people actually write, how promotional the content mix is, and how the
/// writers are doing. Authors are private unless the report is asked for a leaderboard (opt-in) or for one author.
public struct ProgrammeReport: Sendable {
    /// Who wrote a draft, when, and what kind of post it is: front matter `author`, `date`, `kind`, else git.
    public struct DraftFacts: Sendable {
        public var author: String?
        /// `YYYY-MM-DD`.
        public var date: String?
        public var kind: String?

        public init(author: String? = nil, date: String? = nil, kind: String? = nil) {
            self.author = author
            self.date = date
            self.kind = kind
        }
    }

    /// One checked draft, as the report counts it.
    public struct Draft: Sendable {
        public let path: String
        public let facts: DraftFacts
        public let verdict: Verdict
        public let score: Int
        /// Findings at warning or above: what a writer has to act on.
        public let findings: [Finding]
        public let findingLines: [Int]
    }

    public struct RuleHealth: Sendable {
        public let rule: String
        public let guideline: String
        public var drafts = 0
        public var findings = 0
        /// What people wrote, by how often (the matched text, lower-cased), most frequent first.
        public var matches: [(text: String, count: Int)] = []
        /// One finding to look at: `path:line`.
        public var example = ""
    }

    public struct GuidelineHealth: Sendable {
        public let guideline: String
        public var drafts = 0
        public var findings = 0
        /// Findings per month (`YYYY-MM`) of the drafts' dates.
        public var byMonth: [(month: String, findings: Int)] = []
        /// With `--history`: findings fixed before publication (in an earlier commit, gone in the last one).
        public var fixedBeforePublication: Int? = nil
    }

    public struct WriterRow: Sendable {
        /// The author (or folder); nil in an anonymous report.
        public let name: String?
        public var drafts = 0
        public var passed = 0
        /// Clean drafts in a row, the latest first.
        public var streak = 0
        /// The guideline this writer's findings fall under most.
        public var toWorkOn: String?
        /// With `--history`: drafts whose first commit passed.
        public var passedFirstTime: Int? = nil
        /// With `--history`: the guideline under which this writer fixed the most findings before publication.
        public var mostImproved: String? = nil
    }

    /// With `--history`: how drafts got to publication, over their commits.
    public struct Journeys: Sendable {
        public var drafts = 0
        public var commits = 0
        public var passedFirstTime = 0
        /// Drafts whose committed versions never passed.
        public var neverPassed = 0
        /// Mean commits until a draft passed, over those that did.
        public var meanRoundsUntilPass = 0.0
        public var fixedBeforePublication = 0
    }

    public let generated: String
    public let since: String?
    public let until: String?
    public let drafts: [Draft]
    public let unchecked: [(path: String, reason: String)]
    public let rules: [RuleHealth]
    public let guidelines: [GuidelineHealth]
    /// Drafts flagged by a promotional rule, overall and per `kind`.
    public let promotional: (flagged: Int, drafts: Int)
    public let promotionalByKind: [(kind: String, flagged: Int, drafts: Int)]
    public let groupedBy: String
    public let writers: [WriterRow]
    public let leaderboard: Bool
    /// Whether authors and dates came from git where front matter did not give them.
    public let history: String
    /// With `--history`.
    public let journeys: Journeys?

    /// Builds the report. `guidelineOf` names a rule's guideline; `by` is `author` or `folder`; without
    /// `leaderboard` the writer rows carry no names, except the one of `author`.
    public init(
        results: [(path: String, result: CheckResult?, error: String?)], facts: [String: DraftFacts],
        guidelineOf: (String) -> Guideline?, since: String?, until: String?, by: String, leaderboard: Bool,
        author: String?, history: String, generated: String, journeys drafted: [String: DraftJourney]? = nil
    ) {
        self.generated = generated
        self.since = since
        self.until = until
        self.groupedBy = by
        self.leaderboard = leaderboard
        self.history = history
        var drafts: [Draft] = []
        var unchecked: [(path: String, reason: String)] = []
        for entry in results {
            let draftFacts = facts[entry.path] ?? DraftFacts()
            if let date = draftFacts.date {
                if let since, date < since { continue }
                if let until, date > until { continue }
            }
            guard let result = entry.result else {
                unchecked.append((entry.path, entry.error ?? "not checked"))
                continue
            }
            let findings = result.findings.filter { $0.severity >= .warning }
            let source = result.draft.original
            drafts.append(
                Draft(
                    path: entry.path, facts: draftFacts, verdict: result.verdict, score: result.score,
                    findings: findings, findingLines: findings.map { source.location(of: $0.range.lowerBound).line }))
        }
        self.drafts = drafts
        self.unchecked = unchecked

        // Guideline health.
        var rules: [String: RuleHealth] = [:]
        var matchCounts: [String: [String: Int]] = [:]
        var groups: [String: GuidelineHealth] = [:]
        var monthly: [String: [String: Int]] = [:]
        for draft in drafts {
            var rulesSeen: Set<String> = []
            var groupsSeen: Set<String> = []
            for (finding, line) in zip(draft.findings, draft.findingLines) {
                let guideline = guidelineOf(finding.ruleID)?.rawValue ?? "other"
                rules[finding.ruleID, default: RuleHealth(rule: finding.ruleID, guideline: guideline)].findings += 1
                if rulesSeen.insert(finding.ruleID).inserted {
                    rules[finding.ruleID]!.drafts += 1
                    if rules[finding.ruleID]!.example.isEmpty {
                        rules[finding.ruleID]!.example = "\(draft.path):\(line)"
                    }
                }
                matchCounts[finding.ruleID, default: [:]][finding.match.lowercased(), default: 0] += 1
                groups[guideline, default: GuidelineHealth(guideline: guideline)].findings += 1
                if groupsSeen.insert(guideline).inserted { groups[guideline]!.drafts += 1 }
                if let month = draft.facts.date.map({ String($0.prefix(7)) }) {
                    monthly[guideline, default: [:]][month, default: 0] += 1
                }
            }
        }
        for (rule, counts) in matchCounts {
            rules[rule]!.matches = counts.map { (text: $0.key, count: $0.value) }
                .sorted { ($1.count, $0.text) < ($0.count, $1.text) }.prefix(5).map { $0 }
        }
        for (guideline, months) in monthly {
            groups[guideline]!.byMonth = months.map { (month: $0.key, findings: $0.value) }.sorted {
                $0.month < $1.month
            }
        }
        if let drafted {
            var journeys = Journeys()
            var rounds: [Int] = []
            for key in groups.keys { groups[key]!.fixedBeforePublication = 0 }
            for draft in drafts {
                guard let journey = drafted[draft.path] else { continue }
                journeys.drafts += 1
                journeys.commits += journey.commits
                if journey.passedFirstTime { journeys.passedFirstTime += 1 }
                if let round = journey.roundsUntilPass { rounds.append(round) } else { journeys.neverPassed += 1 }
                for (rule, count) in journey.fixed {
                    let guideline = guidelineOf(rule)?.rawValue ?? "other"
                    groups[guideline, default: GuidelineHealth(guideline: guideline)].fixedBeforePublication =
                        (groups[guideline]?.fixedBeforePublication ?? 0) + count
                    journeys.fixedBeforePublication += count
                }
            }
            journeys.meanRoundsUntilPass =
                rounds.isEmpty ? 0 : Double(rounds.reduce(0, +)) / Double(rounds.count)
            self.journeys = journeys
        } else {
            self.journeys = nil
        }
        self.rules = rules.values.sorted { ($1.drafts, $1.findings, $0.rule) < ($0.drafts, $0.findings, $1.rule) }
        self.guidelines = groups.values.sorted {
            ($1.drafts, $1.findings, $0.guideline) < ($0.drafts, $0.findings, $1.guideline)
        }

        // Content mix.
        let promotionalPaths = Set(
            drafts.filter { draft in draft.findings.contains { guidelineOf($0.ruleID) == .promotional } }.map(\.path))
        let isPromotional = { (draft: Draft) in promotionalPaths.contains(draft.path) }
        promotional = (promotionalPaths.count, drafts.count)
        var kinds: [String: (flagged: Int, drafts: Int)] = [:]
        for draft in drafts {
            let kind = draft.facts.kind ?? "(no kind)"
            kinds[kind, default: (0, 0)].drafts += 1
            if isPromotional(draft) { kinds[kind]!.flagged += 1 }
        }
        promotionalByKind = kinds.map { (kind: $0.key, flagged: $0.value.flagged, drafts: $0.value.drafts) }
            .sorted { $0.kind < $1.kind }

        // Writers: by author or by folder; names only on a leaderboard, or the one author asked for.
        var byWriter: [String: [Draft]] = [:]
        for draft in drafts {
            let name =
                by == "folder"
                ? ((draft.path as NSString).deletingLastPathComponent.isEmpty
                    ? "." : (draft.path as NSString).deletingLastPathComponent)
                : (draft.facts.author ?? "(unknown)")
            byWriter[name, default: []].append(draft)
        }
        var writers: [(name: String, row: WriterRow)] = []
        for (name, written) in byWriter {
            if let author, name != author { continue }
            let ordered = written.sorted { ($0.facts.date ?? "", $0.path) > ($1.facts.date ?? "", $1.path) }
            var row = WriterRow(name: leaderboard || author != nil ? name : nil)
            row.drafts = written.count
            row.passed = written.filter { $0.verdict == .pass }.count
            row.streak = ordered.prefix { $0.verdict == .pass }.count
            var guidelineCounts: [String: Int] = [:]
            for draft in written {
                for finding in draft.findings {
                    guidelineCounts[guidelineOf(finding.ruleID)?.rawValue ?? "other", default: 0] += 1
                }
            }
            row.toWorkOn = guidelineCounts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.first?.key
            if let drafted {
                let journeys = written.compactMap { drafted[$0.path] }
                row.passedFirstTime = journeys.filter(\.passedFirstTime).count
                var fixedCounts: [String: Int] = [:]
                for journey in journeys {
                    for (rule, count) in journey.fixed {
                        fixedCounts[guidelineOf(rule)?.rawValue ?? "other", default: 0] += count
                    }
                }
                row.mostImproved = fixedCounts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.first?.key
            }
            writers.append((name, row))
        }
        // A leaderboard ranks by share passing first, then by drafts; an anonymous report orders rows the same way,
        // so that nothing but the name is left out.
        writers.sort {
            let left = Double($0.row.passed) / Double(max(1, $0.row.drafts))
            let right = Double($1.row.passed) / Double(max(1, $1.row.drafts))
            return (left, $0.row.drafts, $1.name) > (right, $1.row.drafts, $0.name)
        }
        self.writers = writers.map(\.row)
    }

    public var passed: Int { drafts.filter { $0.verdict == .pass }.count }
    public var review: Int { drafts.filter { $0.verdict == .review }.count }
    public var failed: Int { drafts.filter { $0.verdict == .fail }.count }
    public var meanScore: Double {
        drafts.isEmpty ? 0 : Double(drafts.reduce(0) { $0 + $1.score }) / Double(drafts.count)
    }
}
