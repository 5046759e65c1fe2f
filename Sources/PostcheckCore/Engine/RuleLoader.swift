import Dispatch
import Foundation

/// Loads rule packs (folders of `<Rule>.yml` files) into compiled rules. By default a pack that has a bad rule
/// fails as a whole, with the file, line and column of the problem: nothing is half-loaded. With
/// `keepsUncompiledRules`, a bad rule file costs only its rule: it is loaded as an `UncompiledRule`, which every
/// check reports as not run.
public struct RuleLoader: Sendable {
    public let registry: RuleKindRegistry
    /// Keep a rule file that does not compile as an `UncompiledRule` instead of failing the pack.
    public var keepsUncompiledRules: Bool

    public init(registry: RuleKindRegistry = .standard, keepsUncompiledRules: Bool = false) {
        self.registry = registry
        self.keepsUncompiledRules = keepsUncompiledRules
    }

    /// Compiles one rule file's text. `id` is `<pack>.<Rule>`.
    public func compileRule(
        id: String, path: String, text: String, context: RuleCompileContext
    ) throws(RuleFileError)
        -> any CompiledRule
    {
        let fields = try YAMLFields.parse(path: path, text: text, variables: context.variables)
        if fields.has("code") {
            throw fields.error(key: "code", "'code' is no longer supported; use 'scope: raw' to check code")
        }
        guard let kindName = try fields.string("extends") else {
            throw fields.error(
                at: nil, "missing required key 'extends' (one of: \(registry.names.joined(separator: ", ")))")
        }
        guard let kind = registry.kind(named: kindName) else {
            throw fields.error(
                key: "extends", "unknown rule kind '\(kindName)' (known: \(registry.names.joined(separator: ", ")))")
        }
        try fields.rejectUnknownKeys(allowed: RuleHeader.keys.union(kind.keys), context: "'\(kindName)' rules")
        let header = try RuleHeader(id: id, fields: fields)
        return try kind.compile(header: header, fields: fields, context: context)
    }

    /// All rules of a pack folder, sorted by id. Rules that need names the configuration leaves empty are left out
    /// and listed in `skipped`.
    public func loadPack(
        name: String, directory: String, context: RuleCompileContext
    ) throws(RuleFileError)
        -> [any CompiledRule]
    {
        var skipped: [SkippedRule] = []
        return try loadPack(name: name, directory: directory, context: context, skipped: &skipped)
    }

    public func loadPack(
        name: String, directory: String, context: RuleCompileContext, skipped: inout [SkippedRule]
    )
        throws(RuleFileError) -> [any CompiledRule]
    {
        try loadPacks([(name, directory)], context: context, skipped: &skipped)
    }

    /// The rules of several packs, compiled together: one parallel pass over all their files, so that no pack waits
    /// for the last rule of the one before it, with the costliest files first (a rule that reads large lexicons,
    /// started last, kept one core busy alone at the end of a single draft's start-up). Results are taken in pack and
    /// file order, so the error reported for several bad rules is always the same one.
    public func loadPacks(
        _ packs: [(name: String, directory: String)], context: RuleCompileContext, skipped: inout [SkippedRule]
    )
        throws(RuleFileError) -> [any CompiledRule]
    {
        var files: [(id: String, path: String, text: String, cost: Int)] = []
        for (name, directory) in packs {
            files += try readPack(name: name, directory: directory)
        }
        let results = CompileResults(count: files.count)
        let frozen = files
        let costliestFirst = files.indices.sorted { (-files[$0].cost, $0) < (-files[$1].cost, $1) }
        DispatchQueue.concurrentPerform(iterations: files.count) { turn in
            let index = costliestFirst[turn]
            let file = frozen[index]
            do throws(RuleFileError) {
                results.set(
                    index, .success(try compileRule(id: file.id, path: file.path, text: file.text, context: context)))
            } catch {
                results.set(index, .failure(error))
            }
        }
        var rules: [any CompiledRule] = []
        for (index, result) in results.values.enumerated() {
            switch result {
            case .success(let rule): rules.append(rule)
            case .failure(let error) where error.notApplicable:
                skipped.append(SkippedRule(id: files[index].id, reason: error.message))
            case .failure(let error) where keepsUncompiledRules:
                rules.append(UncompiledRule(id: files[index].id, error: error))
            case .failure(let error): throw error
            case nil: break
            }
        }
        return rules
    }

    /// Whether `name` occurs in `data`, byte for byte (Foundation's `String.contains` bridged the whole rule file
    /// for every data file, which cost more than the rest of the start-up it was meant to shorten).
    private static func bytes(_ data: Data, contain name: String) -> Bool {
        let needle = Array(name.utf8)
        guard let first = needle.first, needle.count <= data.count else { return false }
        return data.withUnsafeBytes { raw in
            let haystack = raw.bindMemory(to: UInt8.self)
            var from = 0
            while let at = firstIndex(of: first, in: haystack, from..<(haystack.count - needle.count + 1)) {
                if needle.indices.allSatisfy({ haystack[at + $0] == needle[$0] }) { return true }
                from = at + 1
            }
            return false
        }
    }

    /// A pack's rule files, with the cost of compiling each guessed from the bytes it makes the compiler read: its
    /// own, and those of the pack's data files it names (lexicons, word lists).
    private func readPack(
        name: String, directory: String
    ) throws(RuleFileError) -> [(id: String, path: String, text: String, cost: Int)] {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw RuleFileError(path: directory, line: nil, column: nil, message: "cannot read pack folder")
        }
        var dataFileSizes: [(name: String, size: Int)] = []
        if let walker = FileManager.default.enumerator(atPath: directory) {
            while let relative = walker.nextObject() as? String {
                guard relative.contains("/"), !relative.hasSuffix(".md"),
                    let size = (walker.fileAttributes?[.size] as? NSNumber)?.intValue
                else { continue }
                dataFileSizes.append(((relative as NSString).lastPathComponent, size))
            }
        }
        var files: [(id: String, path: String, text: String, cost: Int)] = []
        for file in entries.sorted() where file.hasSuffix(".yml") && !file.hasPrefix(".") && !file.hasPrefix("_") {
            let path = (directory as NSString).appendingPathComponent(file)
            // A rule file linked to something outside the pack (/proc/self/environ) is not read: its parse error
            // would quote what it holds.
            if let pack = YAMLFields.realPath(directory), let resolved = YAMLFields.realPath(path),
                !resolved.hasPrefix(pack.hasSuffix("/") ? pack : pack + "/")
            {
                throw RuleFileError(
                    path: path, line: nil, column: nil,
                    message: "the rule file links outside its pack folder (to \(resolved)): not read")
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw RuleFileError(path: path, line: nil, column: nil, message: "cannot read rule file")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw RuleFileError(path: path, line: nil, column: nil, message: "rule file is not valid UTF-8")
            }
            let cost = dataFileSizes.reduce(data.count) { $0 + (Self.bytes(data, contain: $1.name) ? $1.size : 0) }
            files.append(("\(name).\((file as NSString).deletingPathExtension)", path, text, cost))
        }
        return files
    }
}

/// Compiled rules written by worker threads, each into its own slot.
private final class CompileResults: @unchecked Sendable {
    private var slots: [Result<any CompiledRule, RuleFileError>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<any CompiledRule, RuleFileError>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    var values: [Result<any CompiledRule, RuleFileError>?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}

/// A rule that does not apply to a configuration, and why: it names a list the configuration leaves empty (no
/// competitors, no code names). An outcome of loading, listed by `postcheck rules` and `postcheck test`, not an error.
public struct SkippedRule: Sendable, Hashable {
    public let id: String
    public let reason: String

    public init(id: String, reason: String) {
        self.id = id
        self.reason = reason
    }
}
