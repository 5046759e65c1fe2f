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
        var out = ""
        write(into: &out, indent: indent)
        return out
    }

    /// Appends the JSON text to `out` (one growing string: reports can hold hundreds of thousands of findings).
    func write(into out: inout String, indent: Int) {
        switch self {
        case .string(let text): appendEscapedJSON(text, to: &out)
        case .int(let number): out += String(number)
        case .double(let number): out += String(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (index, item) in items.enumerated() {
                if index > 0 { out += ",\n" }
                Self.pad(&out, indent + 1)
                item.write(into: &out, indent: indent + 1)
            }
            out += "\n"
            Self.pad(&out, indent)
            out += "]"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{\n"
            for (index, field) in fields.enumerated() {
                if index > 0 { out += ",\n" }
                Self.pad(&out, indent + 1)
                appendEscapedJSON(field.0, to: &out)
                out += ": "
                field.1.write(into: &out, indent: indent + 1)
            }
            out += "\n"
            Self.pad(&out, indent)
            out += "}"
        }
    }

    private static func pad(_ out: inout String, _ indent: Int) {
        for _ in 0..<indent { out += "  " }
    }
}

public func escapeJSON(_ text: String) -> String {
    var out = ""
    appendEscapedJSON(text, to: &out)
    return out
}

/// Appends `text` as a JSON string literal; text with nothing to escape (nearly all) is appended in one piece.
func appendEscapedJSON(_ text: String, to out: inout String) {
    out += "\""
    if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
        out += text
        out += "\""
        return
    }
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
    out += "\""
}
