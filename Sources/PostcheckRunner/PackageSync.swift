import Foundation
import PostcheckCore

/// `postcheck sync`: fetches the guideline packs a configuration lists under `packages:` (`.postcheck.yml`) or
/// `Packages =` (`.vale.ini`) into its packs folder, and writes `postcheck.lock` (source, version or commit, sha256).
/// Checking then reads only what is synced: no network during a check.
///
/// A package is a local folder, a `.zip` or `.tar.gz` file (a path, or an `http(s)://` or `file://` URL, fetched with
/// curl), or a git repository at a tag (`ref:`). Its packs are the folders that hold rule files (`*.yml`): the
/// package's root (named after the package) or its top-level folders (as in Vale's package archives). Archives are
/// listed before anything is extracted: absolute paths, `..`, links and more than 10,000 files or 50 MB are refused.
/// A pinned `sha256` is checked. Nothing is replaced until everything is fetched and checked, so a failed sync leaves
/// the packs as they were.
public struct PackageSync {
    public typealias Package = SharedPackage

    /// What the lock file records for one package.
    public struct Locked: Sendable, Equatable {
        public let source: String
        public let kind: String
        public let ref: String?
        /// The commit of a git package.
        public let commit: String?
        /// The archive's sha256, or for a folder or a git package that of its rule files.
        public let sha256: String
        public let packs: [String]
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    static let maxFiles = 10_000
    static let maxBytes = 50 * 1_048_576

    /// The packages of a configuration file, and the folder its packs go to: `.postcheck/packs` next to a
    /// `.postcheck.yml`, the first `StylesPath` of a `.vale.ini`.
    public static func packages(configuration path: String) throws -> (packages: [Package], packsFolder: String) {
        let base = (path as NSString).deletingLastPathComponent
        let text = try String(contentsOfFile: path, encoding: .utf8)
        if path.hasSuffix(".ini") {
            var stylesPath: String? = nil
            var packages: [Package] = []
            for raw in text.split(separator: "\n") {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.hasPrefix("[") { break }
                let parts = line.split(separator: "=", maxSplits: 1).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                guard parts.count == 2 else { continue }
                switch parts[0].lowercased() {
                case "stylespath": stylesPath = stylesPath ?? parts[1]
                case "packages":
                    packages += parts[1].split(separator: ",").map {
                        Package(source: $0.trimmingCharacters(in: .whitespaces))
                    }
                default: break
                }
            }
            guard let stylesPath else { throw Failure(description: "\(path): Packages need a StylesPath to go to") }
            return (packages, absolute(stylesPath, base: base))
        }
        let packages = try SharedPackage.list(configurationPath: path, text: text)
        return (packages, (base as NSString).appendingPathComponent(".postcheck/packs"))
    }

    /// Fetches every package, checks it, then puts its packs in `packsFolder` and returns what the lock records.
    public static func sync(_ packages: [Package], packsFolder: String, base: String) throws -> [Locked] {
        let fileManager = FileManager.default
        try fileManager.createDirectory(atPath: packsFolder, withIntermediateDirectories: true)
        let staging = (packsFolder as NSString).appendingPathComponent(".sync-\(UUID().uuidString)")
        try fileManager.createDirectory(atPath: staging, withIntermediateDirectories: false)
        defer { try? fileManager.removeItem(atPath: staging) }
        var locked: [Locked] = []
        var staged: [(name: String, folder: String)] = []
        for (index, package) in packages.enumerated() {
            let work = (staging as NSString).appendingPathComponent("\(index)")
            try fileManager.createDirectory(atPath: work, withIntermediateDirectories: false)
            let (kind, root, commit, digest) = try fetch(package, into: work, base: base)
            try refuseLinks(in: root)
            let packs = try packFolders(in: root, packageName: name(of: package))
            guard !packs.isEmpty else {
                throw Failure(description: "\(package.source): no folder of rule files (*.yml) in the package")
            }
            for pack in packs where staged.contains(where: { $0.name == pack.name }) {
                throw Failure(description: "\(package.source): pack '\(pack.name)' comes from two packages")
            }
            staged += packs
            locked.append(
                Locked(
                    source: package.source, kind: kind, ref: package.ref, commit: commit, sha256: digest,
                    packs: packs.map(\.name).sorted()))
        }
        // Everything is fetched and checked: now each pack replaces its previous version.
        for pack in staged {
            let target = (packsFolder as NSString).appendingPathComponent(pack.name)
            let previous = target + ".previous-\(UUID().uuidString)"
            if fileManager.fileExists(atPath: target) { try fileManager.moveItem(atPath: target, toPath: previous) }
            do {
                try fileManager.moveItem(atPath: pack.folder, toPath: target)
            } catch {
                if fileManager.fileExists(atPath: previous) {
                    try? fileManager.moveItem(atPath: previous, toPath: target)
                }
                throw error
            }
            try? fileManager.removeItem(atPath: previous)
        }
        return locked
    }

    /// `postcheck.lock` as JSON, packages in the configuration's order.
    public static func lockFile(_ locked: [Locked]) -> String {
        let entries: [JSONValue] = locked.map { entry in
            .object([
                ("source", .string(entry.source)), ("kind", .string(entry.kind)),
                ("ref", entry.ref.map(JSONValue.string) ?? .null),
                ("commit", entry.commit.map(JSONValue.string) ?? .null),
                ("sha256", .string(entry.sha256)), ("packs", .array(entry.packs.map(JSONValue.string))),
            ])
        }
        return JSONValue.object([("version", .int(1)), ("packages", .array(entries))]).serialized() + "\n"
    }

    // MARK: Fetching

    private static func fetch(
        _ package: Package, into work: String, base: String
    ) throws -> (
        kind: String, root: String, commit: String?, sha256: String
    ) {
        let source = package.source
        if package.ref != nil || source.hasSuffix(".git") {
            let root = (work as NSString).appendingPathComponent("repository")
            var arguments = ["clone", "--quiet", "--depth", "1"]
            if let ref = package.ref { arguments += ["--branch", ref] }
            let location = source.contains("://") || source.hasPrefix("/") ? source : absolute(source, base: base)
            try run("git", arguments + ["--", location, root], what: "git clone of \(source)")
            let commit = try run("git", ["-C", root, "rev-parse", "HEAD"], what: "git rev-parse").trimmingCharacters(
                in: .whitespacesAndNewlines)
            try? FileManager.default.removeItem(atPath: (root as NSString).appendingPathComponent(".git"))
            if let pinned = package.sha256, pinned != commit {
                throw Failure(description: "\(source): commit \(commit) is not the pinned \(pinned)")
            }
            return ("git", root, commit, try treeDigest(root))
        }
        let isArchive = source.hasSuffix(".zip") || source.hasSuffix(".tar.gz") || source.hasSuffix(".tgz")
        if !isArchive {
            let folder = absolute(source, base: base)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw Failure(
                    description:
                        "\(source): not a folder, a .zip or .tar.gz archive, or a git repository (`ref:` or .git)")
            }
            let root = (work as NSString).appendingPathComponent("folder")
            try FileManager.default.copyItem(atPath: folder, toPath: root)
            return ("folder", root, nil, try treeDigest(root))
        }
        let archive = (work as NSString).appendingPathComponent(
            source.hasSuffix(".zip") ? "package.zip" : "package.tar.gz")
        if source.contains("://") {
            try run(
                "curl", ["-fsSL", "--max-filesize", "\(maxBytes)", "-o", archive, "--", source],
                what: "download of \(source)")
        } else {
            try FileManager.default.copyItem(atPath: absolute(source, base: base), toPath: archive)
        }
        let digest =
            try run("sha256sum", [archive], what: "sha256sum").split(separator: " ").first.map(String.init) ?? ""
        if let pinned = package.sha256, pinned != digest {
            throw Failure(description: "\(source): sha256 \(digest) is not the pinned \(pinned); nothing was changed")
        }
        let root = (work as NSString).appendingPathComponent("extracted")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: false)
        try checkListing(archive, source: source)
        if archive.hasSuffix(".zip") {
            try run("unzip", ["-q", archive, "-d", root], what: "unzip of \(source)")
        } else {
            try run(
                "tar", ["-xzf", archive, "-C", root, "--no-same-owner", "--no-same-permissions"],
                what: "tar of \(source)")
        }
        return ("archive", root, nil, digest)
    }

    /// Refuses an archive whose entries could write outside the folder (absolute paths, `..`), links, or more than
    /// `maxFiles` entries or `maxBytes` bytes, before anything is extracted.
    private static func checkListing(_ archive: String, source: String) throws {
        var entries: [(name: String, isLink: Bool, size: Int)] = []
        if archive.hasSuffix(".zip") {
            // zipinfo: `-rw-r--r--  3.0 unx  1234 tx defN 26-Dec-06 10:00 Name/Rule.yml`
            let listing = try run("zipinfo", [archive], what: "listing of \(source)")
            for line in listing.split(separator: "\n") {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                guard fields.count >= 9, let first = fields[0].first, "-dl".contains(first) else { continue }
                entries.append((fields[8...].joined(separator: " "), first == "l", Int(fields[3]) ?? 0))
            }
        } else {
            let listing = try run("tar", ["-tzvf", archive], what: "listing of \(source)")
            for line in listing.split(separator: "\n") {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                guard fields.count >= 6, let first = fields[0].first else { continue }
                var name = fields[5...].joined(separator: " ")
                if let arrow = name.range(of: " -> ") { name = String(name[..<arrow.lowerBound]) }
                if let link = name.range(of: " link to ") { name = String(name[..<link.lowerBound]) }
                entries.append((name, first == "l" || first == "h", Int(fields[2]) ?? 0))
            }
        }
        guard entries.count <= maxFiles else {
            throw Failure(description: "\(source): more than \(maxFiles) files in the archive; not extracted")
        }
        guard entries.reduce(0, { $0 + $1.size }) <= maxBytes else {
            throw Failure(description: "\(source): more than \(maxBytes / 1_048_576) MB in the archive; not extracted")
        }
        for entry in entries {
            if entry.name.hasPrefix("/") || entry.name.split(separator: "/").contains("..") {
                throw Failure(description: "\(source): entry '\(entry.name)' would be written outside the packs folder")
            }
            if entry.isLink {
                throw Failure(description: "\(source): entry '\(entry.name)' is a link; packs hold plain files only")
            }
        }
    }

    /// Refuses a package that holds a symbolic link (it could point outside its folder), wherever it came from.
    private static func refuseLinks(in root: String) throws {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return }
        for case let relative as String in walker {
            let path = (root as NSString).appendingPathComponent(relative)
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil {
                throw Failure(description: "'\(relative)' is a symbolic link; packs hold plain files only")
            }
        }
    }

    /// The package's packs: its root when it holds rule files (named after the package), else each top-level folder
    /// that does (Vale's archives: `Google/…`); one wrapping folder is looked through.
    private static func packFolders(in root: String, packageName: String) throws -> [(name: String, folder: String)] {
        let fileManager = FileManager.default
        func ruleFiles(_ folder: String) -> Bool {
            ((try? fileManager.contentsOfDirectory(atPath: folder)) ?? []).contains {
                $0.hasSuffix(".yml") && !$0.hasPrefix(".")
            }
        }
        func folders(_ folder: String) -> [String] {
            ((try? fileManager.contentsOfDirectory(atPath: folder)) ?? []).sorted().filter { name in
                var isDirectory: ObjCBool = false
                return !name.hasPrefix(".")
                    && fileManager.fileExists(
                        atPath: (folder as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
                    && isDirectory.boolValue
            }
        }
        if ruleFiles(root) { return [(packageName, root)] }
        var found = folders(root).map { ($0, (root as NSString).appendingPathComponent($0)) }.filter { ruleFiles($0.1) }
        if found.isEmpty, case let top = folders(root), top.count == 1 {
            let inner = (root as NSString).appendingPathComponent(top[0])
            if ruleFiles(inner) { return [(top[0], inner)] }
            found = folders(inner).map { ($0, (inner as NSString).appendingPathComponent($0)) }.filter {
                ruleFiles($0.1)
            }
        }
        return found
    }

    private static func name(of package: Package) -> String {
        var name = (package.source as NSString).lastPathComponent
        for suffix in [".git", ".zip", ".tar.gz", ".tgz"] where name.hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
        }
        return name.isEmpty ? "package" : name
    }

    /// The sha256 of a folder's files: their paths and contents, in path order (`sha256sum` over a sorted list).
    private static func treeDigest(_ root: String) throws -> String {
        let listing = try run(
            "bash",
            [
                "-c", "cd \"$1\" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum | sha256sum", "_",
                root,
            ],
            what: "sha256 of \(root)")
        return listing.split(separator: " ").first.map(String.init) ?? ""
    }

    static func absolute(_ path: String, base: String) -> String {
        path.hasPrefix("/")
            ? path : URL(fileURLWithPath: (base as NSString).appendingPathComponent(path)).standardizedFileURL.path
    }

    @discardableResult
    private static func run(_ tool: String, _ arguments: [String], what: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["GIT_TERMINAL_PROMPT": "0"]) { $1 }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw Failure(description: "\(what): cannot run \(tool)") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(description: "\(what) failed\(message.isEmpty ? "" : ": \(message)")")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
