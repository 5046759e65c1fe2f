/// `path:line:col: severity: message [rule]`, one finding a line: the format vim's and Emacs's error parsers read.
public struct LineReporter: Reporter {
    public init() {}

    public func render(_ run: RunReport) -> String {
        let reports = run.reports
        var out = ""
        for report in reports {
            for reported in report.reportedFindings {
                let finding = reported.finding
                out += "\(report.path):\(reported.start.line):\(reported.start.column): \(finding.severity.rawValue): "
                out += "\(singleLine(finding.message)) [\(finding.ruleID)]\n"
            }
        }
        return out
    }
}

func singleLine(_ text: String) -> String {
    String(text.map { $0.isNewline ? " " : $0 })
}

extension LineReporter {
    public static let outputFormat = OutputFormat(
        name: "line", summary: "path:line:col: severity: message [rule], for vim and Emacs"
    ) { _ in LineReporter() }
}
