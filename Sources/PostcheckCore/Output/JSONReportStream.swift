/// The JSON report (`JSONReporter`) written one file at a time, so that a run over a large content repository
/// never holds its whole report, nor every draft's findings, in memory: after `add(_:)`, the file's text can be
/// taken and written out (`takeBytes()`), and the file's result forgotten. Only what the report's end needs is
/// kept: the input and rule errors (few) and the summary's counts. `JSONReporter.renderBytes` is this stream fed
/// with every report, so both give the same bytes.
public struct JSONReportStream: ReportStream {
    private var json: JSONTextWriter
    private var summary = RunSummary()
    /// The `errors` array's entries, in the order of the reports they came from.
    private var errors: [JSONValue] = []

    public init(reservingCapacity capacity: Int = 1 << 16) {
        json = JSONTextWriter(reservingCapacity: capacity)
        json.beginObject()
        json.key("version")
        json.int(JSONReporter.version)
        json.key("files")
        json.beginArray()
    }

    /// The bytes written so far and not yet taken.
    public var pendingByteCount: Int { json.bytes.count }

    /// Writes one file's entry (a report with an input error has none: it is listed under `errors`).
    public mutating func add(_ report: FileReport) {
        summary.add(report)
        if let error = report.error {
            errors.append(.object([("path", .string(report.path)), ("message", .string(error))]))
        }
        guard let result = report.result else { return }
        for ruleError in result.ruleErrors {
            errors.append(
                .object([
                    ("path", .string(report.path)), ("rule", .string(ruleError.ruleID)),
                    ("message", .string(ruleError.message)),
                ]))
        }
        json.beginObject()
        json.key("path")
        json.string(report.path)
        FindingJSON.writeLanguages(of: result, to: &json)
        json.key("score")
        json.int(result.score)
        json.key("verdict")
        json.string(result.verdict.rawValue)
        FindingJSON.writeFindings(of: result, to: &json)
        json.endObject()
    }

    /// The text written since the last call.
    public mutating func takeBytes() -> [UInt8] { json.takeBytes() }

    /// Closes the report: the errors and the summary. Returns the text not taken yet.
    public mutating func finish() -> [UInt8] {
        json.endArray()
        json.key("errors")
        json.beginArray()
        for error in errors { json.value(error) }
        json.endArray()
        json.key("summary")
        json.value(
            .object([
                ("files", .int(summary.files)), ("errors", .int(summary.errors)),
                ("warnings", .int(summary.warnings)), ("suggestions", .int(summary.suggestions)),
            ]))
        json.endObject()
        json.newLineAtEnd()
        return json.bytes
    }
}
