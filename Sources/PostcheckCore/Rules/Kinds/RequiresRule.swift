/// `extends: requires` (postcheck) — a generalised conditional: when the `trigger` patterns occur (`match: any` or
/// `all`), one of the `require` patterns must occur too, optionally within the first N characters (the "see more"
/// fold) and not only in the trailing run of hashtags; `reject` patterns (e.g. `#spon`) never count as compliant.
///
/// ```yaml
/// extends: requires
/// message: "'%s' endorses the employer's product, but the post does not say that you work there%s."
/// trigger: ['\bAcme Cloud\b']
/// require: ['#(?:ad|ambassador|employee)\b', '\b(?:I work (?:at|for)|ik werk bij|je travaille chez)\b']
/// reject: ['#spon\b', '#sp\b']
/// within: {first: 140, trailinghashtags: false}
/// near: {patterns: ['\b(?:try|recommend|best)\b'], within: 12}   # a trigger counts only next to one of these
/// ```
struct RequiresRule: RuleKind, CompiledRule {
    static let name = "requires"
    static let keys: Set<String> = ["trigger", "require", "reject", "match", "within", "ignorecase", "near"]

    let header: RuleHeader
    let triggers: [String: [Cue]]
    let requirements: [String: [Cue]]
    let rejects: [String: [Cue]]
    let needsAll: Bool
    /// Code points from the start of the scope within which a requirement must start.
    let first: Int?
    let countsInTrailingHashtags: Bool
    /// postcheck: a trigger counts only with one of these patterns near it (an endorsement next to a brand name,
    /// so that company news naming the brand is no trigger).
    let near: Proximity?

    static func compile(
        header: RuleHeader, fields: YAMLFields, context: RuleCompileContext
    ) throws(RuleFileError)
        -> any CompiledRule
    {
        var options: RegexOptions = []
        if try fields.bool("ignorecase") ?? true { options.insert(.caseInsensitive) }
        guard let triggers = try fields.cues("trigger", options: options),
            triggers.values.contains(where: { !$0.isEmpty })
        else {
            throw fields.error(at: nil, "a requires rule needs 'trigger' patterns")
        }
        guard let requirements = try fields.cues("require", options: options),
            requirements.values.contains(where: { !$0.isEmpty })
        else {
            throw fields.error(
                at: nil, "a requires rule needs 'require' patterns (what must be there when a trigger is)")
        }
        let match = try fields.string("match") ?? "any"
        guard match == "any" || match == "all" else { throw fields.error(key: "match", "'match' must be any or all") }
        var first: Int? = nil
        var trailing = true
        if let within = try fields.fields("within") {
            try within.rejectUnknownKeys(allowed: ["first", "trailinghashtags"], context: "'within'")
            first = try within.int("first")
            if let value = first, value <= 0 {
                throw within.error(key: "first", "'first' must be a positive number of characters")
            }
            trailing = try within.bool("trailinghashtags") ?? true
        }
        let scoped = fields.has("scope") ? header : header.withScope(try! ScopeSelector(["summary"]))
        return RequiresRule(
            header: scoped, triggers: triggers, requirements: requirements,
            rejects: try fields.cues("reject", options: options) ?? [:], needsAll: match == "all",
            first: first, countsInTrailingHashtags: trailing,
            near: try Proximity(fields: fields, options: options))
    }

    private func forLanguage(_ cues: [String: [Cue]], _ language: String?) -> [Cue] {
        (cues["*"] ?? []) + (language.flatMap { cues[$0] } ?? [])
    }

    func check(_ input: CheckInput) throws(MatchError) -> [Finding] {
        let triggers = forLanguage(self.triggers, input.language)
        let requirements = forLanguage(self.requirements, input.language)
        let rejects = forLanguage(self.rejects, input.language)
        guard !triggers.isEmpty else { return [] }
        var findings: [Finding] = []
        for subject in input.subjects {
            try input.checkDeadline()
            let buffer = input.buffer(subject)
            var triggered: [RegexMatch] = []
            var allFound = true
            for trigger in triggers {
                let found = try trigger.pattern.matches(in: buffer, range: subject.range, scratch: input.scratch)
                if found.isEmpty { allFound = false }
                triggered += found
            }
            guard !triggered.isEmpty, !needsAll || allFound else { continue }
            triggered.sort { $0.range.lowerBound < $1.range.lowerBound }
            var nearby: [Range<Int>] = []
            if let near {
                let sentences = near.sentences(of: subject, input: input)
                var kept: [RegexMatch] = []
                for match in triggered {
                    guard let cue = try near.find(around: match.range, in: subject, input: input, sentences: sentences)
                    else { continue }
                    kept.append(match)
                    nearby.append(cue)
                }
                triggered = kept
                guard !triggered.isEmpty else { continue }
            }
            var rejected: [Range<Int>] = []
            for reject in rejects {
                rejected += try reject.pattern.matches(in: buffer, range: subject.range, scratch: input.scratch).map(
                    \.range)
            }
            let foldEnd = first.map {
                advance(buffer, from: subject.range.lowerBound, codePoints: $0, limit: subject.range.upperBound)
            }
            let hashtagRun = countsInTrailingHashtags ? nil : trailingHashtagRun(buffer, subject.range)
            var compliant = false
            var lateMatch = false
            var buriedMatch = false
            for requirement in requirements where !compliant {
                for match in try requirement.pattern.matches(in: buffer, range: subject.range, scratch: input.scratch) {
                    if rejected.contains(where: { $0.overlaps(match.range) }) { continue }
                    if let hashtagRun, hashtagRun.contains(match.range.lowerBound) { buriedMatch = true; continue }
                    if let foldEnd, match.range.lowerBound >= foldEnd { lateMatch = true; continue }
                    compliant = true
                    break
                }
            }
            guard !compliant else { continue }
            let trigger = triggered[0]
            // Say why a disclosure that is there does not count.
            var note = ""
            if let reject = rejected.first {
                note = EngineWords.rejectedDisclosure(input.text(reject), input.messageLanguage)
            } else if buriedMatch {
                note = EngineWords.buriedDisclosure(input.messageLanguage)
            } else if lateMatch, let first {
                note = EngineWords.lateDisclosure(within: first, input.messageLanguage)
            }
            var finding = header.finding(input, range: trigger.range, arguments: [input.text(trigger.range), note])
            finding.cues =
                triggered.map { FindingCue(range: $0.range, text: input.text($0.range), weight: 1) }
                + nearby.map { FindingCue(range: $0, text: input.text($0), weight: 1) }
                + rejected.map { FindingCue(range: $0, text: input.text($0), weight: -1) }
            findings.append(finding)
        }
        return findings
    }

    private func advance(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, codePoints: Int, limit: Int) -> Int {
        var index = start
        var remaining = codePoints
        while index < limit && remaining > 0 {
            index += scalarLength(buffer[index])
            remaining -= 1
        }
        return index
    }

    /// The trailing block of the text that holds only hashtags (and white space): where "#ad" hides.
    private func trailingHashtagRun(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int>? {
        var index = range.upperBound
        var start = range.upperBound
        while index > range.lowerBound {
            // Walk back over white space and #words.
            var cursor = index
            while cursor > range.lowerBound
                && (buffer[cursor - 1] == 0x20 || buffer[cursor - 1] == 0x0A || buffer[cursor - 1] == 0x0D
                    || buffer[cursor - 1] == 0x09)
            { cursor -= 1 }
            var wordStart = cursor
            while wordStart > range.lowerBound
                && !(buffer[wordStart - 1] == 0x20 || buffer[wordStart - 1] == 0x0A || buffer[wordStart - 1] == 0x0D
                    || buffer[wordStart - 1] == 0x09)
            { wordStart -= 1 }
            guard wordStart < cursor, buffer[wordStart] == UInt8(ascii: "#") else { break }
            start = wordStart
            index = wordStart
        }
        return start < range.upperBound ? start..<range.upperBound : nil
    }
}

extension RequiresRule {
    static let documentation = RuleKindDocumentation(
        summary:
            "When a trigger occurs, a required pattern must occur too: within the first N characters (the \"see more\" fold) and, with `trailinghashtags: false`, not only in the closing hashtags. The finding sits on the trigger.",
        sharedWithVale: false,
        keys: [
            .init("trigger", "list of patterns, or one list per language or `*`", "what calls for the requirement"),
            .init("require", "list of patterns, or one list per language or `*`", "what must then be there"),
            .init(
                "reject", "list of patterns, or one list per language or `*`",
                "matches that never count as the requirement (`#spon`)"),
            .init("match", "`any` or `all`", "whether one required pattern is enough (default any)"),
            .init("within", "`{first: N, trailinghashtags: false}`", "where the requirement must be"),
            .init(
                "near", "`{patterns: […], within: sentence or N}`",
                "a trigger counts only with one of the patterns near it"),
            .init("ignorecase", "boolean", "match regardless of case (default true)"),
        ],
        example:
            "extends: requires\nmessage: \"An endorsement of '%s' needs a disclosure such as #ad.\"\ntrigger: ['\\buse code\\b']\nrequire: ['#ad\\b', '#sponsored\\b']\n",
        triggering: ["Loving this app, ↓use code JAN10 for 10% off."],
        nonTriggering: ["Loving this app, use code JAN10 for 10% off. #ad"])
}
