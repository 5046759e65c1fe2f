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
    /// The safe, unambiguous fix, when there is one (set by the linter from the suggestions).
    public var fix: Fix?
    /// For scored rules: the words and patterns that drove the score, strongest first.
    public var cues: [FindingCue] = []

    public init(
        ruleID: String, severity: Severity, message: String, range: Range<Int>, match: String,
        suggestions: [String] = [], action: RuleAction? = nil, link: String? = nil, description: String = ""
    ) {
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

/// Replace the bytes in `range` of the original file with `replacement`.
public struct Fix: Sendable, Hashable {
    public var range: Range<Int>
    public var replacement: String

    public init(range: Range<Int>, replacement: String) {
        self.range = range
        self.replacement = replacement
    }

    /// The fix for a finding: only when there is exactly one suggestion and it changes the text. A removal also
    /// takes one neighbouring space, so that no double space is left behind.
    static func planned(for finding: Finding, in source: SourceText) -> Fix? {
        guard finding.suggestions.count == 1, let replacement = finding.suggestions.first else { return nil }
        guard replacement != finding.match else { return nil }
        var range = finding.range
        if replacement.isEmpty {
            let bytes = source.bytes
            if range.upperBound < bytes.count && bytes[range.upperBound] == 0x20 {
                range = range.lowerBound..<(range.upperBound + 1)
            } else if range.lowerBound > 0 && bytes[range.lowerBound - 1] == 0x20 {
                range = (range.lowerBound - 1)..<range.upperBound
            }
        }
        return Fix(range: range, replacement: replacement)
    }
}

/// One piece of evidence behind a scored finding: what matched, where, and how much it weighed.
public struct FindingCue: Sendable, Hashable {
    public var range: Range<Int>
    public var text: String
    public var weight: Double

    public init(range: Range<Int>, text: String, weight: Double) {
        self.range = range
        self.text = text
        self.weight = weight
    }
}
