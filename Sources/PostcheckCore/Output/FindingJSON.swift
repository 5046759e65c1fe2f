/// One finding as a JSON object: the same object in every JSON that postcheck writes (the CLI's `--format json`,
/// the service's `/v1/check`, and the front ends to come). Keys in a fixed order. Positions in the three units its
/// readers count in: UTF-8 bytes (`offset`, `length`: what postcheck keeps inside), 1-based line and code-point
/// column (people, SARIF), and UTF-16 code units (`utf16Offset`, `utf16Length`: editors, browsers, LSP). Cues and
/// the fix carry the same three.
public enum FindingJSON {
    /// A checked draft's `language`, `languageSource` and `messageLanguage` members, as every JSON that reports a
    /// check has them.
    public static func writeLanguages(of result: CheckResult, to json: inout JSONTextWriter) {
        json.key("language")
        json.optionalString(result.language)
        json.key("languageSource")
        json.optionalString(result.languageSource?.rawValue)
        json.key("messageLanguage")
        json.optionalString(result.messageLanguage)
    }

    /// A checked draft's `findings` member: each finding written as it is read, no array of them built first.
    public static func writeFindings(of result: CheckResult, to json: inout JSONTextWriter) {
        json.key("findings")
        json.beginArray()
        let source = result.draft.original
        for finding in result.findings { write(finding, in: source, to: &json) }
        json.endArray()
    }

    public static func write(_ finding: Finding, in source: SourceText, to json: inout JSONTextWriter) {
        let start = source.location(of: finding.range.lowerBound)
        let end = source.location(of: finding.range.upperBound)
        json.beginObject()
        json.key("rule")
        json.string(finding.ruleID)
        json.key("severity")
        json.string(finding.severity.rawValue)
        json.key("message")
        json.string(finding.message)
        json.key("line")
        json.int(start.line)
        json.key("column")
        json.int(start.column)
        json.key("endLine")
        json.int(end.line)
        json.key("endColumn")
        json.int(end.column)
        writeSpan(finding.range, in: source, to: &json)
        json.key("match")
        json.string(finding.match)
        json.key("suggestions")
        json.beginArray()
        for suggestion in finding.suggestions { json.string(suggestion) }
        json.endArray()
        json.key("link")
        json.optionalString(finding.link)
        if !finding.description.isEmpty {
            json.key("description")
            json.string(finding.description)
        }
        if !finding.cues.isEmpty {
            json.key("cues")
            json.beginArray()
            for cue in finding.cues {
                let location = source.location(of: cue.range.lowerBound)
                json.beginObject()
                json.key("match")
                json.string(cue.text)
                json.key("weight")
                json.double((cue.weight * 1000).rounded() / 1000)
                json.key("line")
                json.int(location.line)
                json.key("column")
                json.int(location.column)
                writeSpan(cue.range, in: source, to: &json)
                json.endObject()
            }
            json.endArray()
        }
        if let fix = finding.fix {
            json.key("fix")
            json.beginObject()
            writeSpan(fix.range, in: source, to: &json)
            json.key("replacement")
            json.string(fix.replacement)
            json.endObject()
        }
        if let action = finding.action {
            json.key("action")
            json.value(
                .object([("name", .string(action.name)), ("params", .array(action.params.map(JSONValue.string)))]))
        }
        json.endObject()
    }

    /// `offset` and `length` in UTF-8 bytes, then `utf16Offset` and `utf16Length`.
    private static func writeSpan(_ range: Range<Int>, in source: SourceText, to json: inout JSONTextWriter) {
        json.key("offset")
        json.int(range.lowerBound)
        json.key("length")
        json.int(range.count)
        let utf16Start = source.utf16Offset(of: range.lowerBound)
        json.key("utf16Offset")
        json.int(utf16Start)
        json.key("utf16Length")
        json.int(source.utf16Offset(of: range.upperBound) - utf16Start)
    }
}
