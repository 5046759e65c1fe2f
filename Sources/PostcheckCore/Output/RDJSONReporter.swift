/// reviewdog's rdjson: diagnostics with ranges whose columns are 1-based UTF-8 byte counts (end exclusive), rule
/// codes with their links, and the fix as a suggestion, so that reviewdog can post it as a suggested change.
public struct RDJSONReporter: Reporter {
    public init() {}

    public func render(_ run: RunReport) -> String {
        var diagnostics: [JSONValue] = []
        for report in run.reports {
            guard let result = report.result else { continue }
            let source = result.draft.original
            for finding in result.findings {
                let range = byteRange(finding.range, in: source)
                var fields: [(String, JSONValue)] = [
                    ("message", .string(finding.message)),
                    ("location", .object([("path", .string(report.path)), ("range", range)])),
                    ("severity", .string(rdSeverity(finding.severity))),
                    (
                        "code",
                        .object([
                            ("value", .string(finding.ruleID)),
                            ("url", .string(run.rule(finding.ruleID).helpURI)),
                        ])
                    ),
                ]
                if let fix = finding.fix {
                    fields.append(
                        (
                            "suggestions",
                            .array([
                                .object([
                                    ("range", byteRange(fix.range, in: source)), ("text", .string(fix.replacement)),
                                ])
                            ])
                        ))
                }
                diagnostics.append(.object(fields))
            }
        }
        return JSONValue.object([
            (
                "source",
                .object([("name", .string("postcheck")), ("url", .string("https://github.com/postcheck/postcheck"))])
            ),
            ("severity", .string("WARNING")),
            ("diagnostics", .array(diagnostics)),
        ]).serialized() + "\n"
    }

    private func byteRange(_ range: Range<Int>, in source: SourceText) -> JSONValue {
        func position(_ offset: Int) -> JSONValue {
            let line = source.lineIndex(containing: offset)
            return .object([("line", .int(line + 1)), ("column", .int(offset - source.lineStarts[line] + 1))])
        }
        return .object([("start", position(range.lowerBound)), ("end", position(range.upperBound))])
    }

    private func rdSeverity(_ severity: Severity) -> String {
        switch severity {
        case .error: "ERROR"
        case .warning: "WARNING"
        case .suggestion: "INFO"
        }
    }
}

extension RDJSONReporter {
    public static let outputFormat = OutputFormat(name: "rdjson", summary: "reviewdog diagnostic format") { _ in
        RDJSONReporter()
    }
}
