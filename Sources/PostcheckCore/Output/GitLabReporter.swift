/// GitLab Code Quality (a Code Climate subset): a JSON array of issues with `check_name`, `description`,
/// `severity`, `location.path` and `location.positions`, and a fingerprint made from rule, path, matched text and
/// occurrence, so that moving a line does not make GitLab see a new issue.
public struct GitLabReporter: Reporter {
    public init() {}

    public func render(_ run: RunReport) -> String {
        var issues: [JSONValue] = []
        for report in run.reports {
            let fingerprints = report.fingerprints
            let path = report.path.hasPrefix("./") ? String(report.path.dropFirst(2)) : report.path
            for (index, reported) in report.reportedFindings.enumerated() {
                let finding = reported.finding
                issues.append(
                    .object([
                        ("type", .string("issue")),
                        ("check_name", .string(finding.ruleID)),
                        ("description", .string(finding.message)),
                        ("categories", .array([.string("Style")])),
                        ("severity", .string(gitlabSeverity(finding.severity))),
                        ("fingerprint", .string(fingerprints[index])),
                        (
                            "location",
                            .object([
                                ("path", .string(path)),
                                (
                                    "lines",
                                    .object([("begin", .int(reported.start.line)), ("end", .int(reported.end.line))])
                                ),
                                (
                                    "positions",
                                    .object([
                                        (
                                            "begin",
                                            .object([
                                                ("line", .int(reported.start.line)),
                                                ("column", .int(reported.start.column)),
                                            ])
                                        ),
                                        (
                                            "end",
                                            .object([
                                                ("line", .int(reported.end.line)),
                                                ("column", .int(reported.end.column)),
                                            ])
                                        ),
                                    ])
                                ),
                            ])
                        ),
                    ]))
            }
        }
        return JSONValue.array(issues).serialized() + "\n"
    }

    private func gitlabSeverity(_ severity: Severity) -> String {
        switch severity {
        case .error: "major"
        case .warning: "minor"
        case .suggestion: "info"
        }
    }
}

extension GitLabReporter {
    public static let outputFormat = OutputFormat(name: "gitlab", summary: "GitLab Code Quality") { _ in
        GitLabReporter()
    }
}
