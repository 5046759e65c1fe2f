/// `extends: existence` — flags every occurrence of its tokens (word-bounded unless `nonword`) or raw pattern.
struct ExistenceRule: RuleKind, CompiledRule {
    static let name = "existence"
    static let keys: Set<String> = ["tokens", "raw", "exceptions", "append", "ignorecase", "nonword", "vocab"]

    let header: RuleHeader
    let pattern: RegexPattern
    let exceptions: ExceptionFilter

    static func compile(header: RuleHeader, fields: YAMLFields, context: RuleCompileContext) throws(RuleFileError)
        -> any CompiledRule
    {
        let tokens = try fields.stringList("tokens") ?? []
        let raw = try fields.stringList("raw") ?? []
        guard !tokens.isEmpty || !raw.isEmpty else {
            throw fields.error(at: nil, "an existence rule needs 'tokens' or 'raw' (without them it never matches)")
        }
        let nonword = try fields.bool("nonword") ?? false
        let append = try fields.bool("append") ?? false
        var source = tokens.isEmpty ? "" : context.wrap(tokens.joined(separator: "|"), word: !nonword)
        let rawPart = raw.joined()
        source = append ? source + rawPart : rawPart + source
        var options: RegexOptions = [.multiline]
        if try fields.bool("ignorecase") ?? false { options.insert(.caseInsensitive) }
        let pattern = try fields.compile(source, options: options, from: ["tokens", "raw"])
        let exceptions = try ExceptionFilter(
            exceptions: try fields.stringList("exceptions") ?? [], accepted: context.acceptedTerms,
            useVocabulary: (try fields.bool("vocab") ?? true) && !nonword, fields: fields)
        return ExistenceRule(header: header, pattern: pattern, exceptions: exceptions)
    }

    func check(_ input: CheckInput) throws(MatchError) -> [Finding] {
        var findings: [Finding] = []
        for subject in input.subjects {
            for match in try input.matches(pattern, in: subject) {
                let text = input.text(match.range)
                guard !text.allSatisfy({ $0.isWhitespace || $0 == "*" }) else { continue }
                if try exceptions.suppresses(match.range, in: subject, input: input) { continue }
                let trimmed = text.trimmingCharacters(in: [" ", "\t", "\n", "\r"])
                var arguments = [trimmed]
                if let action = header.action, action.name == "replace" { arguments.append(action.params.first ?? "") }
                findings.append(header.finding(input, range: match.range, arguments: arguments))
            }
        }
        return findings
    }
}
