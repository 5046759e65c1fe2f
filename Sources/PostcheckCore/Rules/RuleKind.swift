/// A kind of rule (`extends: <name>`): the keys it takes and how to compile a rule file of that kind.
/// New kinds are added to a `RuleKindRegistry`; nothing in the engine names a kind.
public protocol RuleKind: Sendable {
    static var name: String { get }
    /// Keys this kind takes in addition to the common header keys.
    static var keys: Set<String> { get }
    static func compile(
        header: RuleHeader, fields: YAMLFields, context: RuleCompileContext
    ) throws(RuleFileError)
        -> any CompiledRule
    /// The kind's keys, summary and a tested example (docs/rule-kinds.md is generated from it).
    static var documentation: RuleKindDocumentation { get }
}

extension RuleKind {
    public static var documentation: RuleKindDocumentation { .none }
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
    /// Set for a rule whose file did not compile (`UncompiledRule`): reported instead of run.
    var uncompiledError: RuleFileError? { get }
}

extension CompiledRule {
    public var literalPatterns: [RegexPattern] { [] }
    public var specificity: Int { 0 }
    public var uncompiledError: RuleFileError? { nil }

    public func literalPatterns(forLanguage language: String?) -> [RegexPattern] { literalPatterns }
}
