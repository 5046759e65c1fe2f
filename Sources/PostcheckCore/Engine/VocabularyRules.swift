/// Rules built from a configuration's vocabulary, as Vale's built-in style does:
/// `Vale.Terms` fixes the case of accepted terms, `Vale.Avoid` flags rejected ones. `Vale.Repetition` flags
/// repeated words.
enum VocabularyRules {
    static func make(
        _ vocabulary: Vocabulary, path: String, context: RuleCompileContext
    ) throws(RuleFileError)
        -> [any CompiledRule]
    {
        var rules: [any CompiledRule] = []
        let loader = RuleLoader()
        func yamlList(_ items: [String]) -> String {
            items.map { "  - '\($0.replacingOccurrences("'", "''"))'" }.joined(separator: "\n")
        }
        let literalAccepted = vocabulary.accept.filter(isPhrase)
        if !literalAccepted.isEmpty {
            let swaps = literalAccepted.map {
                "  '\(RegexPattern.escape($0).replacingOccurrences("'", "''"))': '\($0.replacingOccurrences("'", "''"))'"
            }.joined(separator: "\n")
            rules.append(
                try loader.compileRule(
                    id: "Vale.Terms", path: path,
                    text: """
                        extends: substitution
                        message: "Use '%s' instead of '%s'."
                        level: error
                        ignorecase: true
                        vocab: false
                        action:
                          name: replace
                        swap:
                        \(swaps)
                        """, context: RuleCompileContext()))
        }
        if !vocabulary.reject.isEmpty {
            rules.append(
                try loader.compileRule(
                    id: "Vale.Avoid", path: path,
                    text: """
                        extends: existence
                        message: "Avoid using '%s'."
                        level: error
                        ignorecase: false
                        vocab: false
                        tokens:
                        \(yamlList(vocabulary.reject))
                        """, context: RuleCompileContext()))
        }
        rules.append(
            try loader.compileRule(
                id: "Vale.Repetition", path: path,
                text: """
                    extends: repetition
                    message: "'%s' is repeated!"
                    level: error
                    alpha: true
                    ignorecase: true
                    action:
                      name: edit
                      params: [truncate, " "]
                    tokens:
                      - '[^\\s\\.!?]+'
                    """, context: context))
        return rules
    }
}

extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
