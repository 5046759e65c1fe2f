/// One thing a rule found in a draft. Positions are UTF-8 byte offsets into the draft; lines and columns are derived
/// when reporting.
public struct Finding: Sendable, Hashable {
    public var ruleID: String
    public var severity: Severity
    public var message: String
    /// Byte range in the draft.
    public var range: Range<Int>
    /// The matched text.
    public var match: String
    /// Replacements that would fix it, best first.
    public var suggestions: [String]
    public var action: RuleAction?
    public var link: String?
    public var description: String

    public init(ruleID: String, severity: Severity, message: String, range: Range<Int>, match: String,
                suggestions: [String] = [], action: RuleAction? = nil, link: String? = nil, description: String = "")
    {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.range = range
        self.match = match
        self.suggestions = suggestions
        self.action = action
        self.link = link
        self.description = description
    }
}
