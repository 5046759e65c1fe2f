/// SARIF 2.1.0 for GitHub code scanning and other SARIF consumers: columns in Unicode code points
/// (`columnKind: unicodeCodePoints`), every rule with short and full descriptions, help text and a help URI, full
/// regions, and fingerprints that survive line moves. Paths are relative URIs, percent-encoded.
public struct SARIFReporter: Reporter {
    public init() {}

    public func render(_ run: RunReport) -> String {
        var ruleIDs: [String] = []
        var seen: Set<String> = []
        for report in run.reports {
            for finding in report.result?.findings ?? [] where seen.insert(finding.ruleID).inserted {
                ruleIDs.append(finding.ruleID)
            }
        }
        ruleIDs.sort()
        let ruleIndex = Dictionary(uniqueKeysWithValues: ruleIDs.enumerated().map { ($1, $0) })
        let rules: [JSONValue] = ruleIDs.map { id in
            let header = run.rule(id)
            let summary = header.summary
            let full = header.description.isEmpty ? summary : header.description
            return .object([
                ("id", .string(id)),
                ("name", .string(id.split(separator: ".").last.map(String.init) ?? id)),
                ("shortDescription", .object([("text", .string(summary))])),
                ("fullDescription", .object([("text", .string(full))])),
                ("help", .object([("text", .string(header.helpText))])),
                ("helpUri", .string(header.helpURI)),
                ("defaultConfiguration", .object([("level", .string(sarifLevel(header.severity)))])),
                (
                    "properties",
                    .object([
                        ("tags", .array([.string("guidelines"), .string(header.kind)])),
                        ("precision", .string("high")),
                        ("problem.severity", .string(problemSeverity(header.severity))),
                    ])
                ),
            ])
        }
        var results: [JSONValue] = []
        for report in run.reports {
            let fingerprints = report.fingerprints
            for (index, reported) in report.reportedFindings.enumerated() {
                let finding = reported.finding
                var region: [(String, JSONValue)] = [
                    ("startLine", .int(reported.start.line)), ("startColumn", .int(reported.start.column)),
                    ("endLine", .int(reported.end.line)), ("endColumn", .int(reported.end.column)),
                    ("byteOffset", .int(finding.range.lowerBound)), ("byteLength", .int(finding.range.count)),
                ]
                if !finding.match.isEmpty { region.append(("snippet", .object([("text", .string(finding.match))]))) }
                var result: [(String, JSONValue)] = [
                    ("ruleId", .string(finding.ruleID)),
                    ("ruleIndex", .int(ruleIndex[finding.ruleID]!)),
                    ("level", .string(sarifLevel(finding.severity))),
                    ("message", .object([("text", .string(finding.message))])),
                    (
                        "locations",
                        .array([
                            .object([
                                (
                                    "physicalLocation",
                                    .object([
                                        (
                                            "artifactLocation",
                                            .object([("uri", .string(percentEncodedURI(report.path)))])
                                        ),
                                        ("region", .object(region)),
                                    ])
                                )
                            ])
                        ])
                    ),
                    ("partialFingerprints", .object([("postcheck/v1", .string(fingerprints[index]))])),
                ]
                // The message's language (a Dutch draft's finding reads in Dutch); keys and rule ids stay English.
                if let language = report.result?.messageLanguage {
                    result.append(("properties", .object([("messageLanguage", .string(language))])))
                }
                if let fix = finding.fix {
                    let start = report.result!.draft.original.location(of: fix.range.lowerBound)
                    let end = report.result!.draft.original.location(of: fix.range.upperBound)
                    result.append(
                        (
                            "fixes",
                            .array([
                                .object([
                                    (
                                        "description",
                                        .object([
                                            (
                                                "text",
                                                .string(
                                                    fix.replacement.isEmpty
                                                        ? "Remove '\(finding.match)'"
                                                        : "Replace with '\(fix.replacement)'")
                                            )
                                        ])
                                    ),
                                    (
                                        "artifactChanges",
                                        .array([
                                            .object([
                                                (
                                                    "artifactLocation",
                                                    .object([("uri", .string(percentEncodedURI(report.path)))])
                                                ),
                                                (
                                                    "replacements",
                                                    .array([
                                                        .object([
                                                            (
                                                                "deletedRegion",
                                                                .object([
                                                                    ("startLine", .int(start.line)),
                                                                    ("startColumn", .int(start.column)),
                                                                    ("endLine", .int(end.line)),
                                                                    ("endColumn", .int(end.column)),
                                                                ])
                                                            ),
                                                            (
                                                                "insertedContent",
                                                                .object([("text", .string(fix.replacement))])
                                                            ),
                                                        ])
                                                    ])
                                                ),
                                            ])
                                        ])
                                    ),
                                ])
                            ])
                        ))
                }
                results.append(.object(result))
            }
        }
        let document = JSONValue.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            (
                "runs",
                .array([
                    .object([
                        (
                            "tool",
                            .object([
                                (
                                    "driver",
                                    .object([
                                        ("name", .string("postcheck")),
                                        ("semanticVersion", .string(run.toolVersion)),
                                        ("informationUri", .string("https://github.com/postcheck/postcheck")),
                                        ("rules", .array(rules)),
                                    ])
                                )
                            ])
                        ),
                        ("columnKind", .string("unicodeCodePoints")),
                        ("results", .array(results)),
                    ])
                ])
            ),
        ])
        return document.serialized() + "\n"
    }

    private func sarifLevel(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .suggestion: "note"
        }
    }

    private func problemSeverity(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .suggestion: "recommendation"
        }
    }
}

/// A path as a URI reference: relative paths stay relative, absolute ones become `file://` URIs; everything but
/// unreserved characters and `/` is percent-encoded (spaces, accents, `#`, `%`…).
public func percentEncodedURI(_ path: String) -> String {
    var encoded = ""
    for byte in path.utf8 {
        let character = Character(Unicode.Scalar(byte))
        if byte < 0x80 && (character.isLetter || character.isNumber || "-._~/".contains(character)) {
            encoded.append(character)
        } else {
            let hex = String(byte, radix: 16, uppercase: true)
            encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
        }
    }
    return path.hasPrefix("/") ? "file://" + encoded : encoded
}

extension RuleHeader {
    /// One line about the rule: the first sentence of its description, or its message with the blanks shown.
    public var summary: String {
        if !description.isEmpty {
            let trimmed = description.trimmingCharacters(in: [" ", "\n"])
            if let end = trimmed.firstIndex(where: { $0 == "." || $0 == "\n" }) {
                let sentence = String(trimmed[...end]).trimmingCharacters(in: [" ", "\n"])
                if sentence.count > 3 { return sentence }
            }
            return trimmed
        }
        let filled = formatMessage(message, ["…", "…", "…"])
        return filled.isEmpty ? id : filled
    }

    /// Help text: the description (the guideline behind the rule), the rule's kind, and where it is defined.
    public var helpText: String {
        var text = description.isEmpty ? summary : description
        text += " (postcheck rule \(id), kind '\(kind)'"
        if !path.isEmpty { text += ", defined in \(path)" }
        return text + ")"
    }

    /// The rule's `link`, else its rule file as a `file://` URI, else the rule reference in docs/rules.md.
    public var helpURI: String {
        if let link, link.contains("://") { return link }
        if path.hasPrefix("/") { return percentEncodedURI(path) }
        return "https://github.com/postcheck/postcheck/blob/main/docs/rules.md#rule-files"
    }
}

extension SARIFReporter {
    public static let outputFormat = OutputFormat(name: "sarif", summary: "SARIF 2.1.0 for code scanning") { _ in
        SARIFReporter()
    }
}
