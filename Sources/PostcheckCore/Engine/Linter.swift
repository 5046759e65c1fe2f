import Dispatch
import Foundation

/// A verdict on a draft, from its score.
public enum Verdict: String, Sendable, Codable {
    case pass, review, fail
}

/// Something that stopped a rule on one draft (a PCRE2 limit on a runaway pattern).
public struct RuleRunError: Error, Sendable, Hashable, CustomStringConvertible {
    public let ruleID: String
    public let message: String
    /// Set when the rule was not run because its file does not compile (`UncompiledRule`): the same for every draft.
    public var ruleFileError: RuleFileError? = nil
    public var description: String { "rule \(ruleID): \(message)" }
}

/// The outcome of checking one draft.
public struct CheckResult: Sendable {
    public let draft: Draft
    /// Findings at or above the minimum severity, sorted by position then rule.
    public let findings: [Finding]
    public let score: Int
    public let verdict: Verdict
    public let ruleErrors: [RuleRunError]
    /// Nanoseconds spent in each rule (only when the linter was asked to measure).
    public var ruleTimings: [String: UInt64] = [:]
    /// nl, en, fr, de (or whatever the front matter declares), and how it was decided.
    public let language: String?
    public let languageSource: LanguageSource?
    /// The language of the findings' messages (the draft's, or the one asked for).
    public var messageLanguage: String? = nil
}

/// Runs a configuration's rules on drafts. Build once (rules are compiled here), then call `check` from any number
/// of threads, each with its own `MatchScratch`.
public final class Linter: @unchecked Sendable {
    public let configuration: Configuration
    /// Every loaded rule, by id, in id order.
    public let rules: [any CompiledRule]
    private let rulesByPack: [String: [Int]]
    /// Each rule's pack, in `rules` order.
    private let rulePacks: [String]
    /// `activeRules` per set of matching override sections.
    private let activeRulesByOverrides = LockedCache<[Int], [(rule: any CompiledRule, severity: Severity)]>()
    /// The active rules less those for other languages, by override sections and language (`selectRules`).
    private let runnableRules = LockedCache<RunnableRulesKey, RunnableRules>()
    private struct RunnableRulesKey: Hashable {
        let overrides: [Int]
        let language: String
    }
    /// Languages a draft may declare: those the detector and the scorers know, the configured default, and any a
    /// rule is limited to (`languages:`), so that a configuration can add a language for its own packs.
    public let supportedLanguages: Set<String>
    /// Rules whose matches are validated (`specificity` > 0), with their guideline: for `keepingMostSpecific`.
    private let validated: [String: (specificity: Int, guideline: Guideline?)]
    /// One scan for every word-list pattern, built when the work makes it pay (see `SharedScan`).
    private let sharedScan: SharedScan

    /// The day periods are judged on (injectable for tests and `--date`).
    public let day: CalendarDay
    /// Rules left out because they need names the configuration does not give (id, reason).
    public let skippedRules: [SkippedRule]
    /// What is odd in the configuration but not an error (a `.vale.ini` setting for a rule no style defines).
    public let configurationWarnings: [String]
    /// Rule files that do not compile, kept as `UncompiledRule`s (`keepsUncompiledRules`): every check they would
    /// take part in reports them.
    public var uncompiledRules: [UncompiledRule] { rules.compactMap { $0 as? UncompiledRule } }
    /// Measure the time each rule takes (`--timings`).
    public var measuresRules = false
    /// Scan once for all word-list rules (`LiteralPrefilter`); off, each rule scans on its own (same findings).
    public var sharesWordListScan = true
    /// How many patterns the shared word-list scan serves (builds the scan now if it is not built yet).
    public var sharedScanPatternCount: Int { sharedScan.builtNow()?.patternCount ?? 0 }

    /// - Parameter keepsUncompiledRules: a rule file that does not compile costs only its rule, reported as not
    ///   run by every check it would take part in (`UncompiledRule`), instead of failing the whole load.
    public convenience init(
        configuration: Configuration, registry: RuleKindRegistry = .standard, day: CalendarDay = .today,
        keepsUncompiledRules: Bool = false
    )
        throws(RuleFileError)
    {
        let loader = RuleLoader(registry: registry, keepsUncompiledRules: keepsUncompiledRules)
        let context = RuleCompileContext(
            acceptedTerms: configuration.vocabulary.accept,
            wordTemplate: configuration.wordTemplate, variables: configuration.variables)
        var rules: [any CompiledRule] = []
        var skipped: [SkippedRule] = []
        rules += try loader.loadPacks(
            configuration.packDirectories.filter { Self.isReferenced($0.name, in: configuration) }.map {
                (name: $0.name, directory: $0.directory)
            }, context: context, skipped: &skipped)
        rules += try VocabularyRules.make(
            configuration.vocabulary, path: configuration.path ?? "<configuration>",
            context: context)
        try self.init(configuration: configuration, rules: rules, skippedRules: skipped, day: day)
    }

    /// A linter for rules compiled elsewhere (one rule file's text, for instance); the configuration still decides
    /// which of them are on.
    public init(
        configuration: Configuration, rules: [any CompiledRule], skippedRules: [SkippedRule] = [],
        day: CalendarDay = .today
    ) throws(RuleFileError) {
        self.configuration = configuration
        self.day = day
        self.skippedRules = skippedRules
        let rules = rules.sorted { $0.header.id < $1.header.id }
        var byPack: [String: [Int]] = [:]
        for (index, rule) in rules.enumerated() {
            byPack[Self.pack(of: rule.header.id), default: []].append(index)
        }
        self.rules = rules
        self.rulePacks = rules.map { Self.pack(of: $0.header.id) }
        self.rulesByPack = byPack
        var languages = Set(LanguageDetector.supported).union(LanguageRules.languagesWithRules)
        if let fallback = configuration.defaultLanguage { languages.insert(fallback) }
        for rule in rules { languages.formUnion(rule.header.languages ?? []) }
        self.supportedLanguages = languages
        self.validated = Dictionary(
            rules.filter { $0.specificity > 0 }.map { ($0.header.id, ($0.specificity, $0.header.guideline)) }
        ) { a, _ in a }
        self.sharedScan = SharedScan(allPatterns: rules.flatMap(\.literalPatterns))
        self.configurationWarnings = try Self.unknownRuleSettings(
            configuration, known: Set(rules.map(\.header.id)).union(skippedRules.map(\.id)))
    }

    /// A pack is loaded only if some part of the configuration can turn one of its rules on.
    private static func isReferenced(_ pack: String, in configuration: Configuration) -> Bool {
        if configuration.enabledPacks.contains(pack) { return true }
        let settingKeys =
            Array(configuration.rules.keys) + configuration.overrides.flatMap { Array($0.rules.keys) }
            + configuration.periods.flatMap { Array($0.rules.keys) }
        if settingKeys.contains(where: { $0 == pack || $0.hasPrefix(pack + ".") }) { return true }
        return configuration.overrides.contains { $0.packs?.contains(pack) ?? false }
    }

    static func pack(of id: String) -> String {
        String(id.prefix { $0 != "." })
    }

    /// A setting naming a rule that does not exist would silently do nothing; say so instead. In `.postcheck.yml`
    /// it is an error. A `.vale.ini` keeps Vale's meaning, where it is ignored: a warning here, because `.vale.ini`
    /// files written for Vale turn on rules their packages have since dropped (`Microsoft.ComplexWords`).
    private static func unknownRuleSettings(
        _ configuration: Configuration, known: Set<String>
    ) throws(RuleFileError)
        -> [String]
    {
        let packs = Set(configuration.packDirectories.map(\.name)).union(["Vale"])
        let settings =
            Array(configuration.rules.keys) + configuration.overrides.flatMap { Array($0.rules.keys) }
            + configuration.periods.flatMap { Array($0.rules.keys) }
        var warnings: [String] = []
        let path = configuration.path ?? "<configuration>"
        for id in Set(settings).sorted() {
            let isPackSetting = !id.contains(".") && packs.contains(id)
            guard !known.contains(id) && !isPackSetting && Self.pack(of: id) != "Vale" else { continue }
            guard configuration.isVale else {
                throw RuleFileError(
                    path: path, line: nil, column: nil,
                    message: "the configuration sets rule '\(id)', which no loaded pack defines")
            }
            warnings.append("\(path): rule '\(id)' is set, but no loaded style defines it: ignored, as Vale does")
        }
        return warnings
    }

    /// The rules on for a file (path relative to the configuration's folder) with their effective severity. They
    /// depend on the path only through the override sections that match it: worked out once per set of sections
    /// (a folder of one post per file asked the same question for every file).
    public func activeRules(for relativePath: String) -> [(rule: any CompiledRule, severity: Severity)] {
        let matching = configuration.overrides(matching: relativePath)
        if let known = activeRulesByOverrides.value(for: matching) { return known }
        let active = activeRules(overrides: matching)
        activeRulesByOverrides.store(active, for: matching)
        return active
    }

    private func activeRules(overrides matching: [Int]) -> [(rule: any CompiledRule, severity: Severity)] {
        let (packs, settings) = configuration.resolved(overrides: matching, on: day)
        var active: [(any CompiledRule, Severity)] = []
        for (rule, pack) in zip(rules, rulePacks) {
            let id = rule.header.id
            var enabled = packs.contains(pack)
            if pack == "Vale" {
                // Listing terms in `.postcheck.yml` asks for them to be enforced; Vale wants `BasedOnStyles = Vale`.
                let impliedByVocabulary = !configuration.isVale && id != "Vale.Repetition"
                enabled = enabled || impliedByVocabulary
            }
            var severity = rule.header.severity
            for key in [pack, id] {
                switch settings[key] {
                case .off?: enabled = false
                case .on?: enabled = true
                case .level(let level)?:
                    enabled = true
                    severity = level
                case nil: break
                }
            }
            if enabled { active.append((rule, severity)) }
        }
        return active
    }

    /// The draft's language: declared in front matter, else detected from its prose, else the configured default,
    /// else English (`LanguageSource.default`). A draft is never left without a language: rules for a language
    /// would silently not run.
    public func language(of draft: Draft) -> (String, LanguageSource) {
        if let declared = draft.declaredLanguage { return (LanguageDetector.normalize(declared), .declared) }
        if let detected = LanguageDetector.detect(Self.languageSample(draft)).language { return (detected, .detected) }
        if let fallback = configuration.defaultLanguage { return (fallback, .fallback) }
        return (Self.bundledDefaultLanguage, .default)
    }

    /// The language of a draft too short to tell when the configuration names none.
    public static let bundledDefaultLanguage = "en"

    /// What stops `draft` from being checked meaningfully (see `DraftProblem`), if anything. `language` and
    /// `platform` are the request's own, as for `check`. The CLI and the service call this first and fail closed.
    public func problem(
        with draft: Draft, relativePath: String, language languageOverride: String? = nil,
        platform platformOverride: String? = nil
    ) -> DraftProblem? {
        if !draft.source.bytes[draft.bodyRange].contains(where: { !isWhitespaceByte($0) }) {
            return DraftProblem(kind: .empty, message: "nothing to check: the draft is empty")
        }
        let declared = languageOverride ?? draft.declaredLanguage
        if let declared {
            let code = LanguageDetector.normalize(declared)
            guard supportedLanguages.contains(code) else {
                return DraftProblem(
                    kind: .unknownLanguage,
                    message:
                        "unknown language '\(declared)' (supported: \(supportedLanguages.sorted().joined(separator: ", ")))"
                )
            }
        }
        if let platform = platformOverride ?? draft.frontMatter?["platform"]?.stringValue ?? configuration.platform,
            Platform.normalize(platform) == nil
        {
            return DraftProblem(
                kind: .unknownPlatform, message: "unknown platform '\(platform)' (known: \(Platform.knownList))")
        }
        var active = activeRules(for: relativePath)
        // The language matters only when some rule is limited to languages: most drafts skip detecting it here
        // (`check` detects it once more).
        if active.contains(where: { $0.rule.header.languages != nil }) {
            let language = declared.map(LanguageDetector.normalize) ?? self.language(of: draft).0
            active.removeAll { !($0.rule.header.languages?.contains(language) ?? true) }
        }
        if active.isEmpty {
            let source = configuration.path.map { "the configuration \($0)" } ?? "the bundled default"
            return DraftProblem(
                kind: .noRules,
                message:
                    "no rules apply to this draft: \(source) turns on none for it (check 'packs:' and 'rules:'); a gate that runs no rule would pass everything"
            )
        }
        return nil
    }

    /// The start of the prose, enough for the detector's sample (`LanguageDetector.sampleCharacters`), without the
    /// white space and masked stretches (code, URLs, comments) before and between it: 4,000 blank lines or a long
    /// code block before the first sentence must not leave a draft undecided.
    static func languageSample(_ draft: Draft) -> String {
        var sample: [UInt8] = []
        let wanted = LanguageDetector.sampleCharacters * 4
        sample.reserveCapacity(min(wanted, draft.bodyRange.count))
        var pendingSpace = false
        for index in draft.bodyRange {
            let byte = draft.masked[index]
            if isWhitespaceByte(byte) || byte == UInt8(ascii: "*") {
                pendingSpace = !sample.isEmpty
                continue
            }
            // Stop at a character boundary once the sample is long enough.
            if sample.count >= wanted && byte & 0xC0 != 0x80 { break }
            if pendingSpace { sample.append(0x20); pendingSpace = false }
            sample.append(byte)
        }
        return String(decoding: sample, as: UTF8.self)
    }

    /// Checks one draft. `relativePath` selects overrides; `scratch` is this thread's PCRE2 state. With `only`,
    /// just those rules run, at their own severity, whatever the configuration turns on (rule self-tests).
    /// `language` and `platform` stand in for front matter (the HTTP service takes them as request fields).
    /// `alsoEnabled` names loaded rules to run even if the configuration turned them off, at their own severity
    /// (LanguageTool's `enabledRules`: a client may ask for more checks, never for fewer through this).
    ///
    /// The route, one stage each: select the rules → run them → map findings to the file's own offsets (and plan
    /// their fixes) → keep the most specific of overlapping findings → apply suppressions → score and verdict.
    public func check(
        _ draft: Draft, relativePath: String, scratch: MatchScratch, only: Set<String>? = nil,
        alsoEnabled: Set<String> = [],
        language languageOverride: String? = nil, platform platformOverride: String? = nil,
        deadline: UInt64? = nil, messageLanguage messageLanguageOverride: String? = nil
    ) -> CheckResult {
        let (language, languageSource) =
            languageOverride.map { (LanguageDetector.normalize($0), LanguageSource.declared) }
            ?? language(of: draft)
        // Findings speak the draft's language unless the reader asks for another.
        let messageLanguage = messageLanguageOverride.map(LanguageDetector.normalize) ?? language
        let platform = (platformOverride ?? draft.frontMatter?["platform"]?.stringValue ?? configuration.platform)
            .map { Platform.normalize($0) ?? $0.lowercased() }
        let active = selectRules(relativePath: relativePath, only: only, alsoEnabled: alsoEnabled, language: language)
        var run = runRules(
            active, on: draft, platform: platform, scratch: scratch, deadline: deadline,
            messageLanguage: messageLanguage)
        for index in run.findings.indices { draft.mapToOriginal(&run.findings[index]) }
        var findings = keepingMostSpecific(run.findings)
        findings = applySuppressions(SuppressionParser.parse(draft), to: findings, in: draft)
        findings = findings.filter { $0.severity >= configuration.minSeverity }
        findings.sort {
            ($0.range.lowerBound, $0.ruleID, $0.range.upperBound) < (
                $1.range.lowerBound, $1.ruleID, $1.range.upperBound
            )
        }
        let (score, verdict) = scoreAndVerdict(findings, complete: run.errors.isEmpty)
        return CheckResult(
            draft: draft, findings: findings, score: score, verdict: verdict, ruleErrors: run.errors,
            ruleTimings: run.timings, language: language, languageSource: languageSource,
            messageLanguage: messageLanguage)
    }

    /// Stage 1: the rules to run, with their severities: the configuration's for this path (or `only`), plus
    /// `alsoEnabled`, less those limited to other languages.
    func selectRules(
        relativePath: String, only: Set<String>?, alsoEnabled: Set<String>, language: String
    )
        -> RunnableRules
    {
        if only == nil && alsoEnabled.isEmpty {
            // The usual case, the same for every draft in a folder and language: worked out once.
            let key = RunnableRulesKey(overrides: configuration.overrides(matching: relativePath), language: language)
            if let known = runnableRules.value(for: key) { return known }
            let runnable = RunnableRules(
                activeRules(for: relativePath).filter { $0.rule.header.languages?.contains(language) ?? true },
                language: language)
            runnableRules.store(runnable, for: key)
            return runnable
        }
        var selected =
            only.map { ids in rules.filter { ids.contains($0.header.id) }.map { ($0, $0.header.severity) } }
            ?? activeRules(for: relativePath)
        if !alsoEnabled.isEmpty {
            let running = Set(selected.map(\.0.header.id))
            let extra = rules.filter { alsoEnabled.contains($0.header.id) && !running.contains($0.header.id) }
            if !extra.isEmpty {
                // In the loaded order, as the configuration's own rules run.
                let wanted = running.union(extra.map(\.header.id))
                let severities = Dictionary(
                    selected.map { ($0.0.header.id, $0.1) }, uniquingKeysWith: { first, _ in first })
                selected = rules.filter { wanted.contains($0.header.id) }.map {
                    ($0, severities[$0.header.id] ?? $0.header.severity)
                }
            }
        }
        return RunnableRules(
            selected.filter { $0.0.header.languages?.contains(language) ?? true }.map { (rule: $0.0, severity: $0.1) },
            language: language)
    }

    /// What running the rules gave: findings at the NFC copy's offsets, rules that did not finish, time per rule.
    struct RuleRun {
        var findings: [Finding] = []
        var errors: [RuleRunError] = []
        var timings: [String: UInt64] = [:]
    }

    /// Stage 2: runs each rule on the subjects its scope selects, after one shared scan for the word lists. Past
    /// the deadline, the rule running stops in its loop and the rest are not run: each is reported, and the check
    /// fails closed.
    func runRules(
        _ active: RunnableRules, on draft: Draft, platform: String?, scratch: MatchScratch, deadline: UInt64?,
        messageLanguage: String? = nil
    ) -> RuleRun {
        // The draft's language, which chose the rules.
        let language = active.language
        var run = RuleRun()
        let findingsLanguage = messageLanguage ?? language
        var sentenceCache: [Int: [Range<Int>]] = [:]
        // Most rules share a handful of scopes: each scope's subjects are found once per draft.
        var subjectsByScope = [[CheckInput.Subject]?](repeating: nil, count: active.scopes.count)
        let blockParts = draft.blocks.map(\.scopeParts)
        let measure = measuresRules
        // The rules look at the deadline in their loops too (`CheckInput.checkDeadline()`).
        scratch.setDeadline(deadline)
        defer { scratch.setDeadline(nil) }
        draft.masked.withUnsafeBufferPointer { masked in
            draft.source.bytes.withUnsafeBufferPointer { raw in
                // Word-list rules share one scan.
                let scanStarted = measure ? DispatchTime.now().uptimeNanoseconds : 0
                // Only the word lists this draft's rules use in its language: a Dutch post need not be scanned for
                // the English list of the same rule.
                let prefilter =
                    sharesWordListScan
                    ? sharedScan.prefilter(forDraftOfSize: masked.count, rules: active) {
                        active.rules.flatMap { $0.rule.literalPatterns(forLanguage: language) }
                    }
                    : nil
                let candidates = prefilter?.candidates(in: masked)
                let wordIndex = WordIndex(masked)
                // One input per draft, its subjects set per rule: making one per rule copied the draft each time.
                var input = CheckInput(
                    draft: draft, subjects: [], masked: masked, raw: raw, scratch: scratch,
                    language: language, platform: platform, signatures: configuration.signatures,
                    candidates: candidates, wordIndex: wordIndex)
                input.messageLanguage = findingsLanguage
                if measure && prefilter != nil {
                    run.timings["(shared word-list scan)"] = DispatchTime.now().uptimeNanoseconds - scanStarted
                }
                for entry in active.rules {
                    let (rule, severity, header) = (entry.rule, entry.severity, entry.header)
                    if let deadline, DispatchTime.now().uptimeNanoseconds > deadline {
                        run.errors.append(
                            RuleRunError(ruleID: header.id, message: "not run: the check's time limit was reached")
                        )
                        continue
                    }
                    if let error = entry.uncompiledError {
                        run.errors.append(UncompiledRule.runError(ruleID: header.id, error: error))
                        continue
                    }
                    let started = measure ? DispatchTime.now().uptimeNanoseconds : 0
                    defer {
                        if measure {
                            run.timings[header.id, default: 0] += DispatchTime.now().uptimeNanoseconds - started
                        }
                    }
                    let subjects: [CheckInput.Subject]
                    if let cached = subjectsByScope[entry.scopeIndex] {
                        subjects = cached
                    } else {
                        subjects = Self.subjects(
                            for: header.scope, in: draft, blockParts: blockParts, sentences: &sentenceCache)
                        subjectsByScope[entry.scopeIndex] = subjects
                    }
                    guard !subjects.isEmpty else { continue }
                    input.subjects = subjects
                    // The words a kind adds to a message (a count's noun) follow the message: English when the rule
                    // has no text in the findings' language.
                    input.messageLanguage = entry.messageLanguages.contains(findingsLanguage) ? findingsLanguage : "en"
                    do {
                        var found = try rule.check(input)
                        if found.count > 1 {
                            found.sort { $0.range.lowerBound < $1.range.lowerBound }
                            var seen: Set<Int> = []
                            found = found.filter { seen.insert($0.range.lowerBound).inserted }
                        }
                        if let limit = header.limit, found.count > limit { found.removeLast(found.count - limit) }
                        for index in found.indices { found[index].severity = severity }
                        run.findings += found
                    } catch let error as MatchError where error.isTimeLimit {
                        run.errors.append(
                            RuleRunError(
                                ruleID: header.id, message: "not finished: the check's time limit was reached"))
                    } catch {
                        run.errors.append(RuleRunError(ruleID: header.id, message: "\(error)"))
                    }
                }
            }
        }
        return run
    }

    /// Stage 6: the score (100 less each finding's penalty) and the verdict. A rule that did not run (a PCRE2
    /// limit, the time limit) leaves the check incomplete: never a pass.
    func scoreAndVerdict(_ findings: [Finding], complete: Bool) -> (score: Int, verdict: Verdict) {
        let penalty = findings.reduce(0) { $0 + configuration.score.penalty($1.severity) }
        let score = max(0, 100 - penalty)
        let verdict =
            complete
            ? Self.verdict(score: score, findings: findings, scoring: configuration.score, failOn: configuration.failOn)
            : .fail
        return (score, verdict)
    }

    /// The verdict, one rule for the CLI's exit status and the service's `passed` alike (docs/output-formats.md, "Score and
    /// verdict"): `fail` when a finding reaches the configuration's `fail-on` level (an error always does, so a leaked
    /// account number or code name fails whatever the score) or when the score is below `score.fail`; `review` when
    /// a warning remains or the score is below `score.pass`; else `pass`.
    static func verdict(score: Int, findings: [Finding], scoring: ScorePolicy, failOn: Severity) -> Verdict {
        if findings.contains(where: { $0.severity >= failOn }) || score < scoring.failBelow { return .fail }
        if findings.contains(where: { $0.severity >= .warning }) || score < scoring.passAt { return .review }
        return .pass
    }

    /// One finding per span: a validated finding (a phone number) that overlaps a more specific one of the same
    /// guideline (an IBAN, whose checksum holds) says nothing more, and is dropped.
    private func keepingMostSpecific(_ findings: [Finding]) -> [Finding] {
        let specific = findings.filter { (validated[$0.ruleID]?.specificity ?? 0) > 1 }
        guard !specific.isEmpty else { return findings }
        return findings.filter { finding in
            guard let own = validated[finding.ruleID] else { return true }
            return !specific.contains { other in
                let theirs = validated[other.ruleID]!
                return theirs.specificity > own.specificity && theirs.guideline == own.guideline
                    && other.range.overlaps(finding.range)
            }
        }
    }

    /// Drops suppressed findings and reports suppressions that silenced nothing or name no loaded rule.
    private func applySuppressions(_ suppressions: [Suppression], to findings: [Finding], in draft: Draft) -> [Finding]
    {
        guard !suppressions.isEmpty else { return findings }
        var used = Set<Int>()
        var kept: [Finding] = []
        for finding in findings {
            let silencing = suppressions.indices.filter {
                suppressions[$0].covers(finding.ruleID, at: finding.range.lowerBound)
            }
            if silencing.isEmpty { kept.append(finding) } else { used.formUnion(silencing) }
        }
        let known = Set(rules.map(\.header.id))
        let packs = Set(rules.map { Self.pack(of: $0.header.id) })
        var reportedDirectives = Set<Range<Int>>()
        for (index, suppression) in suppressions.enumerated() {
            let unknown = suppression.selectors.filter { $0 != "*" && !known.contains($0) && !packs.contains($0) }
            let match = draft.original.string(suppression.directive)
            for selector in unknown {
                let header = BuiltinRules.header(BuiltinRules.unknownRule)!
                kept.append(
                    Finding(
                        ruleID: header.id, severity: header.severity,
                        message: formatMessage(header.message, [selector]),
                        range: suppression.directive, match: match, description: header.description))
            }
            guard unknown.isEmpty, !used.contains(index), reportedDirectives.insert(suppression.directive).inserted
            else { continue }
            // A comment that disabled several rules is stale only if none of them was needed.
            let siblings = suppressions.indices.filter { suppressions[$0].directive == suppression.directive }
            guard siblings.allSatisfy({ !used.contains($0) }) else { continue }
            let header = BuiltinRules.header(BuiltinRules.unusedSuppression)!
            var finding = Finding(
                ruleID: header.id, severity: header.severity, message: header.message,
                range: suppression.directive, match: match, suggestions: [""], description: header.description)
            // Removing a stale comment is safe; a front matter entry is left to the writer.
            if match.hasPrefix("<!--") { finding.fix = Fix.planned(for: finding, in: draft.original) }
            kept.append(finding)
        }
        return kept
    }

    static func subjects(
        for scope: ScopeSelector, in draft: Draft, blockParts: [Set<String>],
        sentences cache: inout [Int: [Range<Int>]]
    ) -> [CheckInput.Subject] {
        var subjects: [CheckInput.Subject] = []
        if scope.includesRaw { subjects.append(.init(range: 0..<draft.source.bytes.count, raw: true)) }
        if scope.includesSummary { subjects.append(.init(range: draft.bodyRange, raw: false)) }
        for (index, block) in draft.blocks.enumerated() {
            let parts = blockParts[index]
            if scope.matches(parts, sentence: false) { subjects.append(.init(range: block.range, raw: false)) }
            if scope.includesSentences && scope.matches(parts, sentence: true) {
                if cache[index] == nil {
                    cache[index] = SentenceSplitter.sentences(in: draft.masked, range: block.range)
                }
                subjects += cache[index]!.map { .init(range: $0, raw: false) }
            }
        }
        return subjects
    }
}

/// The rules that drafts of one kind run (those of one set of override sections, in one language), worked out once
/// for all such drafts, with what every check of them reads per rule.
final class RunnableRules: @unchecked Sendable {
    /// One rule to run, with what the check reads of it for every draft: through `any CompiledRule`, each read of
    /// `header` was a call and a copy, for every rule of every draft.
    final class Entry: Sendable {
        let rule: any CompiledRule
        let severity: Severity
        let header: RuleHeader
        let uncompiledError: RuleFileError?
        /// The rule's scope, as a position in `RunnableRules.scopes`.
        let scopeIndex: Int
        /// The languages the rule's message has (none for a plain message): a few short strings to compare, where
        /// a dictionary lookup hashed the language for every rule of every draft.
        let messageLanguages: [String]

        init(rule: any CompiledRule, severity: Severity, scopeIndex: Int) {
            self.rule = rule
            self.severity = severity
            self.header = rule.header
            self.uncompiledError = rule.uncompiledError
            self.scopeIndex = scopeIndex
            self.messageLanguages = header.messages.byLanguage.keys.sorted()
        }
    }

    let rules: [Entry]
    let language: String
    /// The scopes of the rules, each once: a draft's subjects are found per scope, and most rules share a few.
    let scopes: [ScopeSelector]
    /// The shared word-list scan for these rules, once built (`SharedScan` sets it, under its lock).
    var scan: LiteralPrefilter??

    init(_ rules: [(rule: any CompiledRule, severity: Severity)], language: String) {
        var scopes: [ScopeSelector] = []
        var scopeIndex: [ScopeSelector: Int] = [:]
        self.rules = rules.map { rule, severity in
            let scope = rule.header.scope
            let index =
                scopeIndex[scope]
                ?? {
                    scopes.append(scope)
                    scopeIndex[scope] = scopes.count - 1
                    return scopes.count - 1
                }()
            return Entry(rule: rule, severity: severity, scopeIndex: index)
        }
        self.scopes = scopes
        self.language = language
    }
}

/// Builds the shared word-list scan once it pays: compiling it costs a few milliseconds, which one short draft
/// (an editor or a commit hook) would only wait for, while a large draft or a run over many is much faster with it.
final class SharedScan: @unchecked Sendable {
    /// Every literal pattern of every rule (what `Linter.sharedScanPatternCount` reports).
    private let allPatterns: [RegexPattern]
    private let lock = NSLock()
    /// One scan per set of patterns (the rules and languages of the drafts seen), built when first needed.
    private var prefilters: [[ObjectIdentifier]: LiteralPrefilter?] = [:]
    /// The scan by the language and active rules it was built for.
    private var byActiveRules: [ActiveRules: LiteralPrefilter?] = [:]
    private var draftsChecked = 0
    private var worthBuilding = false
    static let worthwhileDraftSize = 32 * 1024
    static let worthwhileDraftCount = 8

    init(allPatterns: [RegexPattern]) { self.allPatterns = allPatterns }

    /// The scan for `patterns` (the active rules' patterns in the draft's language), once scanning pays. The
    /// patterns follow from the language and the active rules (`RuleHeader.identity`), by which the scan is looked
    /// up: listing the patterns of 70 rules for every post of a large run cost about as much as scanning the post.
    func prefilter(
        forDraftOfSize size: Int, rules: RunnableRules, patterns: () -> [RegexPattern]
    ) -> LiteralPrefilter? {
        lock.lock()
        defer { lock.unlock() }
        draftsChecked += 1
        worthBuilding = worthBuilding || size >= Self.worthwhileDraftSize || draftsChecked > Self.worthwhileDraftCount
        guard worthBuilding else { return nil }
        // Kept on the rules' plan, which the linter keeps for every draft of its kind: no key to hash per draft.
        if let known = rules.scan { return known }
        let key = ActiveRules(language: rules.language, rules: rules.rules.map(\.header.identity))
        let built = byActiveRules[key] ?? buildLocked(patterns())
        byActiveRules[key] = .some(built)
        rules.scan = .some(built)
        return built
    }

    private struct ActiveRules: Hashable {
        let language: String?
        let rules: [ObjectIdentifier]
    }

    /// The scan of every pattern, built now if it is not yet.
    func builtNow() -> LiteralPrefilter? {
        lock.lock()
        defer { lock.unlock() }
        return buildLocked(allPatterns)
    }

    private func buildLocked(_ patterns: [RegexPattern]) -> LiteralPrefilter? {
        let key = patterns.map(ObjectIdentifier.init)
        if let built = prefilters[key] { return built }
        let prefilter = LiteralPrefilter(patterns: patterns)
        prefilters[key] = .some(prefilter)
        return prefilter
    }
}

/// A dictionary shared by the threads checking drafts, behind a lock.
final class LockedCache<Key: Hashable, Value>: @unchecked Sendable {
    private var values: [Key: Value] = [:]
    private let lock = NSLock()

    func value(for key: Key) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return values[key]
    }

    func store(_ value: Value, for key: Key) {
        lock.lock()
        values[key] = value
        lock.unlock()
    }
}
