/// A finding with its positions worked out for people and tools: 1-based lines, 1-based columns in Unicode code
/// points (end exclusive), UTF-16 columns and offsets for clients that count that way, and the byte span.
public struct ReportedFinding: Sendable {
    public let finding: Finding
    public let start: TextLocation
    public let end: TextLocation

    public init(_ finding: Finding, in source: SourceText) {
        self.finding = finding
        self.start = source.location(of: finding.range.lowerBound)
        self.end = source.location(of: finding.range.upperBound)
    }
}

/// What a run produced for one input: a result, or an error that kept it from being checked.
public struct FileReport: Sendable {
    public let path: String
    public let result: CheckResult?
    public let error: String?

    public init(path: String, result: CheckResult) {
        self.path = path
        self.result = result
        self.error = nil
    }

    public init(path: String, error: String) {
        self.path = path
        self.result = nil
        self.error = error
    }

    public var reportedFindings: [ReportedFinding] {
        guard let result else { return [] }
        return result.findings.map { ReportedFinding($0, in: result.draft.original) }
    }
}

/// Counts over a run.
public struct RunSummary: Sendable {
    public var files = 0
    public var errors = 0
    public var warnings = 0
    public var suggestions = 0
    public var inputErrors = 0

    public init(_ reports: [FileReport]) {
        for report in reports {
            if report.error != nil { inputErrors += 1 }
            guard let result = report.result else { continue }
            files += 1
            for finding in result.findings {
                switch finding.severity {
                case .error: errors += 1
                case .warning: warnings += 1
                case .suggestion: suggestions += 1
                }
            }
            inputErrors += result.ruleErrors.count
        }
    }
}

/// Writes a run's reports in one output format.
public protocol Reporter {
    func render(_ reports: [FileReport]) -> String
}
