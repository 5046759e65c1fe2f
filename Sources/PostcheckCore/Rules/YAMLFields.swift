import Yams

/// A YAML mapping read strictly: each key is looked up case-insensitively (as Vale does), every read is type-checked,
/// and keys nobody asked for are reported with their line and column.
public struct YAMLFields {
    public let path: String
    /// Name lists and policy values from the configuration, for `{{name}}` placeholders.
    public var variables: [String: [String]] = [:]
    let entries: [(key: String, keyNode: Node, value: Node)]
    let mark: Mark?

    init(path: String, node: Node, variables: [String: [String]] = [:]) throws(RuleFileError) {
        self.path = path
        self.variables = variables
        self.mark = node.mark
        guard case .mapping(let mapping) = node else {
            throw RuleFileError(
                path: path, line: node.mark?.line, column: node.mark?.column,
                message: "expected a mapping of keys to values")
        }
        var entries: [(String, Node, Node)] = []
        var seen: Set<String> = []
        for (key, value) in mapping {
            guard let name = key.string else {
                throw RuleFileError(
                    path: path, line: key.mark?.line, column: key.mark?.column,
                    message: "keys must be strings")
            }
            if !seen.insert(name.lowercased()).inserted {
                throw RuleFileError(
                    path: path, line: key.mark?.line, column: key.mark?.column,
                    message: "duplicate key '\(name)'")
            }
            entries.append((name, key, value))
        }
        self.entries = entries
    }

    /// Parses a whole file's text into its top-level fields.
    public static func parse(
        path: String, text: String, variables: [String: [String]] = [:]
    ) throws(RuleFileError) -> YAMLFields {
        let node: Node?
        do {
            // Without YAML's type resolution: it runs up to seven of Foundation's regular expressions on every
            // value, and a word list has thousands. The few values read as flags, numbers or null are resolved
            // when they are read (`Node.typed`). The encoding is named: Yams' default reads the whole process
            // environment on every parse.
            node = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            let (line, column, message) = describe(error)
            throw RuleFileError(path: path, line: line, column: column, message: "invalid YAML: \(message)")
        } catch {
            throw RuleFileError(path: path, line: nil, column: nil, message: "invalid YAML: \(error)")
        }
        guard let node else { throw RuleFileError(path: path, line: nil, column: nil, message: "the file is empty") }
        return try YAMLFields(path: path, node: node, variables: variables)
    }

    public var keys: [String] { entries.map(\.key) }

    public func has(_ key: String) -> Bool { entry(key) != nil }

    func entry(_ key: String) -> (key: String, keyNode: Node, value: Node)? {
        let lower = key.lowercased()
        return entries.first { $0.key.lowercased() == lower }
    }

    /// Fails on the first key that is not in `allowed` (compared case-insensitively).
    public func rejectUnknownKeys(allowed: Set<String>, context: String) throws(RuleFileError) {
        let lowered = Set(allowed.map { $0.lowercased() })
        for entry in entries where !lowered.contains(entry.key.lowercased()) {
            let known = allowed.sorted().joined(separator: ", ")
            throw error(at: entry.keyNode, "unknown key '\(entry.key)' for \(context) (known keys: \(known))")
        }
    }

    public func error(at node: Node?, _ message: String) -> RuleFileError {
        RuleFileError(
            path: path, line: node?.mark?.line ?? mark?.line, column: node?.mark?.column ?? mark?.column,
            message: message)
    }

    public func error(key: String, _ message: String) -> RuleFileError {
        error(at: entry(key)?.value, message)
    }

    // MARK: Typed reads

    public func node(_ key: String) -> Node? { entry(key)?.value }

    public func string(_ key: String) throws(RuleFileError) -> String? {
        guard let entry = entry(key) else { return nil }
        guard case .scalar(let scalar) = entry.value else {
            throw error(at: entry.value, "'\(entry.key)' must be a string")
        }
        if entry.value.isNull { return nil }
        return try expandInline(scalar.string, at: entry.value)
    }

    /// `{{name}}` inside a pattern becomes `(?:value1|value2…)` (values escaped as literals).
    func expandInline(_ text: String, at node: Node) throws(RuleFileError) -> String {
        // A byte test first: Foundation's substring search costs more than the rest of loading a word.
        guard text.utf8.contains(UInt8(ascii: "{")), text.contains("{{") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            result += rest[..<open.lowerBound]
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: [" "])
            result += "(?:" + (try values(name, at: node)).map(RegexPattern.escape).joined(separator: "|") + ")"
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// A placeholder's values; an unknown or empty list makes the rule not applicable.
    func values(_ name: String, at node: Node) throws(RuleFileError) -> [String] {
        guard let values = variables[name], !values.isEmpty else {
            throw RuleFileError(
                path: path, line: node.mark?.line, column: node.mark?.column,
                message: "needs the configuration's '\(name)' (e.g. under 'names:'), which is empty",
                notApplicable: true)
        }
        return values
    }

    public func bool(_ key: String) throws(RuleFileError) -> Bool? {
        guard let entry = entry(key) else { return nil }
        guard case .scalar = entry.value, let value = entry.value.typed.bool else {
            throw error(at: entry.value, "'\(entry.key)' must be true or false")
        }
        return value
    }

    public func int(_ key: String) throws(RuleFileError) -> Int? {
        guard let entry = entry(key) else { return nil }
        if let text = entry.value.string, text.hasPrefix("{{"),
            let value = Int(
                try values(String(text.dropFirst(2).dropLast(2)).trimmingCharacters(in: [" "]), at: entry.value)[0])
        {
            return value
        }
        guard case .scalar = entry.value, let value = entry.value.typed.int else {
            throw error(at: entry.value, "'\(entry.key)' must be a whole number")
        }
        return value
    }

    public func double(_ key: String) throws(RuleFileError) -> Double? {
        guard let entry = entry(key) else { return nil }
        if let text = entry.value.string, text.hasPrefix("{{"),
            let value = Double(
                try values(String(text.dropFirst(2).dropLast(2)).trimmingCharacters(in: [" "]), at: entry.value)[0])
        {
            return value
        }
        guard case .scalar = entry.value, let value = entry.value.typed.float ?? entry.value.typed.int.map(Double.init)
        else {
            throw error(at: entry.value, "'\(entry.key)' must be a number")
        }
        return value
    }

    /// A list of strings; a single string is accepted as a one-element list (Vale's weak typing).
    public func stringList(_ key: String) throws(RuleFileError) -> [String]? {
        guard let entry = entry(key) else { return nil }
        return try Self.strings(entry.value, name: entry.key, fields: self)
    }

    /// An item that is exactly `{{name}}` stands for all of the list's values (escaped as literals); `{{name}}`
    /// inside an item becomes an alternation.
    static func strings(_ node: Node, name: String, fields: YAMLFields) throws(RuleFileError) -> [String] {
        func expand(_ text: String, _ item: Node) throws(RuleFileError) -> [String] {
            // Most items are words, without a placeholder.
            guard text.utf8.contains(UInt8(ascii: "{")) else { return [text] }
            let trimmed = text.trimmingCharacters(in: [" "])
            if trimmed.hasPrefix("{{") && trimmed.hasSuffix("}}")
                && trimmed.components(separatedByString: "{{").count == 2
            {
                return try fields.values(
                    String(trimmed.dropFirst(2).dropLast(2)).trimmingCharacters(in: [" "]), at: item
                )
                .map(RegexPattern.escape)
            }
            return [try fields.expandInline(text, at: item)]
        }
        switch node {
        case .scalar(let scalar):
            if node.isNull { return [] }
            return try expand(scalar.string, node)
        case .sequence(let sequence):
            var result: [String] = []
            for item in sequence {
                guard case .scalar(let scalar) = item else {
                    throw fields.error(at: item, "'\(name)' must be a list of strings")
                }
                result += try expand(scalar.string, item)
            }
            return result
        default:
            throw fields.error(at: node, "'\(name)' must be a list of strings")
        }
    }

    /// A list of strings, or lists per language (`{nl: […], en: […]}`): returned keyed by language code, or by `*`
    /// for a plain list.
    public func stringListsByLanguage(_ key: String) throws(RuleFileError) -> [String: [String]]? {
        guard let entry = entry(key) else { return nil }
        guard case .mapping(let mapping) = entry.value else {
            return ["*": try Self.strings(entry.value, name: entry.key, fields: self)]
        }
        var lists: [String: [String]] = [:]
        for (languageNode, value) in mapping {
            guard let language = languageNode.string, LanguageDetector.normalize(language).count == 2 else {
                throw error(
                    at: languageNode, "'\(entry.key)' per language needs language codes (nl, en, fr, de) as keys")
            }
            lists[LanguageDetector.normalize(language)] = try Self.strings(value, name: entry.key, fields: self)
        }
        return lists
    }

    /// A mapping of strings to strings, in file order.
    public func stringPairs(_ key: String) throws(RuleFileError) -> [(key: String, value: String)]? {
        guard let entry = entry(key) else { return nil }
        guard case .mapping(let mapping) = entry.value else {
            throw error(at: entry.value, "'\(entry.key)' must be a mapping of strings to strings")
        }
        var pairs: [(String, String)] = []
        for (key, value) in mapping {
            guard case .scalar(let keyScalar) = key, case .scalar(let valueScalar) = value else {
                throw error(at: value, "'\(entry.key)' must be a mapping of strings to strings")
            }
            pairs.append((keyScalar.string, valueScalar.string))
        }
        return pairs
    }

    /// A nested mapping, read strictly in turn.
    public func fields(_ key: String) throws(RuleFileError) -> YAMLFields? {
        guard let entry = entry(key) else { return nil }
        return try YAMLFields(path: path, node: entry.value, variables: variables)
    }

    /// Line and column of a key's value, for messages.
    public func mark(of key: String) -> (line: Int, column: Int)? {
        guard let mark = entry(key)?.value.mark else { return nil }
        return (mark.line, mark.column)
    }
}

extension Node {
    /// This value typed the way YAML's core schema reads a plain value (a flag, a number, null). Rule and
    /// configuration files are parsed without that resolution (`YAMLFields.parse`), so every value reads as text
    /// until a field asks for a type. A quoted value stays text, as in YAML.
    var typed: Node {
        guard case .scalar(let scalar) = self, scalar.style == .plain, Self.mayBeTyped(scalar.string) else {
            return self
        }
        return Node(scalar.string, Tag(CoreSchema.tagName(of: scalar.string), .basic, CoreSchema.constructor), .plain)
    }

    /// The first bytes that YAML's core schema rules (bool, int, float, merge, null, timestamp, value) accept.
    private static let typedStarts = Set("0123456789+-.~<=yYnNtTfFoO".utf8)

    /// Whether a plain value could be anything but text: most values (words, messages, names) are told apart by
    /// their first byte, without matching the core-schema pattern (`CoreSchema`).
    static func mayBeTyped(_ value: String) -> Bool {
        guard let first = value.utf8.first else { return true }
        return typedStarts.contains(first)
    }

    /// Whether this is YAML's null: a plain `~`, `null`, `Null`, `NULL` or nothing (what the null rule matches;
    /// none of the rules before it matches these). Read for every text field, so without a pattern.
    var isNull: Bool {
        guard case .scalar(let scalar) = self, scalar.style == .plain else { return false }
        switch scalar.string {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }
}

/// YAML's type resolution of plain values as Yams' default resolver does it: the same rules in the same order, as
/// one PCRE2 pattern run by the interpreter. That resolver compiles seven of Foundation's (ICU) regular
/// expressions the first time any value is typed, a millisecond and a half of every start.
enum CoreSchema {
    /// Yams' constructor, made once (a `Tag` holds one; `Constructor.default` builds three tables each time).
    nonisolated(unsafe) static let constructor = Constructor.default

    /// Yams' `Resolver.Rule`s bool, int, float, merge, null, timestamp and value, in that order, as one pattern with
    /// a group per rule: the first alternative that matches the whole value is the first rule that would.
    private static let names = ["bool", "int", "float", "merge", "null", "timestamp", "value"]
    private static let rules = try! RegexPattern(
        "^(?:"
            + [
                "(yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)",
                "([-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)",
                "([-+]?(?:[0-9][0-9_]*)(?:\\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\\.[0-9_]+(?:[eE][-+][0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))",
                "(<<)",
                "(~|null|Null|NULL|)",
                "([0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)"
                    + "[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)",
                "(=)",
            ].joined(separator: "|") + ")$", options: .interpreted)

    static func tagName(of value: String) -> Tag.Name {
        guard !value.isEmpty else { return .null }
        let bytes = Array(value.utf8)
        let match = bytes.withUnsafeBufferPointer { buffer in
            try? rules.matches(in: buffer, range: 0..<buffer.count, scratch: .forCurrentThread, captureGroups: true)
                .first
        }
        guard let match, let rule = names.indices.first(where: { match.group($0 + 1) != nil }) else { return .str }
        return Tag.Name(rawValue: "tag:yaml.org,2002:" + names[rule])
    }
}
