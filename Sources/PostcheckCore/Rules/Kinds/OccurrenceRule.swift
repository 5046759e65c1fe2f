/// `extends: occurrence` — counts `token` in each scope block; flags a block with more than `max` or fewer than `min`.
/// The finding sits on the first occurrence, as Vale puts it (a sentence over the limit is flagged where it starts),
/// or at the block's start when there is none.
struct OccurrenceRule: RuleKind, CompiledRule {
    static let name = "occurrence"
    static let keys: Set<String> = ["token", "max", "min", "ignorecase"]

    let header: RuleHeader
    let pattern: RegexPattern
    let max: Int
    let min: Int

    static func compile(
        header: RuleHeader, fields: YAMLFields, context: RuleCompileContext
    ) throws(RuleFileError)
        -> any CompiledRule
    {
        guard let token = try fields.string("token"), !token.isEmpty else {
            throw fields.error(at: nil, "an occurrence rule needs a 'token'")
        }
        let max = try fields.int("max") ?? 0
        let min = try fields.int("min") ?? 0
        guard max > 0 || min > 0 else {
            throw fields.error(at: nil, "an occurrence rule needs 'max' or 'min' above 0 (otherwise it never fires)")
        }
        var options: RegexOptions = [.multiline]
        if try fields.bool("ignorecase") ?? false { options.insert(.caseInsensitive) }
        let pattern = try fields.compile("(?:\(token))", options: options, from: ["token"])
        return OccurrenceRule(header: header, pattern: pattern, max: max, min: min)
    }

    func check(_ input: CheckInput) throws(MatchError) -> [Finding] {
        var findings: [Finding] = []
        for subject in input.subjects {
            try input.checkDeadline()
            let found = try input.matches(pattern, in: subject)
            let count = found.count
            guard (max > 0 && count > max) || (min > 0 && count < min) else { continue }
            // Where Vale puts it: on the first occurrence, or at the block's start when there is none.
            let range: Range<Int>
            if let first = found.first {
                range = first.range
            } else {
                let start = subject.range.lowerBound
                range = start..<Swift.min(subject.range.upperBound, start + scalarLength(input.buffer(subject)[start]))
            }
            findings.append(header.finding(input, range: range, arguments: [String(count)]))
        }
        return findings
    }
}

extension OccurrenceRule {
    static let documentation = RuleKindDocumentation(
        summary:
            "Counts `token` in each scope block; flags a block with more than `max` or fewer than `min`. The finding sits on the first occurrence (as in Vale), or at the block's start when there is none.",
        sharedWithVale: true,
        keys: [
            .init("token", "pattern", "what to count"),
            .init("max", "integer", "most occurrences allowed"),
            .init("min", "integer", "fewest occurrences required"),
            .init("ignorecase", "boolean", "match regardless of case"),
        ],
        example:
            "extends: occurrence\nmessage: \"More than two hashtags in one paragraph.\"\nscope: paragraph\nmax: 2\ntoken: '#\\w+'\n",
        triggering: ["Proud of the team ↓#launch #team #proud"],
        nonTriggering: ["Proud of the team #launch #team"])
}
