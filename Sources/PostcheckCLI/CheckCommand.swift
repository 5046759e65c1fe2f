import ArgumentParser
import Foundation
import PostcheckCore

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, line
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

extension Severity: ExpressibleByArgument {}

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

    @Option(name: .long, help: "Output format: text, json or line.")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Configuration file (.postcheck.yml or .vale.ini) instead of the one found by walking up.")
    var config: String?

    @Option(name: .long, help: "Name of the draft read from standard input (selects configuration and format).")
    var stdinFilename: String?

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

    func validate() throws {
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("'-' (standard input) can be given only once") }
    }

    func run() throws {
        let session = CheckSession(
            configPath: config, bundledRules: BundledRules.directory(), failOn: failOn, minSeverity: minSeverity)
        if printConfig {
            let target = paths.first(where: { $0 != "-" }) ?? stdinFilename ?? "-"
            do {
                print(try session.describeConfiguration(for: target), terminator: "")
            } catch {
                FileHandle.standardError.write(Data("postcheck: \(error)\n".utf8))
                throw ExitCode(2)
            }
            return
        }
        let outcome = session.run(paths: paths.isEmpty ? ["-"] : paths, stdinName: stdinFilename)
        if let fatal = outcome.fatalError {
            FileHandle.standardError.write(Data("postcheck: \(fatal)\n".utf8))
            throw ExitCode(2)
        }
        let reporter: any Reporter
        switch format {
        case .text: reporter = TextReporter(color: useColor(), quiet: quiet)
        case .json: reporter = JSONReporter()
        case .line: reporter = LineReporter()
        }
        FileHandle.standardOutput.write(Data(reporter.render(outcome.reports).utf8))
        if format != .text {
            for report in outcome.reports {
                if let error = report.error {
                    FileHandle.standardError.write(Data("postcheck: \(report.path): \(error)\n".utf8))
                }
                for ruleError in report.result?.ruleErrors ?? [] {
                    FileHandle.standardError.write(Data("postcheck: \(report.path): \(ruleError)\n".utf8))
                }
            }
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
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

/// Where the bundled packs (`Rules/`) are: `$POSTCHECK_RULES`, or a `Rules` folder beside or above the executable
/// (the package checkout when built with `swift build`).
enum BundledRules {
    static func directory() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["POSTCHECK_RULES"], !explicit.isEmpty { return explicit }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        if let executable = Bundle.main.executableURL {
            folder = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        }
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("Rules")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("postcheck").path) {
                return candidate.path
            }
            folder.deleteLastPathComponent()
        }
        return nil
    }
}
