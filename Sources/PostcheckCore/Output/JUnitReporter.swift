/// JUnit XML: one test case per draft (named after its path), a failure per finding, the score as a property.
/// A draft that could not be read is an `<error>`.
public struct JUnitReporter: Reporter {
    public init() {}

    public func render(_ run: RunReport) -> String {
        var cases = ""
        var failures = 0
        var errors = 0
        for report in run.reports {
            cases +=
                "    <testcase classname=\"postcheck\" name=\"\(xmlEscape(report.path))\" file=\"\(xmlEscape(report.path))\" time=\"0\">\n"
            if let error = report.error {
                errors += 1
                cases += "      <error message=\"\(xmlEscape(error))\" type=\"input\"></error>\n"
            } else if let result = report.result {
                cases += "      <properties>\n"
                cases += "        <property name=\"score\" value=\"\(result.score)\"/>\n"
                cases += "        <property name=\"verdict\" value=\"\(result.verdict.rawValue)\"/>\n"
                cases += "      </properties>\n"
                for ruleError in result.ruleErrors {
                    errors += 1
                    cases += "      <error message=\"\(xmlEscape(ruleError.description))\" type=\"rule\"></error>\n"
                }
                let findings = report.reportedFindings
                if !findings.isEmpty {
                    failures += 1
                    let first = findings[0].finding
                    var body = ""
                    for reported in findings {
                        let finding = reported.finding
                        body +=
                            "\(report.path):\(reported.start.line):\(reported.start.column): \(finding.severity.rawValue): \(finding.message) [\(finding.ruleID)]\n"
                    }
                    cases +=
                        "      <failure message=\"\(xmlEscape("\(findings.count) finding(s); first: \(first.message)"))\" type=\"\(xmlEscape(first.ruleID))\">\(xmlEscape(body))</failure>\n"
                }
            }
            cases += "    </testcase>\n"
        }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out +=
            "<testsuites name=\"postcheck\" tests=\"\(run.reports.count)\" failures=\"\(failures)\" errors=\"\(errors)\">\n"
        out +=
            "  <testsuite name=\"postcheck\" tests=\"\(run.reports.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"0\" time=\"0\">\n"
        out += cases
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }
}

/// Escapes text for XML attributes and content; characters XML 1.0 forbids are dropped.
public func xmlEscape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        case "\n": out += "&#10;"
        case "\r": out += "&#13;"
        case "\t": out += "&#9;"
        case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}

extension JUnitReporter {
    public static let outputFormat = OutputFormat(name: "junit", summary: "JUnit XML, a test case per draft") { _ in
        JUnitReporter()
    }
}
