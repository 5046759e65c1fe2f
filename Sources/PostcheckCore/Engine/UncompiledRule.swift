/// A rule file that could not be compiled (a pattern PCRE2 rejects, a bad key), kept in place of its rule when the
/// loader is asked to go on (`RuleLoader.keepsUncompiledRules`): it costs only that rule. Wherever the rule would
/// run, the check reports it as not run, with the file's error, and so never passes (exit 2 on the command line).
public struct UncompiledRule: CompiledRule {
    public let header: RuleHeader
    public let error: RuleFileError

    public init(id: String, error: RuleFileError) {
        // An error-level header: a minimum severity never hides the rule's absence.
        header = RuleHeader(id: id, kind: "uncompiled", message: "", severity: .error, path: error.path)
        self.error = error
    }

    /// Never called: `Linter.runRules` reports the rule instead of running it.
    public func check(_ input: CheckInput) throws(MatchError) -> [Finding] { [] }

    public var uncompiledError: RuleFileError? { error }

    /// What a draft's check says about the rule.
    var runError: RuleRunError { Self.runError(ruleID: header.id, error: error) }

    static func runError(ruleID: String, error: RuleFileError) -> RuleRunError {
        RuleRunError(
            ruleID: ruleID, message: "not run: its rule file could not be compiled: \(error)", ruleFileError: error)
    }
}
