import Yams

/// `extends: lexicon` (postcheck) — scores a draft (or each scope block) with a weighted lexicon the VADER way and
/// raises one finding when the score crosses `threshold`. The finding sits on the strongest cue and lists the cues.
///
/// ```yaml
/// extends: lexicon
/// message: "The tone reads as negative (score %s, limit %s): %s."
/// lexicon: {en: tone-en.tsv, nl: tone-nl.tsv, fr: tone-fr.tsv}   # term<TAB>weight, next to the rule
/// entries: {en: {meh: -1.0}}                                     # inline additions
/// emoji: emoji.tsv                                                # emoji<TAB>description or weight
/// mode: compound          # compound: VADER's [-1, 1]; intensity: [0, 1] from the absolute weights
/// threshold: {below: -0.5}                                        # or {above: 0.6}
/// minwords: 5             # do not judge shorter texts
/// ```
struct LexiconRule: RuleKind, CompiledRule {
    static let name = "lexicon"
    static let keys: Set<String> = ["lexicon", "entries", "emoji", "mode", "threshold", "minwords", "cues"]

    enum Mode: String { case compound, intensity }

    let header: RuleHeader
    /// One scorer per language (`*`: any language, with the rules of the draft's language).
    let scorers: [String: SentimentScorer]
    let mode: Mode
    let above: Double?
    let below: Double?
    let minimumWords: Int
    let cueCount: Int
    /// This compiled rule's own key in the per-thread word memo: two rules with one id (two configurations in one
    /// run, a configuration reloaded by the service) have different lexicons and must not share remembered words.
    let memoOwner = HeuristicMemo.newOwner()

    static func compile(
        header: RuleHeader, fields: YAMLFields, context: RuleCompileContext
    ) throws(RuleFileError)
        -> any CompiledRule
    {
        var lexicons: [String: [String: Double]] = [:]
        for (language, node) in try fields.perLanguageNodes("lexicon") ?? [:] {
            // One file, or a list whose later files adjust the earlier ones (a source lexicon, then postcheck's
            // corrections: topic words that are no tone, homographs, what rants use).
            let names: [Yams.Node]
            if case .sequence(let items) = node { names = Array(items) } else { names = [node] }
            for entry in names {
                guard let name = entry.string else {
                    throw fields.error(at: entry, "'lexicon' names a file, or a list of files (or either per language)")
                }
                let file = try fields.siblingFile(name, key: "lexicon")
                let parsed = try LexiconFile.parse(file.text, path: file.path)
                if lexicons[language] == nil {
                    lexicons[language] = parsed
                } else {
                    lexicons[language]!.merge(parsed) { $1 }
                }
            }
        }
        for (language, node) in try fields.perLanguageNodes("entries") ?? [:] {
            guard case .mapping(let mapping) = node else {
                throw fields.error(at: node, "'entries' maps terms to weights (or languages to such maps)")
            }
            for (term, weight) in mapping {
                guard let text = term.string, let value = weight.typed.float ?? weight.typed.int.map(Double.init) else {
                    throw fields.error(at: weight, "'entries' weights must be numbers")
                }
                lexicons[language, default: [:]][text.lowercased()] = value
            }
        }
        guard !lexicons.isEmpty, lexicons.values.contains(where: { !$0.isEmpty }) else {
            throw fields.error(at: nil, "a lexicon rule needs 'lexicon' (a file) or 'entries'")
        }
        var emoji: ([Unicode.Scalar: String], [Unicode.Scalar: Double]) = ([:], [:])
        // One file or several: descriptions (English, scored with the lexicon) and weights (every language). A weight
        // in a later file overrides an earlier description of the same emoji (🙄 "face with rolling eyes" scores 0).
        for name in try fields.stringList("emoji") ?? [] {
            let file = try fields.siblingFile(name, key: "emoji")
            let parsed = try LexiconFile.parseEmoji(file.text, path: file.path)
            emoji.0.merge(parsed.0) { $1 }
            emoji.1.merge(parsed.1) { $1 }
            for scalar in parsed.1.keys where parsed.0[scalar] == nil { emoji.0[scalar] = nil }
        }
        let modeName = try fields.string("mode") ?? "compound"
        guard let mode = Mode(rawValue: modeName) else {
            throw fields.error(key: "mode", "'mode' must be compound or intensity, not '\(modeName)'")
        }
        guard let threshold = try fields.fields("threshold") else {
            throw fields.error(at: nil, "a lexicon rule needs 'threshold: {above: x}' or '{below: x}'")
        }
        try threshold.rejectUnknownKeys(allowed: ["above", "below"], context: "'threshold'")
        let above = try threshold.double("above")
        let below = try threshold.double("below")
        guard above != nil || below != nil else {
            throw fields.error(key: "threshold", "'threshold' needs 'above' or 'below'")
        }
        for value in [above, below].compactMap({ $0 }) where value < -1 || value > 1 {
            throw fields.error(key: "threshold", "scores lie in [-1, 1]; a threshold of \(value) can never be crossed")
        }
        let minimumWords = try fields.int("minwords") ?? 0
        guard minimumWords >= 0 else { throw fields.error(key: "minwords", "'minwords' must not be negative") }
        var scorers: [String: SentimentScorer] = [:]
        for (language, lexicon) in lexicons {
            // English lexicons read emoji descriptions (VADER); others need weights per emoji.
            let descriptions = language == "en" || language == "*" ? emoji.0 : [:]
            scorers[language] = SentimentScorer(
                lexicon: lexicon, language: .forLanguage(language == "*" ? "en" : language),
                emojiDescriptions: descriptions, emojiValences: emoji.1)
        }
        // A language-neutral lexicon still negates and boosts with the draft's own words: one scorer per language
        // that has its own function words, made now rather than for every draft.
        if let neutral = lexicons["*"] {
            for language in LanguageRules.languagesWithRules where lexicons[language] == nil {
                scorers[language] = SentimentScorer(
                    lexicon: neutral, language: .forLanguage(language),
                    emojiDescriptions: emoji.0, emojiValences: emoji.1)
            }
        }
        let scoped = fields.has("scope") ? header : header.withScope(try! ScopeSelector(["summary"]))
        return LexiconRule(
            header: scoped, scorers: scorers, mode: mode, above: above, below: below,
            minimumWords: minimumWords, cueCount: max(1, try fields.int("cues") ?? 3))
    }

    func check(_ input: CheckInput) throws(MatchError) -> [Finding] {
        guard let scorer = input.language.flatMap({ scorers[$0] }) ?? scorers["*"] else { return [] }
        var findings: [Finding] = []
        // Known words depend on the lexicon: one memo per compiled rule and language.
        let memo = "\(memoOwner)/" + scorer.language.code
        HeuristicMemo.forCurrentThread.makeRoom(for: memo)
        for subject in input.subjects {
            try input.checkDeadline()
            let buffer = input.buffer(subject)
            for range in input.postSizedPieces(of: subject) {
                try input.checkDeadline()
                let result = scorer.score(
                    buffer, range: range,
                    words: &HeuristicMemo.forCurrentThread.toneWords[memo, default: SentimentScorer.WordMemo()])
                guard result.tokenCount >= minimumWords else { continue }
                let value = mode == .compound ? result.compound : result.intensity
                let crossed: String
                if let above, value > above {
                    crossed = EngineWords.crossed(above: true, format(above), input.messageLanguage)
                } else if let below, value < below {
                    crossed = EngineWords.crossed(above: false, format(below), input.messageLanguage)
                } else {
                    continue
                }
                let cues = Array(result.cues.prefix(cueCount))
                let listed = cues.map { "'\($0.text)' (\(format($0.valence)))" }.joined(separator: ", ")
                let at = cues.first?.range ?? range.lowerBound..<min(range.upperBound, range.lowerBound + 1)
                var finding = header.finding(
                    input, range: at,
                    arguments: [
                        format(value), crossed,
                        listed.isEmpty ? EngineWords.text(.noSingleCue, input.messageLanguage) : listed,
                    ])
                finding.cues = cues.map { FindingCue(range: $0.range, text: $0.text, weight: $0.valence) }
                findings.append(finding)
            }
        }
        return findings
    }

    private func format(_ value: Double) -> String { String(format2: value) }
}

extension String {
    /// A number with two decimals, without Foundation's formatter.
    init(format2 value: Double) {
        let hundredths = Int((abs(value) * 100).rounded())
        let sign = value < 0 && hundredths != 0 ? "-" : ""
        let fraction = hundredths % 100
        self = "\(sign)\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

extension LexiconRule {
    static let documentation = RuleKindDocumentation(
        summary:
            "Scores the text's tone the VADER way (lexicon weights from -4 to 4, negation within three words, boosters and dampeners, ALL-CAPS and `!` emphasis, contrast, emoji) and flags it past a threshold; the finding sits on the strongest cue and lists the cues.",
        sharedWithVale: false,
        keys: [
            .init(
                "lexicon", "file, list of files, or either per language",
                "TSV lexicons next to the rule; later files adjust earlier ones"),
            .init("entries", "mapping of term to weight, or one per language", "inline lexicon entries"),
            .init(
                "emoji", "file or list of files",
                "emoji descriptions (scored with the English lexicon) or weights for every language"),
            .init(
                "mode", "`compound` or `intensity`",
                "the score: compound in [-1, 1], or intensity in [0, 1] (default compound)"),
            .init("threshold", "`{below: x}` or `{above: x}`", "flag a score below or above x"),
            .init("minwords", "integer", "judge only texts of at least this many words"),
            .init("cues", "integer", "how many cues the message and report show (default 3)"),
        ],
        example:
            "extends: lexicon\nmessage: \"The tone reads as negative (score %s, %s). Strongest cues: %s.\"\nentries: {awful: -3.1, disaster: -3.1, great: 3.1}\nthreshold: {below: -0.5}\n",
        triggering: ["The launch was an ↓awful disaster."],
        nonTriggering: ["The launch was great.", "The launch was not an awful disaster, it was great."])
}
