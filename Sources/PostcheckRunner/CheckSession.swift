import Dispatch
import Foundation
import PostcheckCore

/// One `postcheck check` run: finds inputs and their configurations, compiles each configuration's rules once,
/// checks the drafts in parallel on all cores, and decides the exit status. The engine itself does no I/O.
public final class CheckSession {
    public enum FixMode: Sendable { case none, fix, diff }

    public struct Outcome {
        public var reports: [FileReport]
        public var exitCode: Int32
        /// A configuration or rule error: nothing was checked.
        public var fatalError: PostcheckError?
        /// With --fix or --diff: each checked input's bytes before and after its fixes.
        public var changes: [Change] = []
        /// The rules of every configuration used, by id (for SARIF rule metadata and help links).
        public var rules: [String: RuleHeader] = [:]
        /// With `measuresRules`: the time of each rule and phase, summed over the drafts.
        public var ruleTimings: [String: UInt64] = [:]

        /// Records that an input could not be finished (e.g. a fix could not be written).
        public mutating func markError(path: String, message: String) {
            reports.removeAll { $0.path == path }
            reports.append(FileReport(path: path, error: message))
            reports.sort { $0.path < $1.path }
            exitCode = 2
        }
    }

    public struct Change: Sendable {
        public let displayPath: String
        public let filePath: String?
        public let original: [UInt8]
        public let fixed: [UInt8]
    }

    /// One draft to check.
    struct Input {
        /// As printed.
        let displayPath: String
        /// On disk (nil for standard input).
        let filePath: String?
        /// Absolute path that selects the configuration, overrides and format (for standard input: the working
        /// folder joined with `--stdin-filename`, or `stdin.md`).
        let logicalPath: String
    }

    public let configPath: String?
    public let loader: ConfigurationLoader
    public let failOn: Severity?
    public let minSeverity: Severity?
    var linters: [String: Linter] = [:]
    var configurationForFolder: [String: String] = [:]
    /// Where relative paths start, and where the configuration is looked for when no path names one.
    public let workingDirectory: String

    public let day: CalendarDay
    /// Things skipped while walking folders (link loops, unreadable folders), printed on standard error.
    public internal(set) var notices: [String] = []
    /// Measure time per rule (`--timings`).
    public var measuresRules = false
    /// The most bytes a draft may hold (`--max-size`).
    public var sizeLimit = FileBytes.defaultLimit
    /// The platform for every draft (`--platform`), over front matter and configuration.
    public var platform: String?
    /// The language of the findings (`--message-language`); by default each draft's own.
    public var messageLanguage: String?
    /// A rule file that does not compile costs only its rule, which each draft's check reports as not run
    /// (`UncompiledRule`); off, it fails loading (the service keeps its running rules on a bad reload instead).
    public var keepsUncompiledRules = true
    /// Time spent loading and compiling rules (for `--timings`).
    public internal(set) var loadingNanoseconds: UInt64 = 0

    /// The names `--timings` gives to the work around the rules, in parentheses so that no rule id can clash.
    public enum Phase {
        public static let loading = "(loading and compiling rules)"
        public static let parsing = "(reading the Markdown structure of drafts)"
        public static let reporting = "(writing the report)"
    }

    public init(
        configPath: String?, bundledRules: String?, failOn: Severity?, minSeverity: Severity?,
        day: CalendarDay = .today,
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) {
        self.configPath = configPath
        self.workingDirectory = workingDirectory
        self.day = day
        self.loader = ConfigurationLoader(bundledRulesDirectory: bundledRules)
        self.failOn = failOn
        self.minSeverity = minSeverity
    }

    /// Checks `paths` (files, folders, `-` for standard input).
    ///
    /// With `emit`, each report is handed to it in the report's order (by path) as soon as it and every one before
    /// it are done, from one thread at a time, and then forgotten: the outcome's `reports` keeps only those with an
    /// error. A report can so be written while later drafts are checked, in bounded memory.
    public func run(
        paths: [String], stdinName: String?, onlyChanged: Set<String>? = nil, fixMode: FixMode = .none,
        emit: ((FileReport) -> Void)? = nil
    ) -> Outcome {
        var inputs: [Input] = []
        var missing: [FileReport] = []
        let linters: [Linter]
        var stdinBytes: Data? = nil
        do {
            for path in paths {
                if path == "-" {
                    let name = stdinName ?? "-"
                    inputs.append(
                        Input(displayPath: name, filePath: nil, logicalPath: absolute(stdinName ?? "stdin.md")))
                    continue
                }
                // Relative paths start at the session's working folder (the process's, unless a front end such
                // as the service's report names another); they are shown as given.
                switch EntryKind(path: absolute(path)) {
                case nil:
                    missing.append(FileReport(path: path, error: "no such file or folder"))
                case .folder:
                    inputs += try walk(path)
                case .file:
                    inputs.append(Input(displayPath: path, filePath: absolute(path), logicalPath: absolute(path)))
                case .other:
                    // A device or FIFO (/dev/zero, a pipe) is read only as standard input ('-'), within the limit.
                    missing.append(
                        FileReport(
                            path: path,
                            error: "not a regular file (a device, pipe or socket): give '-' to read standard input"))
                }
            }
            if let onlyChanged { inputs.removeAll { $0.filePath != nil && !onlyChanged.contains($0.logicalPath) } }
            if inputs.contains(where: { $0.filePath == nil }) {
                switch FileBytes.readLimited(nil, limit: sizeLimit) {
                case .success(let bytes): stdinBytes = Data(bytes)
                case .failure(let error):
                    let names = Set(inputs.filter { $0.filePath == nil }.map(\.displayPath))
                    inputs.removeAll { $0.filePath == nil }
                    missing += names.map { FileReport(path: $0, error: error.description) }
                }
            }
            // Compile every configuration up front: a bad rule stops the run before anything is checked.
            linters = try inputs.map { try linter(for: $0.logicalPath) }
        } catch {
            return Outcome(reports: [], exitCode: 2, fatalError: PostcheckError(error))
        }

        // Every report in the report's order (by path; for equal paths, as given): the inputs that cannot be read
        // as drafts, known already, and the drafts, checked in that order so that each can be handed on soon.
        let entries =
            missing.map { (path: $0.path, input: Int?.none, known: Optional($0)) }
            + inputs.indices.map { (path: inputs[$0].displayPath, input: Optional($0), known: FileReport?.none) }
        let order = entries.indices.sorted { (entries[$0].path, $0) < (entries[$1].path, $1) }.map { entries[$0] }
        var known: [Int: OrderedResults.Result] = [:]
        for (position, entry) in order.enumerated() {
            if let report = entry.known { known[position] = (report, nil) }
        }

        let delivery = Delivery(keepsEverything: emit == nil)
        let failOn = self.failOn
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, inputs.count))
        let results = OrderedResults(count: order.count, known: known, window: 64 * workers) { position, result in
            var failsGate = false
            if let input = order[position].input, let result = result.report.result {
                // The gate is the verdict's rule: a finding at the fail-on level (--fail-on, else the
                // configuration's) or a score below score.fail.
                let configuration = linters[input].configuration
                let threshold = failOn ?? configuration.failOn
                failsGate =
                    result.findings.contains(where: { $0.severity >= threshold })
                    || result.score < configuration.score.failBelow
            }
            delivery.take(result, failsGate: failsGate)
            emit?(result.report)
        }
        results.handOnReady()
        let frozenInputs = inputs
        let stdinData = stdinBytes
        let limit = sizeLimit
        let platform = self.platform
        let messageLanguage = self.messageLanguage
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            // One PCRE2 scratch per worker thread. Each worker takes the next draft nobody has taken, so that no
            // core sits idle while another still has a queue (dealt in advance, the first drafts' one-time costs and
            // a few long drafts left one core working alone at the end).
            let scratch = MatchScratch()
            while let position = results.claimNext() {
                let index = order[position].input!
                results.set(
                    position,
                    Self.check(
                        frozenInputs[index], linter: linters[index], stdin: stdinData,
                        scratch: scratch, fixMode: fixMode, limit: limit, platform: platform,
                        messageLanguage: messageLanguage))
            }
        }
        results.handOnReady()
        precondition(results.isComplete, "every draft's result is handed on once the workers end")

        var rules: [String: RuleHeader] = [:]
        for linter in self.linters.values { for rule in linter.rules { rules[rule.header.id] = rule.header } }
        return Outcome(
            reports: delivery.reports, exitCode: delivery.hasErrors ? 2 : delivery.failsGate ? 1 : 0,
            fatalError: nil, changes: delivery.changes, rules: rules, ruleTimings: delivery.ruleTimings)
    }

    /// What a run keeps of the results handed on to it (from one thread at a time).
    private final class Delivery: @unchecked Sendable {
        let keepsEverything: Bool
        var reports: [FileReport] = []
        var changes: [Change] = []
        var ruleTimings: [String: UInt64] = [:]
        var failsGate = false
        var hasErrors = false

        init(keepsEverything: Bool) { self.keepsEverything = keepsEverything }

        func take(_ result: OrderedResults.Result, failsGate: Bool) {
            let report = result.report
            let isError = report.error != nil || !(report.result?.ruleErrors.isEmpty ?? true)
            self.failsGate = self.failsGate || failsGate
            hasErrors = hasErrors || isError
            if let timings = report.result?.ruleTimings, !timings.isEmpty {
                ruleTimings.merge(timings) { $0 + $1 }
            }
            // A streamed run keeps the reports with an error: they are printed on standard error at the end.
            if keepsEverything || isError { reports.append(report) }
            if let change = result.change { changes.append(change) }
        }
    }

    private static func check(
        _ input: Input, linter: Linter, stdin: Data?, scratch: MatchScratch, fixMode: FixMode,
        limit: Int, platform: String?, messageLanguage: String?
    ) -> (report: FileReport, change: Change?) {
        let report = check(
            input, linter: linter, stdin: stdin, scratch: scratch, limit: limit, platform: platform,
            messageLanguage: messageLanguage)
        guard fixMode != .none, var result = report.result else { return (report, nil) }
        let original = result.draft.original.bytes
        // Fixes that overlap wait for the next round, on the re-checked text.
        for _ in 0..<3 {
            let fixes = result.findings.compactMap(\.fix)
            guard !fixes.isEmpty else { break }
            let outcome = Fixer.apply(fixes, to: result.draft.original.bytes)
            guard !outcome.applied.isEmpty,
                let draft = try? Draft(
                    path: input.displayPath, bytes: outcome.bytes, format: DraftFormat.forPath(input.logicalPath))
            else { break }
            let relative = relativePath(input.logicalPath, to: linter.configuration.baseDirectory)
            result = linter.check(
                draft, relativePath: relative, scratch: scratch, platform: platform, messageLanguage: messageLanguage)
        }
        let change = Change(
            displayPath: input.displayPath, filePath: input.filePath, original: original,
            fixed: result.draft.original.bytes)
        // --fix reports what remains; --diff reports the findings as they are.
        return (fixMode == .fix ? FileReport(path: input.displayPath, result: result) : report, change)
    }

    private static func check(
        _ input: Input, linter: Linter, stdin: Data?, scratch: MatchScratch, limit: Int,
        platform: String?, messageLanguage: String?
    ) -> FileReport {
        let bytes: [UInt8]
        if let path = input.filePath {
            switch FileBytes.readLimited(path, limit: limit) {
            case .success(let read): bytes = read
            case .failure(let error): return FileReport(path: input.displayPath, error: error.description)
            }
        } else {
            bytes = [UInt8](stdin ?? Data())
        }
        let parseStarted = DispatchTime.now().uptimeNanoseconds
        let draft: Draft
        do {
            draft = try Draft(path: input.displayPath, bytes: bytes, format: DraftFormat.forPath(input.logicalPath))
        } catch {
            return FileReport(path: input.displayPath, error: error.description)
        }
        let parsed = DispatchTime.now().uptimeNanoseconds - parseStarted
        let relative = relativePath(input.logicalPath, to: linter.configuration.baseDirectory)
        // Fail closed: an empty draft, no rule that applies, an unknown language or platform is no pass.
        if let problem = linter.problem(with: draft, relativePath: relative, platform: platform) {
            return FileReport(path: input.displayPath, error: problem.message)
        }
        var result = linter.check(
            draft, relativePath: relative, scratch: scratch, platform: platform, messageLanguage: messageLanguage)
        if linter.measuresRules { result.ruleTimings[Phase.parsing, default: 0] += parsed }
        return FileReport(path: input.displayPath, result: result)
    }

    func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }
}
