/// A problem in a rule file (or a configuration file), with the place in the YAML that caused it.
public struct RuleFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: String
    /// 1-based line and column in the file; nil when the problem concerns the file as a whole.
    public let line: Int?
    public let column: Int?
    public let message: String
    /// The rule refers to a name list the configuration leaves empty (e.g. no competitors): it is skipped, not
    /// an error.
    public let notApplicable: Bool

    public init(path: String, line: Int?, column: Int?, message: String, notApplicable: Bool = false) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.notApplicable = notApplicable
    }

    public var description: String {
        var location = path
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): \(message)"
    }
}
