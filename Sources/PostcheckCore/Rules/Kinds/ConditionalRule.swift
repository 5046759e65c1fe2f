/// `extends: conditional` — `first` requires `second`. When `second` has a capture group, each `first` match must
/// have been defined earlier in the draft by a `second` capture ("WHO" needs "World Health Organization (WHO)");
/// otherwise a block with `first` but no `second` is flagged.
struct ConditionalRule: RuleKind, CompiledRule {
    static let name = "conditional"
    static let keys: Set<String> = ["first", "second", "exceptions", "ignorecase", "vocab"]

    let header: RuleHeader
    let first: RegexPattern
    let second: RegexPattern
    let exceptions: ExceptionFilter
    let exceptionTerms: Set<String>

    static func compile(
        header: RuleHeader, fields: YAMLFields, context: RuleCompileContext
    ) throws(RuleFileError)
        -> any CompiledRule
    {
        guard let first = try fields.string("first"), let second = try fields.string("second") else {
            throw fields.error(at: nil, "a conditional rule needs 'first' and 'second'")
        }
        var options: RegexOptions = [.multiline]
        if try fields.bool("ignorecase") ?? false { options.insert(.caseInsensitive) }
        let exceptionList = try fields.stringList("exceptions") ?? []
        return ConditionalRule(
            header: header,
            first: try fields.compile(first, options: options, from: ["first"]),
            second: try fields.compile(second, options: options, from: ["second"]),
            exceptions: try ExceptionFilter(
                exceptions: [], accepted: context.acceptedTerms,
                useVocabulary: try fields.bool("vocab") ?? true, fields: fields),
            exceptionTerms: Set(exceptionList))
    }

    func check(_ input: CheckInput) throws(MatchError) -> [Finding] {
        var findings: [Finding] = []
        var defined: Set<String> = []
        let captures = second.captureCount > 0
        for subject in input.subjects {
            try input.checkDeadline()
            let definitions = try input.matches(second, in: subject, groups: true)
            if captures {
                for definition in definitions {
                    for group in definition.groups.compactMap({ $0 }) { defined.insert(input.text(group)) }
                }
            }
            let uses = try input.matches(first, in: subject)
            if !captures && !definitions.isEmpty { continue }
            for use in uses {
                let text = input.text(use.range)
                if captures && defined.contains(text) { continue }
                if exceptionTerms.contains(text) { continue }
                // A use inside the definition itself ("… Organization (WHO)") is not a use.
                if definitions.contains(where: { $0.range.contains(use.range.lowerBound) }) { continue }
                if try exceptions.suppresses(use.range, in: subject, input: input) { continue }
                findings.append(header.finding(input, range: use.range, arguments: [text]))
            }
        }
        return findings
    }
}

extension ConditionalRule {
    static let documentation = RuleKindDocumentation(
        summary:
            "`first` needs `second`: with a capture group, each match of `first` needs its group defined by `second` (an acronym defined in parentheses earlier or in the same block).",
        sharedWithVale: true,
        keys: [
            .init("first", "pattern", "what needs something"),
            .init("second", "pattern", "what it needs (with a capture group: the definitions)"),
            .init("exceptions", "list of patterns", "matches of `first` that need nothing"),
            .init("ignorecase", "boolean", "match regardless of case"),
            .init("vocab", "boolean", "the configuration's accepted vocabulary counts as exceptions (default true)"),
        ],
        example:
            "extends: conditional\nmessage: \"'%s' has no definition.\"\nscope: text\nfirst: '\\b([A-Z]{3,5})\\b'\nsecond: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'\nexceptions: [TODO]\n",
        triggering: ["Our ↓ESG report is out."],
        nonTriggering: ["Our Environmental Social Governance (ESG) report is out. ESG matters."])
}
