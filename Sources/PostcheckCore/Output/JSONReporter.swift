/// The versioned JSON report (`--format json`), documented in docs/output-formats.md. Keys are written in a fixed order so that
/// output is byte-for-byte reproducible.
public struct JSONReporter: Reporter {
    public static let version = 1

    public init() {}

    public func render(_ run: RunReport) -> String { String(decoding: renderBytes(run), as: UTF8.self) }

    /// The bytes as written: a large report is not turned into a `String` (a copy, checked again as UTF-8) only to
    /// be written out.
    public func renderBytes(_ run: RunReport) -> [UInt8] {
        var stream = JSONReportStream(reservingCapacity: Self.estimatedSize(of: run.reports))
        for report in run.reports { stream.add(report) }
        return stream.finish()
    }

    /// About the size of the report, a little over rather than under: a report of 10 MB that outgrows its buffer at
    /// the end is copied into one twice as large (a flat 400 bytes per finding fell 0.6 % short on the Vale corpus).
    /// Untouched capacity costs no memory.
    static func estimatedSize(of reports: [FileReport]) -> Int {
        var size = 4096
        for report in reports {
            size += 256 + report.path.utf8.count
            for finding in report.result?.findings ?? [] {
                // The member names and indents take about 380 bytes; the texts are counted as they are.
                size +=
                    460 + finding.ruleID.utf8.count + finding.message.utf8.count + finding.match.utf8.count
                    + finding.description.utf8.count + (finding.link?.utf8.count ?? 0)
                    + finding.suggestions.reduce(0) { $0 + 8 + $1.utf8.count }
            }
        }
        return size
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

    /// The JSON text in postcheck's layout (see `JSONTextWriter`), or on one line when `compact`.
    public func serialized(compact: Bool = false) -> String {
        var json = JSONTextWriter(compact: compact)
        json.value(self)
        return json.text
    }
}

extension JSONReporter {
    public static let outputFormat = OutputFormat(
        name: "json", summary: "the versioned JSON report, positions in bytes, code points and UTF-16",
        makeReporter: { _ in JSONReporter() }, makeStream: { _ in JSONReportStream() })
}
