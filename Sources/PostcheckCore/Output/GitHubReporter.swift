/// GitHub Actions workflow commands: `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`,
/// escaped as the Actions runner unescapes them (`%`, CR, LF in data; also `:` and `,` in properties).
/// Columns are given only for single-line spans, as the runner uses them only then.
public struct GitHubReporter: Reporter {
    public init() {}

    public func render(_ run: RunReport) -> String {
        var out = ""
        for report in run.reports {
            if let error = report.error {
                out += "::error file=\(escapeProperty(report.path)),title=postcheck::\(escapeData(error))\n"
            }
            for ruleError in report.result?.ruleErrors ?? [] {
                out +=
                    "::error file=\(escapeProperty(report.path)),title=\(escapeProperty(ruleError.ruleID))::\(escapeData(ruleError.message))\n"
            }
            for reported in report.reportedFindings {
                let finding = reported.finding
                let command: String
                switch finding.severity {
                case .error: command = "error"
                case .warning: command = "warning"
                case .suggestion: command = "notice"
                }
                var properties =
                    "file=\(escapeProperty(report.path)),line=\(reported.start.line),endLine=\(reported.end.line)"
                if reported.start.line == reported.end.line {
                    properties += ",col=\(reported.start.column),endColumn=\(reported.end.column)"
                }
                properties += ",title=\(escapeProperty("postcheck (\(finding.ruleID))"))"
                var message = finding.message
                if let fix = finding.fix {
                    message += fix.replacement.isEmpty ? " Fix: remove it." : " Fix: '\(fix.replacement)'."
                }
                out += "::\(command) \(properties)::\(escapeData(message))\n"
            }
        }
        return out
    }
}

/// Escapes a workflow command's message.
public func escapeData(_ text: String) -> String {
    var out = ""
    for character in text.unicodeScalars {
        switch character {
        case "%": out += "%25"
        case "\r": out += "%0D"
        case "\n": out += "%0A"
        default: out.unicodeScalars.append(character)
        }
    }
    return out
}

/// Escapes a workflow command's property value.
public func escapeProperty(_ text: String) -> String {
    var out = ""
    for character in escapeData(text).unicodeScalars {
        switch character {
        case ":": out += "%3A"
        case ",": out += "%2C"
        default: out.unicodeScalars.append(character)
        }
    }
    return out
}

/// The Markdown summary for `$GITHUB_STEP_SUMMARY`: each draft's score and verdict, counts, and the rules that fired
/// most often.
public struct GitHubStepSummary: Reporter {
    public init() {}

    public func render(_ run: RunReport) -> String {
        let summary = RunSummary(run.reports)
        var out = "## postcheck\n\n"
        out += "\(plural(summary.files, "draft")) checked: \(plural(summary.errors, "error")), "
        out += "\(plural(summary.warnings, "warning")), \(plural(summary.suggestions, "suggestion"))"
        if summary.inputErrors > 0 { out += ", \(plural(summary.inputErrors, "input error"))" }
        out += ".\n\n| Draft | Score | Verdict | Errors | Warnings | Suggestions |\n|---|---:|---|---:|---:|---:|\n"
        var counts: [String: Int] = [:]
        for report in run.reports {
            if let error = report.error {
                out += "| \(markdownCell(report.path)) | – | error: \(markdownCell(error)) | | | |\n"
                continue
            }
            guard let result = report.result else { continue }
            let fileSummary = RunSummary([report])
            let icon = result.verdict == .pass ? "✅" : result.verdict == .review ? "⚠️" : "❌"
            out += "| \(markdownCell(report.path)) | \(result.score) | \(icon) \(result.verdict.rawValue) | "
            out += "\(fileSummary.errors) | \(fileSummary.warnings) | \(fileSummary.suggestions) |\n"
            for finding in result.findings { counts[finding.ruleID, default: 0] += 1 }
        }
        if !counts.isEmpty {
            out += "\n**Top rules**\n\n| Rule | Findings |\n|---|---:|\n"
            for (rule, count) in counts.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }).prefix(10) {
                out += "| `\(rule)` | \(count) |\n"
            }
        }
        return out
    }

    private func markdownCell(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|": out += "\\|"
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}

extension GitHubReporter {
    public static let outputFormat = OutputFormat(name: "github", summary: "GitHub Actions annotations and job summary")
    { _ in GitHubReporter() }
}
