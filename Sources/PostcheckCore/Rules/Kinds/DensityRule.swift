/// `extends: density` (postcheck) — weighted cues (calls to action, prices, superlatives, links, hashtags, emoji,
/// exclamation marks…) per 100 words of the scope; flags a scope above `max`, once it has at least `minwords`, and
/// (with `total`) a scope whose cues weigh `total` or more together, whatever its length: a strong cue such as
/// "sign up now" or "just kidding" is not diluted by a long post. Message arguments: density, max, the cues, the
/// words, the total weight.
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
/// total: 6               # optional; `max` is optional when `total` is given
/// ```
struct DensityRule: RuleKind, CompiledRule {
    static let name = "density"
    static let keys: Set<String> = ["cues", "max", "minwords", "ignorecase", "total"]

    let header: RuleHeader
    let cues: [String: [Cue]]
    /// Cues per 100 words above which a scope is flagged (nil: only `total` counts).
    let maximum: Double?
    let minimumWords: Int
    /// Summed cue weight at which a scope is flagged whatever its length.
    let total: Double?

    static func compile(
        header: RuleHeader, fields: YAMLFields, context: RuleCompileContext
    ) throws(RuleFileError)
        -> any CompiledRule
    {
        var options: RegexOptions = []
        if try fields.bool("ignorecase") ?? false { options.insert(.caseInsensitive) }
        guard let cues = try fields.cues("cues", options: options), cues.values.contains(where: { !$0.isEmpty }) else {
            throw fields.error(at: nil, "a density rule needs 'cues'")
        }
        let maximum = try fields.double("max")
        let total = try fields.double("total")
        guard maximum != nil || total != nil else {
            throw fields.error(at: nil, "a density rule needs 'max' (cues per 100 words) or 'total' (summed weight)")
        }
        guard (maximum ?? 0) >= 0 else { throw fields.error(key: "max", "'max' must not be negative") }
        guard (total ?? 1) > 0 else { throw fields.error(key: "total", "'total' must be above 0") }
        let minimumWords = try fields.int("minwords") ?? 10
        guard minimumWords >= 0 else { throw fields.error(key: "minwords", "'minwords' must not be negative") }
        let scoped = fields.has("scope") ? header : header.withScope(try! ScopeSelector(["summary"]))
        return DensityRule(header: scoped, cues: cues, maximum: maximum, minimumWords: minimumWords, total: total)
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
            try input.checkDeadline()
            for range in input.postSizedPieces(of: subject) {
                let words = input.wordCount(in: subject, range: range)
                guard words >= 1 else { continue }
                // Cues as places and weights; their text is read only for a finding.
                var places: [(range: Range<Int>, weight: Double)] = []
                var seen: Set<Range<Int>> = []
                for cue in active {
                    for match in try input.matches(cue.pattern, in: subject, range: range)
                    where seen.insert(match.range).inserted {
                        places.append((match.range, cue.weight))
                    }
                }
                let weight = places.reduce(0) { $0 + $1.weight }
                let density = weight * 100 / Double(words)
                let dense = maximum.map { density > $0 && words >= max(1, minimumWords) } ?? false
                guard dense || total.map({ weight >= $0 }) ?? false else { continue }
                // Only the cues that count towards it are shown: a negative cue (news format) is no reason.
                places.removeAll { $0.weight <= 0 }
                var found = places.map { FindingCue(range: $0.range, text: input.text($0.range), weight: $0.weight) }
                guard let first = found.min(by: { $0.range.lowerBound < $1.range.lowerBound }) else { continue }
                found.sort {
                    $0.weight != $1.weight ? $0.weight > $1.weight : $0.range.lowerBound < $1.range.lowerBound
                }
                let listed =
                    found.prefix(6).map { "'\($0.text)'" }.joined(separator: ", ") + (found.count > 6 ? ", …" : "")
                var finding = header.finding(
                    input, range: first.range,
                    arguments: [
                        String(format2: density),
                        maximum.map { String(format2: $0) } ?? EngineWords.text(.none, input.messageLanguage),
                        listed, String(words), String(format2: weight),
                    ])
                finding.cues = found
                findings.append(finding)
            }
        }
        return findings
    }
}

extension DensityRule {
    static let documentation = RuleKindDocumentation(
        summary:
            "Weighted cues (calls to action, prices, superlatives, links, hashtags…) per 100 words: flags a draft above `max` once it has `minwords`, and with `total` a draft whose cues weigh that much together whatever its length. The finding sits on the first cue and lists them.",
        sharedWithVale: false,
        keys: [
            .init(
                "cues", "list of patterns or `{pattern, weight, label}`, or one list per language or `*`",
                "what counts; a negative weight counts against"),
            .init("max", "number", "weighted cues per 100 words above which a draft is flagged"),
            .init("total", "number", "summed weight that flags a draft whatever its length"),
            .init("minwords", "integer", "`max` applies from this many words"),
            .init("ignorecase", "boolean", "match regardless of case"),
        ],
        example:
            "extends: density\nmessage: \"Reads like an ad: %s promotional cues per 100 words (max %s): %s.\"\nignorecase: true\nmax: 20\nminwords: 5\ncues:\n  en: [{pattern: '\\bbuy now\\b', weight: 2}, '\\bfree\\b']\n",
        triggering: ["↓Buy now: free shipping, free returns, free gifts!"],
        nonTriggering: ["Our team shipped the new app today, and we are proud of it."])
}
