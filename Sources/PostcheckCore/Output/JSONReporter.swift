/// The versioned JSON report (`--format json`), documented in the README. Keys are written in a fixed order so that
/// output is byte-for-byte reproducible.
public struct JSONReporter: Reporter {
    public static let version = 1

    public init() {}

    public func render(_ run: RunReport) -> String {
        let reports = run.reports
        var files: [JSONValue] = []
        var errors: [JSONValue] = []
        for report in reports {
            if let error = report.error {
                errors.append(.object([("path", .string(report.path)), ("message", .string(error))]))
                continue
            }
            guard let result = report.result else { continue }
            for ruleError in result.ruleErrors {
                errors.append(.object([("path", .string(report.path)), ("rule", .string(ruleError.ruleID)),
                                       ("message", .string(ruleError.message))]))
            }
            let findings: [JSONValue] = report.reportedFindings.map { reported in
                let finding = reported.finding
                var fields: [(String, JSONValue)] = [
                    ("rule", .string(finding.ruleID)),
                    ("severity", .string(finding.severity.rawValue)),
                    ("message", .string(finding.message)),
                    ("line", .int(reported.start.line)),
                    ("column", .int(reported.start.column)),
                    ("endLine", .int(reported.end.line)),
                    ("endColumn", .int(reported.end.column)),
                    ("offset", .int(finding.range.lowerBound)),
                    ("length", .int(finding.range.count)),
                    ("match", .string(finding.match)),
                    ("suggestions", .array(finding.suggestions.map(JSONValue.string))),
                    ("link", finding.link.map(JSONValue.string) ?? .null),
                ]
                if !finding.description.isEmpty { fields.append(("description", .string(finding.description))) }
                if !finding.cues.isEmpty {
                    let source = result.draft.original
                    fields.append(("cues", .array(finding.cues.map { cue in
                        let location = source.location(of: cue.range.lowerBound)
                        return .object([("match", .string(cue.text)), ("weight", .double((cue.weight * 1000).rounded() / 1000)),
                                        ("line", .int(location.line)), ("column", .int(location.column)),
                                        ("offset", .int(cue.range.lowerBound)), ("length", .int(cue.range.count))])
                    })))
                }
                if let fix = finding.fix {
                    fields.append(("fix", .object([("offset", .int(fix.range.lowerBound)), ("length", .int(fix.range.count)),
                                                   ("replacement", .string(fix.replacement))])))
                }
                if let action = finding.action {
                    fields.append(("action", .object([("name", .string(action.name)),
                                                       ("params", .array(action.params.map(JSONValue.string)))])))
                }
                return .object(fields)
            }
            files.append(.object([
                ("path", .string(report.path)),
                ("language", result.language.map(JSONValue.string) ?? .null),
                ("languageSource", result.languageSource.map { JSONValue.string($0.rawValue) } ?? .null),
                ("score", .int(result.score)),
                ("verdict", .string(result.verdict.rawValue)),
                ("findings", .array(findings)),
            ]))
        }
        let summary = RunSummary(reports)
        let document = JSONValue.object([
            ("version", .int(Self.version)),
            ("files", .array(files)),
            ("errors", .array(errors)),
            ("summary", .object([("files", .int(summary.files)), ("errors", .int(summary.errors)),
                                 ("warnings", .int(summary.warnings)), ("suggestions", .int(summary.suggestions))])),
        ])
        return document.serialized(indent: 0) + "\n"
    }
}

/// A small ordered JSON value, so that output order is fixed.
public indirect enum JSONValue: Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public func serialized(indent: Int) -> String {
        let pad = String(repeating: "  ", count: indent)
        let inner = String(repeating: "  ", count: indent + 1)
        switch self {
        case .string(let text): return escapeJSON(text)
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + $0.serialized(indent: indent + 1) }.joined(separator: ",\n") + "\n\(pad)]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            return "{\n" + fields.map { inner + escapeJSON($0.0) + ": " + $0.1.serialized(indent: indent + 1) }
                .joined(separator: ",\n") + "\n\(pad)}"
        }
    }
}

public func escapeJSON(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
