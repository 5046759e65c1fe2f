/// `extends: consistency` — for each `either` pair (`colour: color`), flags a draft that uses both spellings.
/// As in Vale, a block in which a pair occurs, once both spellings have been seen in the draft, gets one finding on
/// the pair's last occurrence in that block.
struct ConsistencyRule: RuleKind, CompiledRule {
    static let name = "consistency"
    static let keys: Set<String> = ["either", "nonword", "ignorecase"]

    let header: RuleHeader
    /// One pattern per pair; group 1 is the first spelling, group 2 the second.
    let pairs: [RegexPattern]

    static func compile(
        header: RuleHeader, fields: YAMLFields, context: RuleCompileContext
    ) throws(RuleFileError)
        -> any CompiledRule
    {
        guard let either = try fields.stringPairs("either"), !either.isEmpty else {
            throw fields.error(at: nil, "a consistency rule needs a non-empty 'either' mapping")
        }
        let nonword = try fields.bool("nonword") ?? false
        var options: RegexOptions = [.multiline]
        if try fields.bool("ignorecase") ?? false { options.insert(.caseInsensitive) }
        var pairs: [RegexPattern] = []
        for (first, second) in either {
            let alternation = "(\(removingCaptureGroups(first)))|(\(removingCaptureGroups(second)))"
            let pattern = try fields.compile(
                context.wrap(alternation, word: !nonword), options: options, from: ["either"])
            // Spellings that start with known texts (all of Vale's lists) join the linter's shared scan.
            if context.wordTemplate == nil, let firstTexts = TokenTrie.leadingTexts(of: first),
                let secondTexts = TokenTrie.leadingTexts(of: second)
            {
                pattern.setLeadingTexts([firstTexts, secondTexts], tokensEndPattern: !nonword)
            }
            pairs.append(pattern)
        }
        return ConsistencyRule(header: header, pairs: pairs)
    }

    var literalPatterns: [RegexPattern] { pairs.filter { $0.startTexts != nil } }

    func check(_ input: CheckInput) throws(MatchError) -> [Finding] {
        var findings: [Finding] = []
        var seen = Array(repeating: (false, false), count: pairs.count)
        for subject in input.subjects {
            try input.checkDeadline()
            for (index, pattern) in pairs.enumerated() {
                let found = try input.matches(pattern, in: subject, groups: true)
                guard !found.isEmpty else { continue }
                for match in found {
                    if match.group(1) != nil { seen[index].0 = true }
                    if match.group(2) != nil { seen[index].1 = true }
                }
                if seen[index].0 && seen[index].1, let last = found.last {
                    let range = last.group(1) ?? last.group(2) ?? last.range
                    findings.append(header.finding(input, range: range, arguments: [input.text(range)]))
                }
            }
        }
        return findings
    }
}

extension ConsistencyRule {
    static let documentation = RuleKindDocumentation(
        summary: "Flags a draft that uses both spellings of a pair; the finding is on the second spelling to appear.",
        sharedWithVale: true,
        keys: [
            .init("either", "mapping of spelling to spelling", "each pair of spellings that may not both appear"),
            .init("ignorecase", "boolean", "match regardless of case"),
            .init("nonword", "boolean", "do not wrap the spellings in word boundaries"),
        ],
        example:
            "extends: consistency\nmessage: \"Inconsistent spelling of '%s'.\"\nscope: text\neither:\n  e-mail: email\n",
        triggering: ["Send an e-mail. Our ↓email is open."],
        nonTriggering: ["Send an email. Our email is open."])
}
