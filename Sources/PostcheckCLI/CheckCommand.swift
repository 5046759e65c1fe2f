import ArgumentParser
import Foundation
import PostcheckCore
import PostcheckRunner

/// A report format named on the command line: one of `OutputFormat.all`.
struct FormatArgument: ExpressibleByArgument {
    let format: OutputFormat

    init?(argument: String) {
        guard let format = OutputFormat.named(argument) else { return nil }
        self.format = format
    }

    init(_ format: OutputFormat) { self.format = format }

    var name: String { format.name }
    var defaultValueDescription: String { format.name }
    static var allValueStrings: [String] { OutputFormat.all.map(\.name) }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

extension Severity: ExpressibleByArgument {}

/// `FORMAT=FILE` for `--output`.
struct OutputTarget: ExpressibleByArgument {
    let format: FormatArgument
    let path: String

    init?(argument: String) {
        guard let equals = argument.firstIndex(of: "="),
            let format = FormatArgument(argument: String(argument[..<equals]))
        else { return nil }
        let path = String(argument[argument.index(after: equals)...])
        guard !path.isEmpty else { return nil }
        self.format = format
        self.path = path
    }

    static var defaultCompletionKind: CompletionKind { .file() }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check drafts (files, folders, or standard input) against the configured guidelines.",
        discussion: """
            With no paths, or with '-', the draft is read from standard input. Folders are walked for .md, \
            .markdown and .txt files (hidden folders are skipped). Exit status: 0 no finding at or above the fail \
            level, 1 findings, 2 usage, configuration or input error.
            """
    )

    @Argument(help: "Files or folders to check; '-' or nothing reads standard input.")
    var paths: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Output format on standard output: "
                + OutputFormat.all.map { "\($0.name) (\($0.summary))" }.joined(separator: ", ") + "."))
    var format = FormatArgument(TextReporter.outputFormat)

    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "Also write a report to a file, as FORMAT=FILE (e.g. sarif=postcheck.sarif); may be repeated.",
            valueName: "format=file"))
    var output: [OutputTarget] = []

    @Option(
        name: .long, help: "Configuration file (.postcheck.yml or .vale.ini) instead of the one found by walking up.")
    var config: String?

    @Option(name: .long, help: "Name of the draft read from standard input (selects configuration and format).")
    var stdinFilename: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The platform the drafts are for: \(Platform.known.joined(separator: ", ")) (or twitter); over front matter and configuration."
        ))
    var platform: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The language of the findings (en, nl, fr); by default each draft's own (a French draft read by a Dutch-speaking team: nl).",
            valueName: "code"))
    var messageLanguage: String?

    @Option(
        name: .long, help: ArgumentHelp("The most a draft (file or standard input) may hold, in MB.", valueName: "MB"))
    var maxSize: Int = FileBytes.defaultLimit / 1_048_576

    @Option(name: .long, help: "Exit 1 when a finding reaches this severity (suggestion, warning, error).")
    var failOn: Severity?

    @Option(name: .long, help: "Hide findings below this severity.")
    var minSeverity: Severity?

    @Option(name: .long, help: "Colour: auto (a terminal, and NO_COLOR unset), always or never.")
    var color: ColorChoice = .auto

    @Flag(name: .long, help: "Print only the findings, no summary.")
    var quiet = false

    @Flag(name: .long, help: "Print the resolved configuration for the first path (or --stdin-filename) and exit.")
    var printConfig = false

    @Option(name: .long, help: "Judge configured periods (quiet periods) as on this day, YYYY-MM-DD (default: today).")
    var date: String?

    @Flag(name: .long, help: "Print the time each rule took (the slowest first) to standard error.")
    var timings = false

    @Flag(
        name: .long,
        help: "Apply safe fixes to the files in place (standard input: print the fixed text), then report what remains."
    )
    var fix = false

    @Flag(name: .long, help: "Show the fixes as a unified diff; change nothing.")
    var diff = false

    @Flag(
        name: .long, help: "Check only files changed against the merge base with the default branch (or --changed=REV)."
    )
    var changed = false

    @Option(name: .long, help: ArgumentHelp("Check only files changed against this git revision.", visibility: .hidden))
    var changedSince: String?

    func validate() throws {
        if paths.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("'-' (standard input) can be given only once")
        }
        if fix && diff {
            throw ValidationError("--fix and --diff cannot be combined: --diff only shows what --fix would do")
        }
        if let date, CalendarDay(date) == nil {
            throw ValidationError("--date must be a day such as 2026-12-01, not '\(date)'")
        }
        if let messageLanguage, !MessageLanguage.supported.contains(LanguageDetector.normalize(messageLanguage)) {
            throw ValidationError(
                "unknown message language '\(messageLanguage)' (known: \(MessageLanguage.supported.joined(separator: ", ")))"
            )
        }
        if let platform, Platform.normalize(platform) == nil {
            throw ValidationError(
                "unknown platform '\(platform)' (known: \(Platform.known.joined(separator: ", ")), twitter)")
        }
        if maxSize < 1 { throw ValidationError("--max-size is a number of MB, 1 or more") }
        if (changed || changedSince != nil) && paths.contains("-") {
            throw ValidationError("--changed selects files from git; it cannot be combined with standard input")
        }
    }

    func run() throws {
        let session = CheckSession(
            configPath: config, bundledRules: BundledRules.directory(), failOn: failOn, minSeverity: minSeverity,
            day: date.flatMap(CalendarDay.init) ?? .today)
        if printConfig {
            let target = paths.first(where: { $0 != "-" }) ?? stdinFilename ?? "-"
            do {
                print(try session.describeConfiguration(for: target), terminator: "")
            } catch {
                fail("\(error)")
            }
            return
        }
        var targets = paths.isEmpty ? ["-"] : paths
        var onlyChanged: Set<String>? = nil
        if changed || changedSince != nil {
            do {
                onlyChanged = try GitChanges.changedFiles(since: changedSince)
            } catch {
                fail("\(error)")
            }
            if paths.isEmpty { targets = ["."] }
        }
        // Nothing to read but a terminal: say how to use postcheck instead of waiting silently for a draft.
        if targets == ["-"] && isatty(STDIN_FILENO) != 0 && !(changed || changedSince != nil) {
            FileHandle.standardError.write(
                Data(
                    (Self.helpMessage()
                        + "\n\nGive files or folders to check, or pipe a draft in: pbpaste | postcheck\n").utf8))
            throw ExitCode(2)
        }
        session.measuresRules = timings
        session.sizeLimit = maxSize * 1_048_576
        session.platform = platform.flatMap(Platform.normalize)
        session.messageLanguage = messageLanguage.map(LanguageDetector.normalize)
        let mode: CheckSession.FixMode = fix ? .fix : diff ? .diff : .none
        // The report on standard output is written while the drafts are checked, a file at a time, so that a large
        // repository's report never sits whole in memory (text, line and JSON; the others need the whole run first).
        let streamed =
            mode == .none && output.isEmpty
            ? format.format.makeStream.map { StreamedReport($0(formatOptions)) } : nil
        var outcome = session.run(
            paths: targets, stdinName: stdinFilename, onlyChanged: onlyChanged, fixMode: mode,
            emit: streamed.map { stream in { stream.add($0) } })
        if let fatal = outcome.fatalError { fail(fatal.description) }
        if !quiet { for notice in session.notices { warn(notice) } }

        if mode == .fix {
            for change in outcome.changes where change.original != change.fixed {
                if change.filePath == nil {
                    FileHandle.standardOutput.write(Data(change.fixed))
                } else if let error = AtomicFile.replace(
                    change.filePath!, with: change.fixed, expected: change.original)
                {
                    outcome.markError(path: change.displayPath, message: error)
                }
            }
        }
        let run = RunReport(reports: outcome.reports, rules: outcome.rules)
        var renderNanoseconds: UInt64 = 0
        let fixedStdin = mode == .fix && outcome.changes.contains { $0.filePath == nil }
        if mode == .diff {
            var text = ""
            for change in outcome.changes {
                text += UnifiedDiff.render(path: change.displayPath, old: change.original, new: change.fixed)
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        } else if let streamed {
            renderNanoseconds = streamed.finish()
        } else {
            let renderStarted = DispatchTime.now().uptimeNanoseconds
            let rendered = reporter(for: format).renderBytes(run)
            renderNanoseconds = DispatchTime.now().uptimeNanoseconds - renderStarted
            // With fixed standard input, standard output carries the text; the report goes to standard error.
            AtomicFile.writeAll(fixedStdin ? STDERR_FILENO : STDOUT_FILENO, rendered)
        }
        for target in output {
            if let error = AtomicFile.replace(target.path, with: reporter(for: target.format).renderBytes(run)) {
                fail("cannot write \(target.format.name) report to \(target.path): \(error)")
            }
        }
        if format.name == "github" || output.contains(where: { $0.format.name == "github" }),
            let summaryPath = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !summaryPath.isEmpty
        {
            if let error = AtomicFile.append(summaryPath, Data(GitHubStepSummary().render(run).utf8)) {
                fail("cannot append to GITHUB_STEP_SUMMARY (\(summaryPath)): \(error)")
            }
        }
        if format.name != "text" || mode == .diff {
            for report in outcome.reports {
                if let error = report.error { warn("\(report.path): \(error)") }
                // A rule file that does not compile was reported once, when the rules were loaded.
                for ruleError in report.result?.ruleErrors ?? [] where ruleError.ruleFileError == nil {
                    warn("\(report.path): \(ruleError)")
                }
            }
        }
        if timings {
            // The phases around the rules first (the linter's own are named in parentheses), then the 20 slowest
            // rules (time summed over all drafts) and the rest.
            var total = outcome.ruleTimings
            let linterPhases = total.filter { $0.key.hasPrefix("(") }.sorted { $0.key < $1.key }
            let phases =
                [
                    (CheckSession.Phase.loading, session.loadingNanoseconds),
                    (CheckSession.Phase.parsing, total.removeValue(forKey: CheckSession.Phase.parsing) ?? 0),
                    (CheckSession.Phase.reporting, renderNanoseconds),
                ]
                + linterPhases.filter { $0.key != CheckSession.Phase.parsing }.map { ($0.key, $0.value) }
            let rules = total.filter { !$0.key.hasPrefix("(") }.sorted(by: { $0.value > $1.value })
            var lines = phases + rules.prefix(20)
            if rules.count > 20 {
                lines.append(("(the other \(rules.count - 20) rules)", rules.dropFirst(20).reduce(0) { $0 + $1.value }))
            }
            for (name, nanoseconds) in lines {
                warn(String(format: "%8.1f ms  %@", Double(nanoseconds) / 1e6, name))
            }
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }

    private var formatOptions: OutputFormat.Options { OutputFormat.Options(color: useColor(), quiet: quiet) }

    private func reporter(for format: FormatArgument) -> any Reporter {
        format.format.makeReporter(formatOptions)
    }

    private func useColor() -> Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            let environment = ProcessInfo.processInfo.environment
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            if environment["TERM"] == "dumb" { return false }
            return isatty(STDOUT_FILENO) != 0
        }
    }
}

func warn(_ message: String) {
    FileHandle.standardError.write(Data("postcheck: \(message)\n".utf8))
}

/// Prints the message and exits with status 2 (usage, configuration or input error).
func fail(_ message: String) -> Never {
    warn(message)
    Foundation.exit(2)
}

/// Where the bundled packs (`Rules/`) are: `$POSTCHECK_RULES`; a `Rules` folder beside or above the executable
/// (the checkout it was built in, so edits show at once); else the copy built into the binary, written once to
/// the user's cache folder (`$XDG_CACHE_HOME` or `~/.cache`, under `postcheck/rules-<hash>`).
enum BundledRules {
    static func directory() -> String? { BundledRulesFolder.locate(embedded: embeddedRuleFiles) }
}

/// A report written to standard output as the run hands on each file's report (from one thread at a time), in
/// pieces of about a megabyte.
final class StreamedReport: @unchecked Sendable {
    private var stream: any ReportStream
    private var nanoseconds: UInt64 = 0
    private static let pieceSize = 1 << 20

    init(_ stream: any ReportStream) { self.stream = stream }

    func add(_ report: FileReport) {
        let started = DispatchTime.now().uptimeNanoseconds
        stream.add(report)
        if stream.pendingByteCount >= Self.pieceSize { AtomicFile.writeAll(STDOUT_FILENO, stream.takeBytes()) }
        nanoseconds += DispatchTime.now().uptimeNanoseconds - started
    }

    /// Writes the report's end; returns the time spent writing the report.
    func finish() -> UInt64 {
        let started = DispatchTime.now().uptimeNanoseconds
        AtomicFile.writeAll(STDOUT_FILENO, stream.takeBytes() + stream.finish())
        return nanoseconds + DispatchTime.now().uptimeNanoseconds - started
    }
}
