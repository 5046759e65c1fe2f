import Foundation

/// `extends: substitution` — flags each `swap` key and suggests its value (`a|b` offers several). No finding when the
/// text already reads as the suggestion.
struct SubstitutionRule: RuleKind, CompiledRule {
    static let name = "substitution"
    static let keys: Set<String> = [
        "swap", "exceptions", "ignorecase", "nonword", "vocab", "capitalize", "pos", "matchcase",
    ]

    let header: RuleHeader
    let pattern: RegexPattern
    /// Replacement text per swap entry, longest key first.
    let replacements: [String]
    /// The swap entry each capture group stands for (group n+1 ↔ groupEntries[n]); `nil` for the one group that
    /// holds every literal key factored into a trie, whose entry is found from the matched text.
    let groupEntries: [Int?]
    /// Literal keys (lower-cased under `ignorecase`) → swap entry.
    let literalEntries: [String: Int]
    let exceptions: ExceptionFilter
    let ignoreCase: Bool
    let capitalize: Bool
    let replaceAction: Bool
    let expectedPatterns: [RegexPattern?]

    static func compile(
        header: RuleHeader, fields: YAMLFields, context: RuleCompileContext
    ) throws(RuleFileError)
        -> any CompiledRule
    {
        guard var pairs = try fields.stringPairs("swap"), !pairs.isEmpty else {
            throw fields.error(at: nil, "a substitution rule needs a non-empty 'swap' mapping")
        }
        // Longest key first, so that alternation prefers the longer phrase.
        pairs = pairs.enumerated().sorted {
            $0.element.key.count != $1.element.key.count
                ? $0.element.key.count > $1.element.key.count : $0.offset < $1.offset
        }.map(\.element)
        let nonword = try fields.bool("nonword") ?? false
        let ignoreCase = try fields.bool("ignorecase") ?? false
        // Long lists of plain words (proselint's Needless has 350) go into one trie-shaped group: PCRE2 then follows
        // one path per position instead of trying every key. Keys that are patterns keep a group each, before the
        // trie, longest first as before.
        let isLiteral = TokenTrie.isLiteral
        let literalIndices = pairs.indices.filter { isLiteral(pairs[$0].key) }
        let fold = { (key: String) in ignoreCase ? key.lowercased() : key }
        var groupEntries: [Int?] = []
        var literalEntries: [String: Int] = [:]
        var alternation: String
        if literalIndices.count >= 8,
            let trie = TokenTrie.alternation(literalIndices.map { pairs[$0].key }, caseInsensitive: ignoreCase)
        {
            let patternIndices = pairs.indices.filter { !isLiteral(pairs[$0].key) }
            groupEntries = patternIndices.map { Optional($0) } + [nil]
            for index in literalIndices where literalEntries[fold(pairs[index].key)] == nil {
                literalEntries[fold(pairs[index].key)] = index
            }
            alternation = (patternIndices.map { "(\(removingCaptureGroups(pairs[$0].key)))" } + ["(\(trie))"]).joined(
                separator: "|")
        } else {
            groupEntries = pairs.indices.map { Optional($0) }
            alternation = pairs.map { "(\(removingCaptureGroups($0.key)))" }.joined(separator: "|")
        }
        var options: RegexOptions = [.multiline]
        if ignoreCase { options.insert(.caseInsensitive) }
        var source = context.wrap(alternation, word: !nonword)
        if context.wordTemplate == nil, let hint = TokenTrie.firstCharacterHint(for: pairs.map(\.key)) {
            source = hint + source
        }
        let pattern = try fields.compile(source, options: options, from: ["swap"])
        // Every match starts with a known text of one of the keys: the rule joins the linter's shared scan.
        let texts = pairs.map { TokenTrie.leadingTexts(of: $0.key) }
        if context.wordTemplate == nil, texts.allSatisfy({ $0 != nil }) {
            pattern.setLeadingTexts(texts.map { $0! }, tokensEndPattern: !nonword)
        }
        let exceptions = try ExceptionFilter(
            exceptions: try fields.stringList("exceptions") ?? [], accepted: context.acceptedTerms,
            useVocabulary: (try fields.bool("vocab") ?? true) && !nonword, fields: fields)
        let expectedPatterns: [RegexPattern?] = pairs.map { pair in
            isPhrase(pair.value) ? nil : try? RegexPattern("^(?:\(pair.value))$")
        }
        return SubstitutionRule(
            header: header, pattern: pattern, replacements: pairs.map(\.value), groupEntries: groupEntries,
            literalEntries: literalEntries, exceptions: exceptions,
            ignoreCase: ignoreCase, capitalize: try fields.bool("capitalize") ?? false,
            replaceAction: header.action?.name == "replace", expectedPatterns: expectedPatterns)
    }

    var literalPatterns: [RegexPattern] { pattern.startTexts != nil ? [pattern] : [] }

    func check(_ input: CheckInput) throws(MatchError) -> [Finding] {
        var findings: [Finding] = []
        for subject in input.subjects {
            try input.checkDeadline()
            for match in try input.matches(pattern, in: subject, groups: true) {
                guard let matchedGroup = match.groups.firstIndex(where: { $0 != nil }),
                    let range = match.groups[matchedGroup]
                else { continue }
                // Not inside an address, hashtag or mention: a fix there would break it (unless the rule reads the
                // raw file on purpose).
                if !header.scope.includesRaw
                    && AddressTokens.contains(range, in: input.buffer(subject), bounds: subject.range)
                {
                    continue
                }
                let observed = input.text(range).trimmingSpacesAndBreaks()
                guard let group = groupEntries[matchedGroup] ?? literalEntry(for: observed) else { continue }
                let expected = replacements[group]
                if try alreadyConforms(observed, group: group, input: input) { continue }
                if try exceptions.suppresses(range, in: subject, input: input) { continue }
                var options = splitAlternatives(expected)
                if capitalize, let first = observed.first, first.isUppercase {
                    options = options.map { $0.prefix(1).uppercased() + $0.dropFirst() }
                }
                var message = header.message(for: input.messageLanguage)
                var shown = expected
                if replaceAction && (header.action?.params.isEmpty ?? true) {
                    // Vale words several suggestions as a sentence and then drops the quotes around the first `%s`.
                    shown = sentenceList(options)
                    message = unquotingFirstPlaceholder(message)
                }
                if let params = header.action?.params, !params.isEmpty { options = params }
                findings.append(
                    header.finding(
                        input, range: range, arguments: [shown, observed], suggestions: options,
                        message: message))
            }
        }
        return findings
    }

    /// The swap entry of a literal key matched in the trie group.
    private func literalEntry(for observed: String) -> Int? {
        let key = ignoreCase ? observed.lowercased() : observed
        if let entry = literalEntries[key] { return entry }
        // PCRE2's case folding and Swift's lower-casing can differ on rare letters: compare folded forms.
        return literalEntries.first { $0.key.compare(observed, options: [.caseInsensitive]) == .orderedSame }?.value
    }

    private func alreadyConforms(_ observed: String, group: Int, input: CheckInput) throws(MatchError) -> Bool {
        // With `action: replace` the value is literal text (`...` must not read as "any three characters");
        // otherwise it may be a pattern describing the accepted forms. Case matters either way.
        let expected = replacements[group]
        if replaceAction { return splitAlternatives(expected).contains(observed) }
        guard let pattern = expectedPatterns[group] else { return expected == observed }
        return try pattern.isMatch(observed, scratch: input.scratch)
    }
}

/// Letters, digits, spaces and hyphens only: compared literally rather than as a pattern.
func isPhrase(_ text: String) -> Bool {
    text.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" }
}

/// Splits `a|b|c` into alternatives; `\|` is a literal bar.
func splitAlternatives(_ text: String) -> [String] {
    var parts: [String] = []
    var current = ""
    var escaped = false
    for character in text {
        if escaped {
            if character != "|" { current.append("\\") }
            current.append(character)
            escaped = false
        } else if character == "\\" {
            escaped = true
        } else if character == "|" {
            parts.append(current)
            current = ""
        } else {
            current.append(character)
        }
    }
    if escaped { current.append("\\") }
    parts.append(current)
    return parts
}

/// `'a'`, `'a' or 'b'`, `'a', 'b', or 'c'`.
func sentenceList(_ words: [String]) -> String {
    let quoted = words.map { "'\($0)'" }
    switch quoted.count {
    case 0: return ""
    case 1: return quoted[0]
    case 2: return "\(quoted[0]) or \(quoted[1])"
    default: return quoted.dropLast().joined(separator: ", ") + ", or " + quoted.last!
    }
}

/// The suggestions arrive quoted (`'a' or 'b'`), so a message that quotes its first placeholder (`Use '%s'`) loses
/// those quotes. Vale does this only when the message quotes exactly two placeholders, which prints `''x''` for
/// messages such as "Did you mean '%s'?"; postcheck does it whenever the first placeholder is quoted.
func unquotingFirstPlaceholder(_ message: String) -> String {
    guard let placeholder = message.range(of: "%s") else { return message }
    guard placeholder.lowerBound > message.startIndex, placeholder.upperBound < message.endIndex else { return message }
    let before = message[message.index(before: placeholder.lowerBound)]
    let after = message[placeholder.upperBound]
    guard before == after, before == "'" || before == "\"" else { return message }
    return String(message[..<message.index(before: placeholder.lowerBound)]) + "%s"
        + String(message[message.index(after: placeholder.upperBound)...])
}

func occurrences(of needle: String, in haystack: String) -> Int {
    var count = 0
    var rest = Substring(haystack)
    while let range = rest.range(of: needle) {
        count += 1
        rest = rest[range.upperBound...]
    }
    return count
}

extension SubstitutionRule {
    static let documentation = RuleKindDocumentation(
        summary:
            "Flags each key of `swap` and suggests its value; `a|b` as a value offers several. Message arguments: the expected text, then the observed.",
        sharedWithVale: true,
        keys: [
            .init("swap", "mapping of pattern to replacement", "what to flag, and what to write instead"),
            .init("ignorecase", "boolean", "match regardless of case"),
            .init("nonword", "boolean", "do not wrap keys in word boundaries"),
            .init("exceptions", "list of patterns", "matches that equal one of these are not flagged"),
            .init("vocab", "boolean", "the configuration's accepted vocabulary counts as exceptions (default true)"),
            .init("capitalize", "boolean", "a replacement of a capitalised match is capitalised too"),
            .init(
                "pos", "string",
                "Vale's part-of-speech filter: accepted, not applied (postcheck tags no parts of speech)"),
            .init("matchcase", "boolean", "Vale's key: accepted, not applied"),
        ],
        example:
            "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nignorecase: true\nswap:\n  e-mail: email\n  utilise: use\n",
        triggering: ["Send us an ↓e-mail and we ↓utilise it."],
        nonTriggering: ["Send us an email and we use it."])
}
