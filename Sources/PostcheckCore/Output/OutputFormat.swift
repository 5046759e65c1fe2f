/// What a front end knows of a report format: its name (`--format NAME`, `--output NAME=FILE`), one line of help,
/// and how to make its reporter. Each reporter's file declares its own (`static let outputFormat`); a new format is
/// that file plus one entry in `OutputFormat.all`.
public struct OutputFormat: Sendable {
    /// How the person asked for the report to look; only the text format reads these.
    public struct Options: Sendable {
        public var color: Bool
        public var quiet: Bool

        public init(color: Bool = false, quiet: Bool = false) {
            self.color = color
            self.quiet = quiet
        }
    }

    public let name: String
    public let summary: String
    public let makeReporter: @Sendable (Options) -> any Reporter
    /// For a format that can be written a file at a time, while the drafts are checked (`ReportStream`).
    public let makeStream: (@Sendable (Options) -> any ReportStream)?

    public init(
        name: String, summary: String, makeReporter: @escaping @Sendable (Options) -> any Reporter,
        makeStream: (@Sendable (Options) -> any ReportStream)? = nil
    ) {
        self.name = name
        self.summary = summary
        self.makeReporter = makeReporter
        self.makeStream = makeStream
    }

    /// Every format, in the order help lists them.
    public static let all: [OutputFormat] = [
        TextReporter.outputFormat, JSONReporter.outputFormat, LineReporter.outputFormat, SARIFReporter.outputFormat,
        GitHubReporter.outputFormat, GitLabReporter.outputFormat, JUnitReporter.outputFormat,
        RDJSONReporter.outputFormat,
    ]

    /// The format of that name (any case), if there is one.
    public static func named(_ name: String) -> OutputFormat? {
        let wanted = name.lowercased()
        return all.first { $0.name == wanted }
    }
}
