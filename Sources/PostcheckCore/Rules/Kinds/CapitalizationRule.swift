/// `extends: capitalization` — a block (usually a heading) must be in `$title`, `$sentence`, `$lower` or `$upper`
/// case, or match a pattern. Title and sentence case pass when at least `threshold` of the words conform.
/// The finding spans the block and suggests the converted text.
struct CapitalizationRule: RuleKind, CompiledRule {
    static let name = "capitalization"
    static let keys: Set<String> = ["match", "style", "exceptions", "indicators", "threshold", "vocab", "prefix"]

    enum Style: Sendable { case title, sentence, lower, upper, pattern(RegexPattern) }

    let header: RuleHeader
    let style: Style
    let exceptions: Set<String>
    let indicators: [String]
    let threshold: Double

    /// Words that stay lower case inside a title (AP and Chicago agree on these).
    static let minorWords: Set<String> = [
        "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of", "off", "on",
        "per", "to", "up", "via", "vs", "vs.", "with", "from", "into", "onto", "over",
    ]

    static func compile(
        header: RuleHeader, fields: YAMLFields, context: RuleCompileContext
    ) throws(RuleFileError)
        -> any CompiledRule
    {
        guard let match = try fields.string("match") else {
            throw fields.error(
                at: nil, "a capitalization rule needs 'match' ($title, $sentence, $lower, $upper or a pattern)")
        }
        let style: Style
        switch match {
        case "$title": style = .title
        case "$sentence": style = .sentence
        case "$lower": style = .lower
        case "$upper": style = .upper
        default: style = .pattern(try fields.compile("^(?:\(match))$", options: [], from: ["match"]))
        }
        if let name = try fields.string("style"), !["AP", "Chicago"].contains(name) {
            throw fields.error(key: "style", "'style' must be AP or Chicago")
        }
        var exceptions = try fields.stringList("exceptions") ?? []
        if try fields.bool("vocab") ?? true { exceptions += context.acceptedTerms }
        return CapitalizationRule(
            header: header, style: style, exceptions: Set(exceptions),
            indicators: try fields.stringList("indicators") ?? [":"],
            threshold: try fields.double("threshold") ?? 0.8)
    }

    func check(_ input: CheckInput) throws(MatchError) -> [Finding] {
        var findings: [Finding] = []
        for subject in input.subjects {
            try input.checkDeadline()
            let text = input.text(subject.range)
            let expected = converted(text)
            let passes: Bool
            switch style {
            case .pattern(let pattern): passes = try pattern.isMatch(text, scratch: input.scratch)
            case .lower, .upper: passes = text == expected
            case .title, .sentence:
                let words = text.split(separator: " ")
                // Sentence case as Vale 3 judges it: an upper-case word conforms only as an exception (`JSON` in
                // "Accepting a JSON response" does not); the suggestion still keeps it.
                let targets: [Substring]
                if case .sentence = style {
                    targets = converted(text, keepingAcronyms: false).split(separator: " ")
                } else {
                    targets = expected.split(separator: " ")
                }
                guard !words.isEmpty, words.count == targets.count else { continue }
                let conforming = zip(words, targets).filter {
                    $0 == $1 || exceptions.contains(String($0)) || AddressTokens.isAddress($0)
                }.count
                passes = Double(conforming) / Double(words.count) >= threshold
            }
            if !passes {
                findings.append(
                    header.finding(
                        input, range: subject.range, arguments: [text, expected],
                        suggestions: expected == text ? [] : [expected]))
            }
        }
        return findings
    }

    func converted(_ text: String, keepingAcronyms: Bool = true) -> String {
        switch style {
        case .lower: return text.lowercased()
        case .upper: return text.uppercased()
        case .pattern: return text
        case .title, .sentence:
            let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            var result: [String] = []
            var startOfPhrase = true
            for (index, word) in words.enumerated() {
                let isLast = index == words.count - 1
                var out = word
                // An address, hashtag or mention keeps its case: changing it breaks the link or the handle.
                if exceptions.contains(word) || (keepingAcronyms && isAcronym(word)) || AddressTokens.isAddress(word) {
                    out = word
                } else if case .sentence = style {
                    out = startOfPhrase ? capitalizeFirst(word.lowercased()) : word.lowercased()
                } else {
                    let lower = word.lowercased()
                    out = !startOfPhrase && !isLast && Self.minorWords.contains(lower) ? lower : capitalizeFirst(word)
                }
                result.append(out)
                // After an indicator (`:`) a new phrase starts, and after a list number that opens the block
                // ("8. Do step eight"), as in Vale.
                if !word.isEmpty {
                    startOfPhrase =
                        indicators.contains { word.hasSuffix($0) } || (index == 0 && Self.isListNumber(word))
                }
            }
            return result.joined(separator: " ")
        }
    }

    /// `8.`, `12.`: a numbered heading's number.
    private static func isListNumber(_ word: String) -> Bool {
        word.count > 1 && word.hasSuffix(".") && word.dropLast().allSatisfy { $0.isASCII && $0.isNumber }
    }

    private func isAcronym(_ word: String) -> Bool {
        let letters = word.filter(\.isLetter)
        return letters.count > 1 && letters.allSatisfy(\.isUppercase)
    }

    private func capitalizeFirst(_ word: String) -> String {
        guard let index = word.firstIndex(where: \.isLetter) else { return word }
        return word[..<index] + word[index].uppercased() + word[word.index(after: index)...]
    }
}

extension CapitalizationRule {
    static let documentation = RuleKindDocumentation(
        summary: "A block (usually a heading) must be in the given case; the finding suggests the converted text.",
        sharedWithVale: true,
        keys: [
            .init("match", "`$title`, `$sentence`, `$lower`, `$upper` or a pattern", "the case the block must be in"),
            .init("style", "`AP` or `Chicago`", "which words title case leaves in lower case"),
            .init("exceptions", "list of patterns", "words kept as written (names, brands)"),
            .init("indicators", "list of strings", "after these a new sentence starts in sentence case (default `:`)"),
            .init("threshold", "number from 0 to 1", "share of words that must follow the case (default 0.8)"),
            .init("vocab", "boolean", "the configuration's accepted vocabulary counts as exceptions (default true)"),
            .init("prefix", "pattern", "Vale's key: accepted, not applied"),
        ],
        example:
            "extends: capitalization\nmessage: \"'%s' should be in sentence case.\"\nscope: heading\nmatch: $sentence\nexceptions: [Acme]\n",
        triggering: ["Launch news.\n\n# ↓Our New Product Launch In Ghent"],
        nonTriggering: ["Launch news.\n\n# Our new product launch in Ghent with Acme"])
}
