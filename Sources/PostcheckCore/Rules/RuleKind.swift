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
        let endsWithEscapedPunctuation = token.count >= 2 && token.dropLast().last == "\\" && !last.isLetter && !last.isNumber
        let startsWithEscapedPunctuation = first == "\\" && token.count >= 2 && !token.dropFirst().first!.isLetter
            && !token.dropFirst().first!.isNumber
        return endsWithEscapedPunctuation || startsWithEscapedPunctuation
    }
}

/// A kind of rule (`extends: <name>`): the keys it takes and how to compile a rule file of that kind.
/// New kinds are added to a `RuleKindRegistry`; nothing in the engine names a kind.
public protocol RuleKind: Sendable {
    static var name: String { get }
    /// Keys this kind takes in addition to the common header keys.
    static var keys: Set<String> { get }
    static func compile(header: RuleHeader, fields: YAMLFields, context: RuleCompileContext) throws(RuleFileError)
        -> any CompiledRule
}

/// A rule ready to run: compiled once, run on many drafts from many threads.
public protocol CompiledRule: Sendable {
    var header: RuleHeader { get }
    /// Runs the rule on the parts of a draft its scope selects.
    func check(_ input: CheckInput) throws(MatchError) -> [Finding]
    /// Patterns whose matches start at known texts (`RegexPattern.startTexts`), for the shared word-list scan.
    var literalPatterns: [RegexPattern] { get }
    /// The ones of them the rule uses on a draft in `language` (a rule with a word list per language uses one).
    func literalPatterns(forLanguage language: String?) -> [RegexPattern]
    /// How specific a match of this rule is (`MatchValidator.specificity`; 0 for rules without a validator): a
    /// finding overlapped by one of a more specific rule of the same guideline is dropped.
    var specificity: Int { get }
}

extension CompiledRule {
    public var literalPatterns: [RegexPattern] { [] }
    public var specificity: Int { 0 }

    public func literalPatterns(forLanguage language: String?) -> [RegexPattern] { literalPatterns }
}

/// The kinds a loader knows, by `extends:` name.
public struct RuleKindRegistry: Sendable {
    private var kinds: [String: any RuleKind.Type] = [:]

    public init(_ kinds: [any RuleKind.Type] = []) {
        for kind in kinds { register(kind) }
    }

    public mutating func register(_ kind: any RuleKind.Type) {
        kinds[kind.name] = kind
    }

    public func kind(named name: String) -> (any RuleKind.Type)? { kinds[name] }

    public var names: [String] { kinds.keys.sorted() }

    /// The Vale-compatible kinds.
    public static let standard = RuleKindRegistry([
        ExistenceRule.self, SubstitutionRule.self, OccurrenceRule.self, RepetitionRule.self, ConsistencyRule.self,
        ConditionalRule.self, CapitalizationRule.self, LexiconRule.self, DensityRule.self, RequiresRule.self, LengthRule.self, MetricRule.self,
    ])
}

/// The text a rule runs on: the draft, the subjects its scope selected, and per-thread match state.
public struct CheckInput {
    public struct Subject: Sendable, Hashable {
        public let range: Range<Int>
        /// Whether the range is read in the unmasked file (`raw` scope) rather than the masked prose.
        public let raw: Bool
    }

    public let draft: Draft
    public internal(set) var subjects: [Subject]
    public let masked: UnsafeBufferPointer<UInt8>
    public let raw: UnsafeBufferPointer<UInt8>
    public let scratch: MatchScratch
    /// The draft's language (nl, en, fr, de…), when known.
    public var language: String? = nil
    /// The platform the draft is for (front matter `platform`, else the configuration's), lower case.
    public var platform: String? = nil
    /// Text each platform appends to a post (`*`: every platform), counted by length rules.
    public var signatures: [String: String] = [:]
    /// Where word-list patterns may match in the masked text (one scan for all of them; see `LiteralPrefilter`).
    var candidates: LiteralPrefilter.Candidates? = nil
    /// The masked text's words, found once per draft and shared by the rules.
    var wordIndex: WordIndex? = nil

    public func buffer(_ subject: Subject) -> UnsafeBufferPointer<UInt8> { subject.raw ? raw : masked }

    /// The words (`WordCounter`) of `range` (the whole subject when nil) of `subject`.
    func words(in subject: Subject, range: Range<Int>? = nil) -> [Range<Int>] {
        let range = range ?? subject.range
        if !subject.raw, let wordIndex { return wordIndex.words(in: range) }
        return WordCounter.words(in: buffer(subject), range: range)
    }

    func wordCount(in subject: Subject, range: Range<Int>) -> Int {
        if !subject.raw, let wordIndex { return wordIndex.count(in: range) }
        return WordCounter.count(in: buffer(subject), range: range)
    }

    /// Each word of `range` of the masked text, in order.
    func forEachMaskedWord(in range: Range<Int>, _ body: (Range<Int>) -> Void) {
        if let wordIndex { return wordIndex.forEachWord(in: range, body) }
        WordCounter.forEachWord(in: masked, range: range, body)
    }

    public func text(_ range: Range<Int>) -> String { draft.source.string(range) }

    /// Throws `MatchError.timeLimit` once the check's deadline has passed: for each rule's loops.
    @inline(__always)
    public func checkDeadline() throws(MatchError) { try scratch.checkDeadline() }

    /// Every non-empty match of `pattern` in `subject`, or in `range` of it (a piece of a long text).
    public func matches(_ pattern: RegexPattern, in subject: Subject, range: Range<Int>? = nil, groups: Bool = false)
        throws(MatchError) -> [RegexMatch]
    {
        let range = range ?? subject.range
        if !subject.raw, let positions = candidates?.positions(for: pattern) {
            // The first candidate inside the range (positions are sorted).
            var low = 0
            var high = positions.count
            while low < high {
                let mid = (low + high) / 2
                if positions[mid] < range.lowerBound { low = mid + 1 } else { high = mid }
            }
            var found: [RegexMatch] = []
            try pattern.forEachMatch(in: masked, range: range, candidates: positions[low...], scratch: scratch,
                                     captureGroups: groups) { found.append($0) }
            return found
        }
        return try pattern.matches(in: buffer(subject), range: range, scratch: scratch, captureGroups: groups)
    }
}

extension RuleHeader {
    /// A finding of this rule at `range` with its message formatted from `arguments`.
    /// `match` is the text at `range` when the caller has it already.
    func finding(_ input: CheckInput, range: Range<Int>, arguments: [String], suggestions: [String] = [],
                 message: String? = nil, match: String? = nil) -> Finding
    {
        let match = match ?? input.text(range)
        var suggestions = suggestions
        if suggestions.isEmpty, let action {
            switch action.name {
            case "remove": suggestions = [""]
            case "edit": suggestions = EditAction.apply(action.params, to: match).map { [$0] } ?? []
            case "replace": suggestions = action.params
            default: break
            }
        }
        return Finding(ruleID: id, severity: severity, message: formatMessage(message ?? self.message, arguments),
                       range: range, match: match, suggestions: suggestions, action: action, link: link,
                       description: description)
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
