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

    public init() {}

    public init(_ reports: [FileReport]) {
        for report in reports { add(report) }
    }

    /// Counts one more report (a streamed report counts them as they come).
    public mutating func add(_ report: FileReport) {
        if report.error != nil { inputErrors += 1 }
        guard let result = report.result else { return }
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

/// Everything a reporter may need about a run: the per-file reports and the rules they came from.
public struct RunReport: Sendable {
    public let reports: [FileReport]
    /// Every rule that could have produced a finding, by id.
    public let rules: [String: RuleHeader]
    public let toolVersion: String

    public init(reports: [FileReport], rules: [String: RuleHeader] = [:], toolVersion: String = postcheckVersion) {
        self.reports = reports
        self.rules = rules
        self.toolVersion = toolVersion
    }

    /// The header of a rule that produced findings (a minimal one when the catalogue lacks it).
    public func rule(_ id: String) -> RuleHeader {
        rules[id] ?? BuiltinRules.header(id)
            ?? RuleHeader(id: id, kind: "unknown", message: id, severity: .warning, path: "")
    }
}

/// postcheck's version: the one place it is written (`--version` of both executables, SARIF, `/healthz`, releases).
public let postcheckVersion = "0.1.0"

/// Writes a run's reports in one output format.
public protocol Reporter {
    func render(_ run: RunReport) -> String
    /// The report as UTF-8 bytes, for writing to a file or standard output.
    func renderBytes(_ run: RunReport) -> [UInt8]
}

extension Reporter {
    public func render(_ reports: [FileReport]) -> String { render(RunReport(reports: reports)) }

    public func renderBytes(_ run: RunReport) -> [UInt8] { Array(render(run).utf8) }
}

/// A stable, short fingerprint (FNV-1a, 64 bits, hex) of some strings: the same inputs give the same value on
/// every machine and run, so CI systems can follow a finding across commits.
public func stableFingerprint(_ parts: [String]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for part in parts {
        for byte in part.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        hash ^= 0xFF
        hash = hash &* 0x0000_0100_0000_01B3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}

extension FileReport {
    /// Fingerprints for this file's findings that survive line moves: rule, path, matched text, and which
    /// occurrence of that (rule, text) pair in the file it is.
    public var fingerprints: [String] {
        var seen: [String: Int] = [:]
        return (result?.findings ?? []).map { finding in
            let key = finding.ruleID + "\u{1F}" + finding.match
            let occurrence = seen[key, default: 0]
            seen[key] = occurrence + 1
            return stableFingerprint([finding.ruleID, path, finding.match, String(occurrence)])
        }
    }
}
