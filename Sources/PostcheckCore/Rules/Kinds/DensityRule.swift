/// `extends: density` (postcheck) — weighted cues (calls to action, prices, superlatives, links, hashtags, emoji,
/// exclamation marks…) per 100 words of the scope; flags a scope above `max`, once it has at least `minwords`.
///
/// ```yaml
/// extends: density
/// message: "Reads like an ad: %s promotional cues per 100 words (max %s): %s."
/// max: 8
/// minwords: 15
/// ignorecase: true
/// cues:
///   en: [{pattern: '\b(?:buy|order|shop) now\b', weight: 3, label: call to action}, '\bfree\b']
///   nl: ['\bkoop nu\b', '\bgratis\b']
/// ```
struct DensityRule: RuleKind, CompiledRule {
    static let name = "density"
    static let keys: Set<String> = ["cues", "max", "minwords", "ignorecase"]

    let header: RuleHeader
    let cues: [String: [Cue]]
    let maximum: Double
    let minimumWords: Int

    static func compile(header: RuleHeader, fields: YAMLFields, context: RuleCompileContext) throws(RuleFileError)
        -> any CompiledRule
    {
        var options: RegexOptions = []
        if try fields.bool("ignorecase") ?? false { options.insert(.caseInsensitive) }
        guard let cues = try fields.cues("cues", options: options), cues.values.contains(where: { !$0.isEmpty }) else {
            throw fields.error(at: nil, "a density rule needs 'cues'")
        }
        guard let maximum = try fields.double("max") else { throw fields.error(at: nil, "a density rule needs 'max' (cues per 100 words)") }
        guard maximum >= 0 else { throw fields.error(key: "max", "'max' must not be negative") }
        let minimumWords = try fields.int("minwords") ?? 10
        guard minimumWords >= 0 else { throw fields.error(key: "minwords", "'minwords' must not be negative") }
        let scoped = fields.has("scope") ? header : header.withScope(try! ScopeSelector(["summary"]))
        return DensityRule(header: scoped, cues: cues, maximum: maximum, minimumWords: minimumWords)
    }

    /// Cues that start with known words join the linter's shared scan.
    var literalPatterns: [RegexPattern] { cues.values.flatMap { $0.map(\.pattern) }.filter { $0.startTexts != nil } }

    /// The cues `check` uses for the language.
    func literalPatterns(forLanguage language: String?) -> [RegexPattern] {
        ((cues["*"] ?? []) + (language.flatMap { cues[$0] } ?? [])).map(\.pattern).filter { $0.startTexts != nil }
    }

    func check(_ input: CheckInput) throws(MatchError) -> [Finding] {
        let active = (cues["*"] ?? []) + (input.language.flatMap { cues[$0] } ?? [])
        guard !active.isEmpty else { return [] }
        var findings: [Finding] = []
        for subject in input.subjects {
            for range in input.postSizedPieces(of: subject) {
                let words = input.wordCount(in: subject, range: range)
                guard words >= max(1, minimumWords) else { continue }
                // Cues as places and weights; their text is read only for a finding.
                var places: [(range: Range<Int>, weight: Double)] = []
                var seen: Set<Range<Int>> = []
                for cue in active {
                    for match in try input.matches(cue.pattern, in: subject, range: range)
                    where seen.insert(match.range).inserted {
                        places.append((match.range, cue.weight))
                    }
                }
                let total = places.reduce(0) { $0 + $1.weight }
                let density = total * 100 / Double(words)
                guard density > maximum else { continue }
                var found = places.map { FindingCue(range: $0.range, text: input.text($0.range), weight: $0.weight) }
                guard let first = found.min(by: { $0.range.lowerBound < $1.range.lowerBound }) else { continue }
                found.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.range.lowerBound < $1.range.lowerBound }
                let listed = found.prefix(6).map { "'\($0.text)'" }.joined(separator: ", ") + (found.count > 6 ? ", …" : "")
                var finding = header.finding(input, range: first.range,
                                             arguments: [String(format2: density), String(format2: maximum), listed, String(words)])
                finding.cues = found
                findings.append(finding)
            }
        }
        return findings
    }
}
