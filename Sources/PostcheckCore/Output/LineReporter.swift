/// `path:line:col: severity: message [rule]`, one finding a line: the format vim's and Emacs's error parsers read.
public struct LineReporter: Reporter {
    public init() {}

    public func render(_ run: RunReport) -> String {
        String(decoding: LineReportStream().render(run.reports), as: UTF8.self)
    }
}

/// The `line` format a file at a time (`ReportStream`).
public struct LineReportStream: ReportStream {
    private var out = ""

    public init() {}

    public var pendingByteCount: Int { out.utf8.count }

    public mutating func add(_ report: FileReport) {
        for reported in report.reportedFindings {
            let finding = reported.finding
            out += "\(report.path):\(reported.start.line):\(reported.start.column): \(finding.severity.rawValue): "
            out += "\(singleLine(finding.message)) [\(finding.ruleID)]\n"
        }
    }

    public mutating func takeBytes() -> [UInt8] {
        defer { out = "" }
        return Array(out.utf8)
    }

    public mutating func finish() -> [UInt8] { takeBytes() }
}

func singleLine(_ text: String) -> String {
    String(text.map { $0.isNewline ? " " : $0 })
}

extension LineReporter {
    public static let outputFormat = OutputFormat(
        name: "line", summary: "path:line:col: severity: message [rule], for vim and Emacs",
        makeReporter: { _ in LineReporter() }, makeStream: { _ in LineReportStream() })
}
