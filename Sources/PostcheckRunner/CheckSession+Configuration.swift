import Dispatch
import Foundation
import PostcheckCore

/// Which configuration applies to a path, and its compiled rules: found once per folder, compiled once per file.
extension CheckSession {
    public func linter(for logicalPath: String) throws(PostcheckError) -> Linter {
        try PostcheckError.converting {
            let key = try configurationPath(for: logicalPath) ?? "<builtin>"
            if let cached = linters[key] { return cached }
            var configuration =
                key == "<builtin>"
                ? loader.builtin(baseDirectory: workingDirectory)
                : try loader.load(path: key)
            if let minSeverity { configuration.minSeverity = minSeverity }
            let loadStarted = DispatchTime.now().uptimeNanoseconds
            // A rule file that does not compile costs only its rule: each draft's check reports it as not run.
            let linter = try Linter(
                configuration: configuration, day: day, keepsUncompiledRules: keepsUncompiledRules)
            loadingNanoseconds += DispatchTime.now().uptimeNanoseconds - loadStarted
            linter.measuresRules = measuresRules
            notices += linter.configurationWarnings
            notices += linter.uncompiledRules.map { "\($0.error) (rule \($0.header.id) is not run; the others are)" }
            linters[key] = linter
            return linter
        }
    }

    /// The linter and the path relative to its configuration, for a draft path.
    public func linterAndRelativePath(for path: String) throws(PostcheckError) -> (Linter, String) {
        try PostcheckError.converting {
            let logical = absolute(path)
            let linter = try linter(for: logical)
            return (linter, relativePath(logical, to: linter.configuration.baseDirectory))
        }
    }

    /// Linters for the rules' own examples (`postcheck test`), one per pack: a pack whose folder holds
    /// `examples.yaml` (a configuration with the `names:` its examples are written for) is compiled with those names,
    /// so that the bundled examples about Acme and Globex test the rules whatever company the configuration names.
    public func selfTestLinters(forPacks packs: [String]) throws(PostcheckError) -> [Linter] {
        try PostcheckError.converting {
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
    }

    /// A linter for the given packs (folders or bundled names), with the names, policy and vocabulary of the
    /// configuration that applies in the working folder; without packs, that configuration's own.
    public func linter(forPacks packs: [String]) throws(PostcheckError) -> Linter {
        try PostcheckError.converting {
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
                } else if !pack.contains("/"),
                    let bundled = loader.bundledRulesDirectory.map({ ($0 as NSString).appendingPathComponent(pack) }),
                    FileManager.default.fileExists(atPath: bundled)
                {
                    directory = bundled
                } else {
                    throw PostcheckError(
                        kind: .configuration,
                        message:
                            "pack '\(pack)' not found: no such folder and no bundled pack of that name")
                }
                let name = (directory as NSString).lastPathComponent
                configuration.packDirectories.append((name, directory))
                configuration.enabledPacks.append(name)
            }
            return try Linter(configuration: configuration, day: day)
        }
    }

    func configurationPath(for logicalPath: String) throws -> String? {
        if let configPath {
            guard FileManager.default.fileExists(atPath: configPath) else {
                throw PostcheckError(kind: .configuration, message: "configuration file \(configPath) does not exist")
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
    public static func folder(of path: String) -> String {
        let utf8 = path.utf8
        guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")), utf8.index(after: slash) != utf8.endIndex else {
            return (path as NSString).deletingLastPathComponent
        }
        return slash == utf8.startIndex ? "/" : String(path[..<slash])
    }

    public func describeConfiguration(for path: String) throws(PostcheckError) -> String {
        try PostcheckError.converting {
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
                (
                    "packs",
                    .array(
                        configuration.packDirectories.map {
                            .object([("name", .string($0.name)), ("path", .string($0.directory))])
                        })
                ),
                ("minSeverity", .string(configuration.minSeverity.rawValue)),
                ("failOn", .string((failOn ?? configuration.failOn).rawValue)),
                (
                    "score",
                    .object([
                        ("pass", .int(configuration.score.passAt)), ("fail", .int(configuration.score.failBelow)),
                        (
                            "weights",
                            .object([
                                ("error", .int(configuration.score.errorPenalty)),
                                ("warning", .int(configuration.score.warningPenalty)),
                                ("suggestion", .int(configuration.score.suggestionPenalty)),
                            ])
                        ),
                    ])
                ),
                (
                    "vocab",
                    .object([
                        ("accept", .array(configuration.vocabulary.accept.map(JSONValue.string))),
                        ("reject", .array(configuration.vocabulary.reject.map(JSONValue.string))),
                    ])
                ),
                ("extensions", .array(configuration.extensions.map(JSONValue.string))),
                (
                    "rules",
                    .array(
                        active.map {
                            .object([
                                ("id", .string($0.rule.header.id)),
                                ("severity", .string($0.severity.rawValue)),
                            ])
                        })
                ),
            ])
            return value.serialized() + "\n"
        }
    }

}
