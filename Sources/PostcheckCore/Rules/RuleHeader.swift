/// What to do about a finding (Vale's `action`), carried into findings so that fixes and editors can use it.
public struct RuleAction: Sendable, Hashable, Codable {
    public let name: String
    public let params: [String]

    public init(name: String, params: [String]) {
        self.name = name
        self.params = params
    }
}

/// The keys every rule has, whatever its kind (Vale's `Definition`).
public struct RuleHeader: Sendable {
    /// `<pack>.<Rule>`
    public let id: String
    public let kind: String
    public let message: String
    public let severity: Severity
    public let description: String
    public let link: String?
    public private(set) var scope: ScopeSelector
    /// At most this many findings per draft.
    public let limit: Int?
    public let action: RuleAction?
    /// The rule file.
    public let path: String
    /// Languages the rule applies to (`languages: [nl, fr]`); nil = every language.
    public let languages: Set<String>?
    /// The rule's own examples (`tests:`).
    public let tests: [RuleTestCase]

    public static let keys: Set<String> = [
        "extends", "message", "level", "description", "link", "scope", "limit", "action", "name", "languages",
        "tests",
    ]

    init(id: String, fields: YAMLFields) throws(RuleFileError) {
        self.id = id
        self.path = fields.path
        guard let kind = try fields.string("extends") else {
            throw fields.error(at: nil, "missing required key 'extends'")
        }
        self.kind = kind
        guard let message = try fields.string("message") else {
            throw fields.error(at: nil, "missing required key 'message'")
        }
        self.message = message
        if let level = try fields.string("level") {
            guard let severity = Severity(rawValue: level.lowercased()) else {
                throw fields.error(key: "level", "'level' must be suggestion, warning or error, not '\(level)'")
            }
            self.severity = severity
        } else {
            self.severity = .warning
        }
        self.description = try fields.string("description") ?? ""
        self.link = try fields.string("link")
        let scopes = try fields.stringList("scope") ?? ["text"]
        do {
            self.scope = try ScopeSelector(scopes)
        } catch {
            throw fields.error(key: "scope", error.message)
        }
        if let limit = try fields.int("limit") {
            guard limit >= 0 else { throw fields.error(key: "limit", "'limit' must not be negative") }
            self.limit = limit == 0 ? nil : limit
        } else {
            self.limit = nil
        }
        if let actionFields = try fields.fields("action") {
            try actionFields.rejectUnknownKeys(allowed: ["name", "params"], context: "'action'")
            guard let name = try actionFields.string("name") else {
                throw fields.error(key: "action", "'action' needs a 'name'")
            }
            let known = ["replace", "remove", "edit", "suggest", "convert"]
            guard known.contains(name) else {
                throw fields.error(key: "action", "unknown action '\(name)' (known: \(known.joined(separator: ", ")))")
            }
            self.action = RuleAction(name: name, params: try actionFields.stringList("params") ?? [])
        } else {
            self.action = nil
        }
        self.languages = try fields.stringList("languages").map { Set($0.map(LanguageDetector.normalize)) }
        self.tests = try RuleTestCase.parse(fields)
    }

    /// The same header with another scope (kinds whose natural default is not `text`).
    func withScope(_ scope: ScopeSelector) -> RuleHeader {
        var copy = self
        copy.scope = scope
        return copy
    }

    /// A header for rules that postcheck builds itself (vocabulary rules).
    init(id: String, kind: String, message: String, severity: Severity, description: String = "",
         scope: ScopeSelector = .text, action: RuleAction? = nil, path: String)
    {
        self.id = id
        self.kind = kind
        self.message = message
        self.severity = severity
        self.description = description
        self.link = nil
        self.scope = scope
        self.limit = nil
        self.action = action
        self.path = path
        self.languages = nil
        self.tests = []
    }
}
