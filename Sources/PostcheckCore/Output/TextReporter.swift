/// The default, compiler-style report: `path:line:col: severity: message [rule]`, the source line with the span
/// underlined, the fix when there is one, then each file's score and verdict and a summary.
public struct TextReporter: Reporter {
    public var color: Bool
    public var quiet: Bool

    public init(color: Bool, quiet: Bool = false) {
        self.color = color
        self.quiet = quiet
    }

    public func render(_ run: RunReport) -> String {
        String(decoding: TextReportStream(reporter: self).render(run.reports), as: UTF8.self)
    }

    func render(
        _ reported: ReportedFinding, path: String, source: SourceText, words: ReportWords
    ) -> String {
        let finding = reported.finding
        let severityColor: Style = finding.severity == .error ? .red : finding.severity == .warning ? .yellow : .blue
        var out = "\(paint("\(path):\(reported.start.line):\(reported.start.column)", .bold)): "
        out +=
            "\(paint(finding.severity.rawValue, severityColor)): \(finding.message) \(paint("[\(finding.ruleID)]", .dim))\n"
        let line = reported.start.line - 1
        let lineRange = source.lineContentRange(line)
        let lineText = source.string(lineRange)
        let gutter = String(reported.start.line)
        let pad = spaces(gutter.count)
        let prefixEnd = min(finding.range.lowerBound, lineRange.upperBound)
        let spanEnd = min(max(finding.range.upperBound, finding.range.lowerBound), lineRange.upperBound)
        let before = displayWidth(source.string(lineRange.lowerBound..<prefixEnd))
        let width = max(1, displayWidth(source.string(prefixEnd..<spanEnd)))
        out += " \(gutter) | \(expandTabs(lineText))\n"
        out +=
            " \(pad) | \(spaces(before))\(paint("^" + String(decoding: [UInt8](repeating: 0x7E, count: width - 1), as: UTF8.self), severityColor))"
        if let suggestion = finding.suggestions.first {
            out += suggestion.isEmpty ? " \(words.removeThis)" : " \(paint("→ \(suggestion)", .green))"
        }
        out += "\n"
        if !finding.cues.isEmpty {
            // The evidence behind a score, each cue with its position and weight.
            let cues = finding.cues.prefix(8).map { cue -> String in
                let location = source.location(of: cue.range.lowerBound)
                let weight = cue.weight == 1 ? "" : " \(String(format2: cue.weight))"
                return "'\(cue.text)' \(location.line):\(location.column)\(weight)"
            }
            out +=
                " \(pad) = \(paint(words.cues, .dim)) \(cues.joined(separator: ", "))\(finding.cues.count > 8 ? ", …" : "")\n"
        }
        return out
    }

    enum Style: String {
        case red = "31", green = "32", yellow = "33", blue = "34", bold = "1", dim = "2"
    }

    func paint(_ text: String, _ style: Style) -> String {
        color ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}

func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

func expandTabs(_ text: String) -> String {
    // Most lines have no tab: returned as they are (walking their characters was a third of a long report).
    guard hasByte(0x09, in: text) else { return text }
    var out = ""
    for character in text {
        if character == "\t" { out += "    " } else { out.append(character) }
    }
    return out
}

/// Terminal columns a text takes: a grapheme with an emoji presentation or an East Asian wide character takes two,
/// a tab four, and combining marks none (they belong to their base character's grapheme).
func displayWidth(_ text: String) -> Int {
    // ASCII, the most of most lines, takes a column a byte (a tab four): no characters to walk, no properties.
    var asciiWidth = 0
    for byte in text.utf8 {
        guard byte < 0x80 else { return unicodeDisplayWidth(text) }
        asciiWidth += byte == 0x09 ? 4 : 1
    }
    return asciiWidth
}

/// Whether `text`'s UTF-8 has `byte` (with `memchr`, as the draft-wide passes look for bytes).
private func hasByte(_ byte: UInt8, in text: String) -> Bool {
    text.utf8.withContiguousStorageIfAvailable { firstIndex(of: byte, in: $0, 0..<$0.count) != nil }
        ?? text.utf8.contains(byte)
}

/// Spaces for a column: `String(repeating:count:)` appends a character at a time, which was a quarter of a long
/// text report.
func spaces(_ count: Int) -> String {
    String(decoding: [UInt8](repeating: 0x20, count: max(0, count)), as: UTF8.self)
}

private func unicodeDisplayWidth(_ text: String) -> Int {
    var width = 0
    for character in text {
        if let ascii = character.asciiValue {
            width += ascii == 0x09 ? 4 : 1
            continue
        }
        let scalars = character.unicodeScalars
        let wide = scalars.contains { scalar in
            scalar.properties.isEmojiPresentation || scalar.value == 0xFE0F
                || (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                || (0xFF00...0xFF60).contains(scalar.value) || (0xFFE0...0xFFE6).contains(scalar.value)
                || (0x20000...0x3FFFD).contains(scalar.value)
        }
        width += wide ? 2 : 1
    }
    return width
}

extension TextReporter {
    public static let outputFormat = OutputFormat(
        name: "text", summary: "findings with their context, fixes and the score, for people",
        makeReporter: { options in TextReporter(color: options.color, quiet: options.quiet) },
        makeStream: { options in TextReportStream(reporter: TextReporter(color: options.color, quiet: options.quiet)) })
}

/// The text format a file at a time (`ReportStream`): each file's findings as its turn comes; each file's score line
/// (a line per file, kept) and the run's summary at the end.
public struct TextReportStream: ReportStream {
    private let reporter: TextReporter
    private var out = ""
    private var wroteFindings = false
    private var scoreLines = ""
    private var summary = RunSummary()
    /// The findings' languages so far: the summary speaks the drafts' language when they share one.
    private var languages: Set<String> = []

    public init(reporter: TextReporter) { self.reporter = reporter }

    public var pendingByteCount: Int { out.utf8.count }

    public mutating func add(_ report: FileReport) {
        summary.add(report)
        let before = out.utf8.count
        defer { wroteFindings = wroteFindings || out.utf8.count > before }
        if let error = report.error {
            out += "\(reporter.paint(report.path, .bold)): \(reporter.paint("error", .red)): \(error)\n"
            return
        }
        guard let result = report.result else { return }
        languages.insert(result.messageLanguage ?? "en")
        for ruleError in result.ruleErrors {
            out += "\(reporter.paint(report.path, .bold)): \(reporter.paint("error", .red)): \(ruleError.description)\n"
        }
        let words = ReportWords(result.messageLanguage)
        for reported in report.reportedFindings {
            out += reporter.render(reported, path: report.path, source: result.draft.original, words: words)
        }
        guard !reporter.quiet else { return }
        let counts = RunSummary([report])
        let verdict = reporter.paint(
            words.verdict(result.verdict),
            result.verdict == .pass ? .green : result.verdict == .fail ? .red : .yellow)
        scoreLines += "\(report.path): \(words.score) \(result.score)/100, \(verdict) "
        scoreLines += "(\(words.count(counts.errors, .error)), \(words.count(counts.warnings, .warning)), "
        scoreLines += "\(words.count(counts.suggestions, .suggestion)))\n"
    }

    public mutating func takeBytes() -> [UInt8] {
        defer { out = "" }
        return Array(out.utf8)
    }

    public mutating func finish() -> [UInt8] {
        if reporter.quiet { return takeBytes() }
        let words = ReportWords(languages.count == 1 ? languages.first : nil)
        if wroteFindings && !scoreLines.isEmpty { out += "\n" }
        out += scoreLines
        out += "\(words.checked(files: summary.files))\(words.colon) \(words.count(summary.errors, .error)), "
        out += "\(words.count(summary.warnings, .warning)), \(words.count(summary.suggestions, .suggestion))"
        if summary.inputErrors > 0 { out += "; \(words.count(summary.inputErrors, .inputError))" }
        out += ".\n"
        return takeBytes()
    }
}
