/// What every rule kind needs when its rules are compiled.
public struct RuleCompileContext: Sendable {
    /// Accepted vocabulary terms (regexes): exceptions for every rule with `vocab: true` (the default).
    public var acceptedTerms: [String]
    /// Replaces Vale's word template `\b(?:%s)\b` when set (`.vale.ini` `WordTemplate`).
    public var wordTemplate: String?
    /// Values for `{{name}}` placeholders: the configuration's names and policy.
    public var variables: [String: [String]]

    public init(acceptedTerms: [String] = [], wordTemplate: String? = nil, variables: [String: [String]] = [:]) {
        self.acceptedTerms = acceptedTerms
        self.wordTemplate = wordTemplate
        self.variables = variables
    }

    /// Wraps an alternation in the word template (or leaves it bare for `nonword` rules).
    ///
    /// Vale's `\b(?:…)\b` can never match a token that starts or ends with punctuation where it meets a space
    /// ("a.m." at the end of a word, "Globex (BE)"): vale-cli/vale#1154. When a token does, postcheck uses
    /// "not next to a letter, digit or underscore" instead, which is the same for every other token.
    func wrap(_ alternation: String, word: Bool, tokens: [String] = []) -> String {
        guard word else { return "(?:\(alternation))" }
        if let template = wordTemplate, template.contains("%s") {
            return template.replacingFirst("%s", with: alternation)
        }
        if tokens.contains(where: Self.hasPunctuationEdge) {
            return "(?<![\\p{L}\\p{N}_])(?:\(alternation))(?![\\p{L}\\p{N}_])"
        }
        return "\\b(?:\(alternation))\\b"
    }

    /// Whether a token (as a pattern) begins or ends with an escaped punctuation character or `)`/`.`-like literal.
    static func hasPunctuationEdge(_ token: String) -> Bool {
        guard let first = token.first, let last = token.last else { return false }
        let endsWithEscapedPunctuation =
            token.count >= 2 && token.dropLast().last == "\\" && !last.isLetter && !last.isNumber
        let startsWithEscapedPunctuation =
            first == "\\" && token.count >= 2 && !token.dropFirst().first!.isLetter
            && !token.dropFirst().first!.isNumber
        return endsWithEscapedPunctuation || startsWithEscapedPunctuation
    }
}
