import Dispatch
import Foundation
import PostcheckCore

/// One `postcheck check` run: finds inputs and their configurations, compiles each configuration's rules once,
/// checks the drafts in parallel on all cores, and decides the exit status. The engine itself does no I/O.
final class CheckSession {
    enum FixMode { case none, fix, diff }

    struct Outcome {
        var reports: [FileReport]
        var exitCode: Int32
        /// A configuration or rule error: nothing was checked.
        var fatalError: String?
        /// With --fix or --diff: each checked input's bytes before and after its fixes.
        var changes: [Change] = []
        /// The rules of every configuration used, by id (for SARIF rule metadata and help links).
        var rules: [String: RuleHeader] = [:]

        /// Records that an input could not be finished (e.g. a fix could not be written).
        mutating func markError(path: String, message: String) {
            reports.removeAll { $0.path == path }
            reports.append(FileReport(path: path, error: message))
            reports.sort { $0.path < $1.path }
            exitCode = 2
        }
    }

    struct Change: Sendable {
        let displayPath: String
        let filePath: String?
        let original: [UInt8]
        let fixed: [UInt8]
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

    let configPath: String?
    let loader: ConfigurationLoader
    let failOn: Severity?
    let minSeverity: Severity?
    private var linters: [String: Linter] = [:]
    private var configurationForFolder: [String: String] = [:]
    private let workingDirectory = FileManager.default.currentDirectoryPath

    let day: CalendarDay
    /// Things skipped while walking folders (link loops, unreadable folders), printed on standard error.
    private(set) var notices: [String] = []
    /// Measure time per rule (`--timings`).
    var measuresRules = false
    /// The most bytes a draft may hold (`--max-size`).
    var sizeLimit = FileBytes.defaultLimit
    /// The platform for every draft (`--platform`), over front matter and configuration.
    var platform: String?
    /// Time spent loading and compiling rules (for `--timings`).
    private(set) var loadingNanoseconds: UInt64 = 0

    /// The names `--timings` gives to the work around the rules, in parentheses so that no rule id can clash.
    enum Phase {
        static let loading = "(loading and compiling rules)"
        static let parsing = "(reading the Markdown structure of drafts)"
        static let reporting = "(writing the report)"
    }

    init(configPath: String?, bundledRules: String?, failOn: Severity?, minSeverity: Severity?, day: CalendarDay = .today) {
        self.configPath = configPath
        self.day = day
        self.loader = ConfigurationLoader(bundledRulesDirectory: bundledRules)
        self.failOn = failOn
        self.minSeverity = minSeverity
    }

    func run(paths: [String], stdinName: String?, onlyChanged: Set<String>? = nil, fixMode: FixMode = .none) -> Outcome {
        var inputs: [Input] = []
        var missing: [FileReport] = []
        let linters: [Linter]
        var stdinBytes: Data? = nil
        do {
            for path in paths {
                if path == "-" {
                    let name = stdinName ?? "-"
                    inputs.append(Input(displayPath: name, filePath: nil, logicalPath: absolute(stdinName ?? "stdin.md")))
                    continue
                }
                switch EntryKind(path: path) {
                case nil:
                    missing.append(FileReport(path: path, error: "no such file or folder"))
                case .folder:
                    inputs += try walk(path)
                case .file:
                    inputs.append(Input(displayPath: path, filePath: path, logicalPath: absolute(path)))
                case .other:
                    // A device or FIFO (/dev/zero, a pipe) is read only as standard input ('-'), within the limit.
                    missing.append(FileReport(path: path, error: "not a regular file (a device, pipe or socket): give '-' to read standard input"))
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
            return Outcome(reports: [], exitCode: 2, fatalError: "\(error)")
        }

        let collected = ReportSlots(count: inputs.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, inputs.count))
        let frozenInputs = inputs
        let stdinData = stdinBytes
        let limit = sizeLimit
        let platform = self.platform
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            // One PCRE2 scratch per worker thread. Each worker takes the next draft nobody has taken, so that no
            // core sits idle while another still has a queue (dealt in advance, the first drafts' one-time costs and
            // a few long drafts left one core working alone at the end).
            let scratch = MatchScratch()
            while let index = collected.claimNext() {
                collected.set(index, Self.check(frozenInputs[index], linter: linters[index], stdin: stdinData,
                                                scratch: scratch, fixMode: fixMode, limit: limit, platform: platform))
            }
        }
        let checked = collected.values
        let reports = checked.map { $0?.report }
        var all = missing + reports.compactMap { $0 }
        all.sort { $0.path < $1.path }

        var exitCode: Int32 = 0
        for (report, linter) in zip(reports, linters) {
            guard let result = report?.result else { continue }
            // The gate is the verdict's rule: a finding at the fail-on level (--fail-on, else the configuration's) or
            // a score below score.fail.
            let threshold = failOn ?? linter.configuration.failOn
            if result.findings.contains(where: { $0.severity >= threshold })
                || result.score < linter.configuration.score.failBelow
            {
                exitCode = 1
            }
        }
        if all.contains(where: { $0.error != nil || !($0.result?.ruleErrors.isEmpty ?? true) }) { exitCode = 2 }
        var rules: [String: RuleHeader] = [:]
        for linter in self.linters.values { for rule in linter.rules { rules[rule.header.id] = rule.header } }
        return Outcome(reports: all, exitCode: exitCode, fatalError: nil, changes: checked.compactMap { $0?.change },
                       rules: rules)
    }

    private static func check(_ input: Input, linter: Linter, stdin: Data?, scratch: MatchScratch, fixMode: FixMode,
                              limit: Int, platform: String?) -> (report: FileReport, change: Change?)
    {
        let report = check(input, linter: linter, stdin: stdin, scratch: scratch, limit: limit, platform: platform)
        guard fixMode != .none, var result = report.result else { return (report, nil) }
        let original = result.draft.original.bytes
        // Fixes that overlap wait for the next round, on the re-checked text.
        for _ in 0..<3 {
            let fixes = result.findings.compactMap(\.fix)
            guard !fixes.isEmpty else { break }
            let outcome = Fixer.apply(fixes, to: result.draft.original.bytes)
            guard !outcome.applied.isEmpty,
                let draft = try? Draft(path: input.displayPath, bytes: outcome.bytes, format: DraftFormat.forPath(input.logicalPath))
            else { break }
            let relative = relativePath(input.logicalPath, to: linter.configuration.baseDirectory)
            result = linter.check(draft, relativePath: relative, scratch: scratch, platform: platform)
        }
        let change = Change(displayPath: input.displayPath, filePath: input.filePath, original: original,
                            fixed: result.draft.original.bytes)
        // --fix reports what remains; --diff reports the findings as they are.
        return (fixMode == .fix ? FileReport(path: input.displayPath, result: result) : report, change)
    }

    private static func check(_ input: Input, linter: Linter, stdin: Data?, scratch: MatchScratch, limit: Int,
                              platform: String?) -> FileReport
    {
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
        var result = linter.check(draft, relativePath: relative, scratch: scratch, platform: platform)
        if linter.measuresRules { result.ruleTimings[Phase.parsing, default: 0] += parsed }
        return FileReport(path: input.displayPath, result: result)
    }

    // MARK: Configuration

    func linter(for logicalPath: String) throws -> Linter {
        let key = try configurationPath(for: logicalPath) ?? "<builtin>"
        if let cached = linters[key] { return cached }
        var configuration = key == "<builtin>"
            ? loader.builtin(baseDirectory: workingDirectory)
            : try loader.load(path: key)
        if let minSeverity { configuration.minSeverity = minSeverity }
        let loadStarted = DispatchTime.now().uptimeNanoseconds
        let linter = try Linter(configuration: configuration, day: day)
        loadingNanoseconds += DispatchTime.now().uptimeNanoseconds - loadStarted
        linter.measuresRules = measuresRules
        linters[key] = linter
        return linter
    }

    /// The linter and the path relative to its configuration, for a draft path.
    func linterAndRelativePath(for path: String) throws -> (Linter, String) {
        let logical = absolute(path)
        let linter = try linter(for: logical)
        return (linter, relativePath(logical, to: linter.configuration.baseDirectory))
    }

    /// Linters for the rules' own examples (`postcheck test`), one per pack: a pack whose folder holds
    /// `examples.yaml` (a configuration with the `names:` its examples are written for) is compiled with those names,
    /// so that the bundled examples about Acme and Globex test the rules whatever company the configuration names.
    func selfTestLinters(forPacks packs: [String]) throws -> [Linter] {
        let combined = try linter(forPacks: packs)
        let base = combined.configuration
        var linters: [Linter] = []
        for pack in base.packDirectories where base.enabledPacks.contains(pack.name) {
            let examples = (pack.directory as NSString).appendingPathComponent("examples.yaml")
            guard FileManager.default.fileExists(atPath: examples) else {
                linters.append(combined)
                continue
            }
            var configuration = base
            configuration.packDirectories = [pack]
            configuration.enabledPacks = [pack.name]
            configuration.rules = [:]
            configuration.overrides = []
            let named = try loader.load(path: examples)
            configuration.variables.merge(named.variables) { $1 }
            linters.append(try Linter(configuration: configuration, day: day))
        }
        // Several packs without examples share the combined linter: test it once.
        var seen: Set<ObjectIdentifier> = []
        return linters.filter { seen.insert(ObjectIdentifier($0)).inserted }
    }

    /// A linter for the given packs (folders or bundled names), with the names, policy and vocabulary of the
    /// configuration that applies in the working folder; without packs, that configuration's own.
    func linter(forPacks packs: [String]) throws -> Linter {
        var configuration = try linter(for: absolute("draft.md")).configuration
        guard !packs.isEmpty else { return try Linter(configuration: configuration, day: day) }
        configuration.packDirectories = []
        configuration.enabledPacks = []
        configuration.rules = [:]
        configuration.overrides = []
        for pack in packs {
            var isDirectory: ObjCBool = false
            let directory: String
            if FileManager.default.fileExists(atPath: pack, isDirectory: &isDirectory), isDirectory.boolValue {
                directory = absolute(pack)
            } else if !pack.contains("/"), let bundled = loader.bundledRulesDirectory.map({ ($0 as NSString).appendingPathComponent(pack) }),
                FileManager.default.fileExists(atPath: bundled)
            {
                directory = bundled
            } else {
                throw ValidationErrorMessage("pack '\(pack)' not found: no such folder and no bundled pack of that name")
            }
            let name = (directory as NSString).lastPathComponent
            configuration.packDirectories.append((name, directory))
            configuration.enabledPacks.append(name)
        }
        return try Linter(configuration: configuration, day: day)
    }

    private func configurationPath(for logicalPath: String) throws -> String? {
        if let configPath {
            guard FileManager.default.fileExists(atPath: configPath) else {
                throw ValidationErrorMessage("configuration file \(configPath) does not exist")
            }
            return absolute(configPath)
        }
        let folder = Self.folder(of: logicalPath)
        if let cached = configurationForFolder[folder] { return cached.isEmpty ? nil : cached }
        let found = loader.discover(from: folder)
        configurationForFolder[folder] = found ?? ""
        return found
    }

    /// The folder of a file's absolute path, as `NSString.deletingLastPathComponent` gives it, without bridging to
    /// `NSString`: this runs twice for every draft before checking starts, on one core.
    static func folder(of path: String) -> String {
        let utf8 = path.utf8
        guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")), utf8.index(after: slash) != utf8.endIndex else {
            return (path as NSString).deletingLastPathComponent
        }
        return slash == utf8.startIndex ? "/" : String(path[..<slash])
    }

    func describeConfiguration(for path: String) throws -> String {
        let logical = absolute(path == "-" ? "stdin.md" : path)
        let linter = try linter(for: logical)
        let configuration = linter.configuration
        let relative = relativePath(logical, to: configuration.baseDirectory)
        let active = linter.activeRules(for: relative)
        let source: String
        switch configuration.source {
        case .postcheck(let path): source = path
        case .vale(let path): source = path
        case .builtin: source = "(none found: bundled default)"
        }
        let value = JSONValue.object([
            ("file", .string(path)),
            ("configuration", .string(source)),
            ("baseDirectory", .string(configuration.baseDirectory)),
            ("packs", .array(configuration.packDirectories.map {
                .object([("name", .string($0.name)), ("path", .string($0.directory))])
            })),
            ("minSeverity", .string(configuration.minSeverity.rawValue)),
            ("failOn", .string((failOn ?? configuration.failOn).rawValue)),
            ("score", .object([("pass", .int(configuration.score.passAt)), ("fail", .int(configuration.score.failBelow)),
                               ("weights", .object([("error", .int(configuration.score.errorPenalty)),
                                                    ("warning", .int(configuration.score.warningPenalty)),
                                                    ("suggestion", .int(configuration.score.suggestionPenalty))]))])),
            ("vocab", .object([("accept", .array(configuration.vocabulary.accept.map(JSONValue.string))),
                               ("reject", .array(configuration.vocabulary.reject.map(JSONValue.string)))])),
            ("extensions", .array(configuration.extensions.map(JSONValue.string))),
            ("rules", .array(active.map { .object([("id", .string($0.rule.header.id)),
                                                   ("severity", .string($0.severity.rawValue))]) })),
        ])
        return value.serialized() + "\n"
    }

    // MARK: Walking

    /// Lists the drafts under a folder, depth first in name order. Symbolic links are followed (a content
    /// repository may link shared folders in), but a folder already on the walk — a link loop, or a second link to
    /// the same folder — is skipped with a notice rather than walked again, so any tree ends. Hidden entries and
    /// `node_modules` are skipped. An explicit stack keeps very deep trees off the call stack.
    private func walk(_ root: String) throws -> [Input] {
        var inputs: [Input] = []
        let rootPath = URL(fileURLWithPath: root).standardizedFileURL.path
        var visited = Set<FileIdentity>()
        var pending: [String] = [rootPath]
        if let identity = FileIdentity(path: rootPath) { visited.insert(identity) }
        while let folder = pending.popLast() {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            } catch {
                notices.append("\(display(folder, root: root, rootPath: rootPath)): folder skipped: cannot be read")
                continue
            }
            var subfolders: [String] = []
            for name in names where !name.hasPrefix(".") {
                let full = folder == "/" ? "/" + name : folder + "/" + name
                guard let kind = EntryKind(path: full) else { continue }
                switch kind {
                case .folder(let identity):
                    guard name != "node_modules" else { continue }
                    guard visited.insert(identity).inserted else {
                        notices.append("\(display(full, root: root, rootPath: rootPath)): skipped: links back to a folder already checked")
                        continue
                    }
                    subfolders.append(full)
                case .file(let size):
                    let linter = try linter(for: full)
                    let configuration = linter.configuration
                    let fileExtension = (name as NSString).pathExtension.lowercased()
                    let relativeToConfig = relativePath(full, to: configuration.baseDirectory)
                    guard configuration.extensions.contains(fileExtension)
                        || (configuration.isVale && configuration.mentions(relativeToConfig))
                    else { continue }
                    if size == 0 {
                        notices.append("\(display(full, root: root, rootPath: rootPath)): skipped: the file is empty")
                        continue
                    }
                    inputs.append(Input(displayPath: display(full, root: root, rootPath: rootPath), filePath: full, logicalPath: full))
                case .other:
                    continue
                }
            }
            pending.append(contentsOf: subfolders.reversed())
        }
        return inputs
    }

    private func display(_ full: String, root: String, rootPath: String) -> String {
        let relativeToRoot = String(full.dropFirst(rootPath.count).drop { $0 == "/" })
        if relativeToRoot.isEmpty { return root }
        return root == "." || root == "./" ? relativeToRoot
            : (root.hasSuffix("/") ? root + relativeToRoot : root + "/" + relativeToRoot)
    }

    private func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }
}

/// A folder's device and inode: the same folder reached through different links has the same identity.
struct FileIdentity: Hashable {
    let device: UInt64
    let inode: UInt64

    init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// What a folder entry is once symbolic links are followed; a dangling link is `nil`.
enum EntryKind {
    case folder(FileIdentity)
    case file(size: Int64)
    case other

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: self = .folder(FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
        case S_IFREG: self = .file(size: Int64(info.st_size))
        default: self = .other
        }
    }
}

func relativePath(_ path: String, to base: String) -> String {
    let prefix = base.hasSuffix("/") ? base : base + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
}

/// Results written by worker threads, each into its own slot.
final class ReportSlots: @unchecked Sendable {
    typealias Slot = (report: FileReport, change: CheckSession.Change?)
    private var slots: [Slot?]
    private var claimed = 0
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// The index of the next draft no worker has taken yet, nil when all are taken.
    func claimNext() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard claimed < slots.count else { return nil }
        claimed += 1
        return claimed - 1
    }

    func set(_ index: Int, _ report: Slot) {
        lock.lock()
        slots[index] = report
        lock.unlock()
    }

    var values: [Slot?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}

struct ValidationErrorMessage: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
