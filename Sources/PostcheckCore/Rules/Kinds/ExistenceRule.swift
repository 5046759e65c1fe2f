/// `extends: existence` — flags every occurrence of its tokens (word-bounded unless `nonword`) or raw pattern.
struct ExistenceRule: RuleKind, CompiledRule {
    static let name = "existence"
    static let keys: Set<String> = [
        "tokens", "raw", "exceptions", "append", "ignorecase", "nonword", "vocab", "near", "validate", "wordlist",
    ]

    let header: RuleHeader
    /// The patterns per language when `tokens` is given per language (`*`: every language): one, or for a word
    /// list too large for one PCRE2 pattern (50,000 terms), several, each over a part of the list.
    let patterns: [String: [RegexPattern]]
    let exceptions: ExceptionFilter
    /// postcheck: flag a match only when one of these patterns is near it (same sentence, or within N words).
    let near: Proximity?
    /// postcheck: keep only matches whose checksum or structure is valid.
    let validator: MatchValidator?
    var specificity: Int { validator?.specificity ?? 0 }

    static func compile(
        header: RuleHeader, fields: YAMLFields, context: RuleCompileContext
    ) throws(RuleFileError)
        -> any CompiledRule
    {
        var tokenLists = try fields.stringListsByLanguage("tokens") ?? ["*": []]
        // postcheck: `wordlist` files (one literal term per line, next to the rule), per language or one.
        for (language, node) in try fields.perLanguageNodes("wordlist") ?? [:] {
            guard let name = node.string else {
                throw fields.error(at: node, "'wordlist' names a file (or one per language)")
            }
            let file = try fields.siblingFile(name, key: "wordlist")
            let terms = file.text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: [" ", "\t"]) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            tokenLists[language, default: []] += terms.map(RegexPattern.escape)
        }
        if tokenLists.count > 1, let shared = tokenLists["*"] {
            // Tokens for every language join each language's own list; a language without its own list keeps them.
            if shared.isEmpty { tokenLists.removeValue(forKey: "*") }
            for language in tokenLists.keys where language != "*" { tokenLists[language]! += shared }
        }
        let raw = try fields.stringList("raw") ?? []
        guard tokenLists.values.contains(where: { !$0.isEmpty }) || !raw.isEmpty else {
            throw fields.error(at: nil, "an existence rule needs 'tokens' or 'raw' (without them it never matches)")
        }
        let nonword = try fields.bool("nonword") ?? false
        let append = try fields.bool("append") ?? false
        var options: RegexOptions = [.multiline]
        if try fields.bool("ignorecase") ?? false { options.insert(.caseInsensitive) }
        var patterns: [String: [RegexPattern]] = [:]
        let rawPart = raw.joined()
        /// The pattern for `tokens` (with the raw part), or for a word list that PCRE2 finds too large, one pattern
        /// per half, halved again until each compiles: the matches are the same, only found by several scans.
        func compilePatterns(_ tokens: [String]) throws(RuleFileError) -> [RegexPattern] {
            let alternation =
                TokenTrie.alternation(tokens, caseInsensitive: options.contains(.caseInsensitive))
                ?? tokens.joined(separator: "|")
            var source = tokens.isEmpty ? "" : context.wrap(alternation, word: !nonword, tokens: tokens)
            if raw.isEmpty, context.wordTemplate == nil, let hint = TokenTrie.firstCharacterHint(for: tokens) {
                source = hint + source
            }
            source = append ? source + rawPart : rawPart + source
            let pattern: RegexPattern
            do {
                pattern = try RegexPattern(source, options: options)
            } catch let error where raw.isEmpty && tokens.count > 1 && error.message.contains("too large") {
                let half = tokens.count / 2
                return try compilePatterns(Array(tokens[..<half])) + compilePatterns(Array(tokens[half...]))
            } catch {
                // Find the entry at fault, for an error that names its line.
                _ = try fields.compile(source, options: options, from: ["tokens", "raw"])
                throw fields.error(at: nil, "invalid regular expression: \(error.message)")
            }
            // Word lists (no raw pattern, Vale's word template or none) start every match with a known text of one
            // of their tokens: they join the linter's shared scan. So does a pattern whose raw part comes first
            // and starts with known texts (proselint's Uncomparables: `\b(?:most|very|…)\b\s*` before the tokens).
            let texts = tokens.map(TokenTrie.leadingTexts)
            if raw.isEmpty, context.wordTemplate == nil, !tokens.isEmpty, texts.allSatisfy({ $0 != nil }) {
                pattern.setLeadingTexts(texts.map { $0! }, tokensEndPattern: !nonword)
            } else if !raw.isEmpty, !append, !rawPart.isEmpty, let rawTexts = TokenTrie.leadingTexts(of: rawPart) {
                // The raw part goes on after its texts: whole texts are only beginnings of the pattern's matches.
                pattern.setLeadingTexts([rawTexts], tokensEndPattern: false)
            }
            return [pattern]
        }
        for (language, tokens) in tokenLists {
            patterns[language] = try compilePatterns(tokens)
        }
        let exceptions = try ExceptionFilter(
            exceptions: try fields.stringList("exceptions") ?? [], accepted: context.acceptedTerms,
            useVocabulary: (try fields.bool("vocab") ?? true) && !nonword, fields: fields)
        var validator: MatchValidator? = nil
        if let name = try fields.string("validate") {
            guard let known = MatchValidator(rawValue: name) else {
                throw fields.error(
                    key: "validate",
                    "unknown validator '\(name)' (known: \(MatchValidator.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            validator = known
        }
        return ExistenceRule(
            header: header, patterns: patterns, exceptions: exceptions,
            near: try Proximity(fields: fields, options: options), validator: validator)
    }

    var literalPatterns: [RegexPattern] { patterns.values.flatMap { $0 }.filter { $0.startTexts != nil } }

    /// The patterns `check` picks for the language, as `check` picks them.
    func literalPatterns(forLanguage language: String?) -> [RegexPattern] {
        (language.flatMap({ patterns[$0] }) ?? patterns["*"] ?? []).filter { $0.startTexts != nil }
    }

    func check(_ input: CheckInput) throws(MatchError) -> [Finding] {
        // Per-language tokens: the draft's language picks its list; a draft in another language has none.
        guard let chosen = input.language.flatMap({ patterns[$0] }) ?? patterns["*"] else { return [] }
        var findings: [Finding] = []
        for subject in input.subjects {
            try input.checkDeadline()
            var sentences: [Range<Int>]?? = .none
            var matches: [RegexMatch] = []
            for pattern in chosen { matches += try input.matches(pattern, in: subject) }
            // Parts of one split list: in order, the longest at a place, none inside another, as one pattern scanning
            // on after each match would give.
            if chosen.count > 1 {
                matches.sort { ($0.range.lowerBound, $1.range.count) < ($1.range.lowerBound, $0.range.count) }
                var end = Int.min
                matches = matches.filter { match in
                    guard match.range.lowerBound >= end else { return false }
                    end = max(match.range.upperBound, match.range.lowerBound + 1)
                    return true
                }
            }
            for match in matches {
                let text = input.text(match.range)
                // A match of nothing but white space or masking (`*`) is no finding. Nearly every match has an ASCII
                // byte that is neither, which settles it without walking the text's characters.
                let hasVisibleASCII = input.buffer(subject)[match.range].contains { byte in
                    byte < 0x80 && byte > 0x20 && byte != UInt8(ascii: "*")
                }
                guard hasVisibleASCII || !text.allSatisfy({ $0.isWhitespace || $0 == "*" }) else { continue }
                if try exceptions.suppresses(match.range, in: subject, input: input) { continue }
                if let validator, !validator.isValid(text.trimmingSpacesAndBreaks()) { continue }
                var nearby: Range<Int>? = nil
                if let near {
                    if case .none = sentences { sentences = .some(near.sentences(of: subject, input: input)) }
                    guard
                        let found = try near.find(
                            around: match.range, in: subject, input: input, sentences: sentences ?? nil)
                    else { continue }
                    nearby = found
                }
                // The match as Vale prints it: its own spaces kept (`'I '`, `' —'`), a run of white space as one.
                var arguments = [text.collapsingWhiteSpaceRuns()]
                if let action = header.action, action.name == "replace" { arguments.append(action.params.first ?? "") }
                var finding = header.finding(input, range: match.range, arguments: arguments, match: text)
                if let nearby { finding.cues = [FindingCue(range: nearby, text: input.text(nearby), weight: 1)] }
                findings.append(finding)
            }
        }
        return findings
    }
}

extension ExistenceRule {
    static let documentation = RuleKindDocumentation(
        summary:
            "Flags each occurrence of a token: a word list (word-bounded unless `nonword`), or the concatenated `raw` pattern.",
        sharedWithVale: true,
        keys: [
            .init(
                "tokens", "list of patterns, or one list per language",
                "what to flag; each is matched as a word (`\\b(?:…)\\b`) unless `nonword` (postcheck: `{nl: […], en: […]}` uses the draft's own language's list)"
            ),
            .init(
                "wordlist", "file name, or one per language",
                "postcheck: a file next to the rule, one literal term per line (`#` starts a comment), added to `tokens`"
            ),
            .init(
                "raw", "list of patterns",
                "pieces concatenated into one pattern, used as written (no word boundaries), before the tokens' pattern"
            ),
            .init("append", "boolean", "put `raw` after the tokens' pattern instead of before it"),
            .init("ignorecase", "boolean", "match regardless of case"),
            .init("nonword", "boolean", "do not wrap tokens in word boundaries"),
            .init("exceptions", "list of patterns", "matches that equal one of these are not flagged"),
            .init("vocab", "boolean", "the configuration's accepted vocabulary counts as exceptions (default true)"),
            .init(
                "near", "`{patterns: […], within: sentence or N}`",
                "postcheck: a match counts only with one of the patterns in the same sentence or within N characters"),
            .init(
                "validate", "`iban`, `luhn`, `be-national-number`, `nl-bsn`, `email` or `phone`",
                "postcheck: keep only matches whose checksum or structure is valid"),
        ],
        example:
            "extends: existence\nmessage: \"Placeholder '%s' left in the draft.\"\nlevel: error\nnonword: true\ntokens:\n  - '\\bTODO\\b'\n  - '\\[insert[^\\]]*\\]'\n",
        triggering: ["Launching on ↓TODO, see ↓[insert link]."],
        nonTriggering: ["Launching on Monday, see the link."])
}
