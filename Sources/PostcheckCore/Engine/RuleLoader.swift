import Foundation

/// Loads rule packs (folders of `<Rule>.yml` files) into compiled rules. A pack that has a bad rule fails as a
/// whole, with the file, line and column of the problem: nothing is half-loaded.
public struct RuleLoader: Sendable {
    public let registry: RuleKindRegistry

    public init(registry: RuleKindRegistry = .standard) {
        self.registry = registry
    }

    /// Compiles one rule file's text. `id` is `<pack>.<Rule>`.
    public func compileRule(id: String, path: String, text: String, context: RuleCompileContext) throws(RuleFileError)
        -> any CompiledRule
    {
        let fields = try YAMLFields.parse(path: path, text: text, variables: context.variables)
        if fields.has("code") {
            throw fields.error(key: "code", "'code' is no longer supported; use 'scope: raw' to check code")
        }
        guard let kindName = try fields.string("extends") else {
            throw fields.error(at: nil, "missing required key 'extends' (one of: \(registry.names.joined(separator: ", ")))")
        }
        guard let kind = registry.kind(named: kindName) else {
            throw fields.error(key: "extends", "unknown rule kind '\(kindName)' (known: \(registry.names.joined(separator: ", ")))")
        }
        try fields.rejectUnknownKeys(allowed: RuleHeader.keys.union(kind.keys), context: "'\(kindName)' rules")
        let header = try RuleHeader(id: id, fields: fields)
        return try kind.compile(header: header, fields: fields, context: context)
    }

    /// All rules of a pack folder, sorted by id. Rules that need names the configuration leaves empty are left out
    /// and listed in `skipped`.
    public func loadPack(name: String, directory: String, context: RuleCompileContext) throws(RuleFileError)
        -> [any CompiledRule]
    {
        var skipped: [(id: String, reason: String)] = []
        return try loadPack(name: name, directory: directory, context: context, skipped: &skipped)
    }

    public func loadPack(name: String, directory: String, context: RuleCompileContext, skipped: inout [(id: String, reason: String)])
        throws(RuleFileError) -> [any CompiledRule]
    {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw RuleFileError(path: directory, line: nil, column: nil, message: "cannot read pack folder")
        }
        var rules: [any CompiledRule] = []
        for file in entries.sorted() where file.hasSuffix(".yml") && !file.hasPrefix(".") && !file.hasPrefix("_") {
            let path = (directory as NSString).appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw RuleFileError(path: path, line: nil, column: nil, message: "cannot read rule file")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw RuleFileError(path: path, line: nil, column: nil, message: "rule file is not valid UTF-8")
            }
            let id = "\(name).\((file as NSString).deletingPathExtension)"
            do {
                rules.append(try compileRule(id: id, path: path, text: text, context: context))
            } catch where error.notApplicable {
                skipped.append((id, error.message))
            }
        }
        return rules
    }
}
