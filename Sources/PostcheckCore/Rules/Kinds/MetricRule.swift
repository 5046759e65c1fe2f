/// `extends: metric` — Vale's metric rules: a `formula` over the draft's counts (words, sentences, paragraphs,
/// characters, syllables, complex_words, long_words, polysyllabic_words, pre, list, blockquote, heading_h1…h6),
/// plus postcheck's `reading_ease` (Flesch for en, Flesch–Douma for nl, Kandel–Moles for fr, Amstad for de) and
/// `lix`, checked against `condition` (`> 8`, `<= 60`…). A formula that is undefined (no words) raises nothing.
///
/// ```yaml
/// extends: metric
/// message: "Hard to read: reading ease %s (aim for 50 or more)."
/// formula: reading_ease
/// condition: "< 50"
/// ```
struct MetricRule: RuleKind, CompiledRule {
    static let name = "metric"
    static let keys: Set<String> = ["formula", "condition"]

    let header: RuleHeader
    let formula: Expression
    let comparison: String
    let limit: Double

    static func compile(
        header: RuleHeader, fields: YAMLFields, context: RuleCompileContext
    ) throws(RuleFileError)
        -> any CompiledRule
    {
        guard let source = try fields.string("formula") else {
            throw fields.error(at: nil, "a metric rule needs a 'formula'")
        }
        let formula: Expression
        do {
            formula = try Expression.parse(source, variables: DocumentMetrics.variableNames)
        } catch {
            throw fields.error(key: "formula", "invalid formula at offset \(error.offset): \(error.message)")
        }
        guard let condition = try fields.string("condition") else {
            throw fields.error(at: nil, "a metric rule needs a 'condition' such as '> 8'")
        }
        let trimmed = condition.trimmingCharacters(in: [" "])
        guard let operation = [">=", "<=", "==", "!=", ">", "<"].first(where: { trimmed.hasPrefix($0) }),
            let limit = Double(trimmed.dropFirst(operation.count).trimmingCharacters(in: [" "]))
        else {
            throw fields.error(key: "condition", "'condition' must be a comparison such as '> 8' or '<= 60'")
        }
        return MetricRule(
            header: header.withScope(try! ScopeSelector(["summary"])), formula: formula, comparison: operation,
            limit: limit)
    }

    func check(_ input: CheckInput) throws(MatchError) -> [Finding] {
        let values = DocumentMetrics.compute(input)
        guard let value = formula.evaluate(values), value.isFinite else { return [] }
        let holds: Bool
        switch comparison {
        case ">": holds = value > limit
        case ">=": holds = value >= limit
        case "<": holds = value < limit
        case "<=": holds = value <= limit
        case "==": holds = value == limit
        default: holds = value != limit
        }
        guard holds else { return [] }
        let source = input.draft.source
        var start = input.draft.bodyStart
        while start < source.bytes.count && isWhitespaceByte(source.bytes[start]) { start += 1 }
        let end = start < source.bytes.count ? start + scalarLength(source.bytes[start]) : start
        return [header.finding(input, range: start..<end, arguments: [String(format2: value)])]
    }
}

extension MetricRule {
    static let documentation = RuleKindDocumentation(
        summary:
            "Computes a formula over the draft's counts (Vale's metric variables plus postcheck's `reading_ease` and `lix`) and flags the draft when `condition` holds; the finding is at the draft's first character.",
        sharedWithVale: true,
        keys: [
            .init(
                "formula", "expression",
                "over words, sentences, paragraphs, characters, syllables, complex_words, long_words, polysyllabic_words, list, blockquote, heading_h1…h6, reading_ease, lix; functions sqrt, round, min, max, abs, log"
            ),
            .init("condition", "comparison such as `> 8`", "when the rule flags"),
        ],
        example:
            "extends: metric\nmessage: \"Sentences of %s words on average: keep them under 25.\"\nformula: words / sentences\ncondition: \"> 25\"\n",
        triggering: [
            "↓We are very proud to announce that our team in Ghent has launched the new app for customers in Belgium and the Netherlands today after two years of work."
        ],
        nonTriggering: ["We launched the new app today. The team is proud."])
}
