/// A report written one file at a time, in the report's order, so that a run over a large content repository never
/// holds its whole report, nor every draft's findings, in memory: after `add(_:)`, the text so far can be taken and
/// written out (`takeBytes()`) and the file's result forgotten; `finish()` gives what ends the report (errors,
/// summaries). A format's `Reporter` is its stream fed with every report, so both give the same bytes.
public protocol ReportStream {
    mutating func add(_ report: FileReport)
    /// The text written since the last call.
    mutating func takeBytes() -> [UInt8]
    /// The rest of the report.
    mutating func finish() -> [UInt8]
    /// Bytes added and not taken yet.
    var pendingByteCount: Int { get }
}

extension ReportStream {
    /// The whole report of `reports`, as the format's `Reporter` renders it.
    func render(_ reports: [FileReport]) -> [UInt8] {
        var stream = self
        for report in reports { stream.add(report) }
        var bytes = stream.takeBytes()
        bytes += stream.finish()
        return bytes
    }
}
