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
///
/// A value with its fields in one shared, immutable box: the linter reads headers through `any CompiledRule` for
/// every rule of every draft, and copying a dozen strings and lists each time was a tenth of checking a post.
public struct RuleHeader: Sendable {
    private final class Fields: Sendable {
        let id: String
        let kind: String
        let message: LocalizedText
        let severity: Severity
        let description: LocalizedText
        let details: LocalizedText?
        let link: String?
        let scope: ScopeSelector
        let limit: Int?
        let action: RuleAction?
        let path: String
        let languages: Set<String>?
        let tests: [RuleTestCase]
        let guideline: Guideline?

        init(
            id: String, kind: String, message: LocalizedText, severity: Severity, description: LocalizedText,
            details: LocalizedText? = nil, link: String?, scope: ScopeSelector, limit: Int?, action: RuleAction?,
            path: String, languages: Set<String>?, tests: [RuleTestCase], guideline: Guideline?
        ) {
            self.id = id
            self.kind = kind
            self.message = message
            self.severity = severity
            self.description = description
            self.details = details
            self.link = link
            self.scope = scope
            self.limit = limit
            self.action = action
            self.path = path
            self.languages = languages
            self.tests = tests
            self.guideline = guideline
        }
    }

    private let storage: Fields

    /// `<pack>.<Rule>`
    public var id: String { storage.id }
    /// Which compiled rule this header belongs to (copies of the header share it): a cheap key for sets of rules.
    var identity: ObjectIdentifier { ObjectIdentifier(storage) }
    public var kind: String { storage.kind }
    /// The message in English (or the rule's one plain message).
    public var message: String { storage.message.fallback }
    public var severity: Severity { storage.severity }
    /// The description in English (or the rule's one plain description).
    public var description: String { storage.description.fallback }
    /// The message in every language the rule has (`message: {en: …, nl: …, fr: …}`).
    public var messages: LocalizedText { storage.message }
    public var descriptions: LocalizedText { storage.description }
    /// Policy and source details for `explain` (`details:`), kept out of what the writer reads.
    public var details: LocalizedText? { storage.details }
    /// The message for a draft in `language`, English where the rule has no translation.
    public func message(for language: String?) -> String { storage.message.text(for: language) }
    public func description(for language: String?) -> String { storage.description.text(for: language) }
    public var link: String? { storage.link }
    public var scope: ScopeSelector { storage.scope }
    /// At most this many findings per draft.
    public var limit: Int? { storage.limit }
    public var action: RuleAction? { storage.action }
    /// The rule file.
    public var path: String { storage.path }
    /// Languages the rule applies to (`languages: [nl, fr]`); nil = every language.
    public var languages: Set<String>? { storage.languages }
    /// The rule's own examples (`tests:`).
    public var tests: [RuleTestCase] { storage.tests }
    /// The part of the guidelines the rule enforces (`guideline: confidentiality`): groups findings in evaluations
    /// and reports, and decides which errors fail a draft outright (`Guideline.failsOnError`).
    public var guideline: Guideline? { storage.guideline }

    public static let keys: Set<String> = [
        "extends", "message", "level", "description", "link", "scope", "limit", "action", "name", "languages",
        "tests", "guideline", "details",
    ]

    init(id: String, fields: YAMLFields) throws(RuleFileError) {
        guard let kind = try fields.string("extends") else {
            throw fields.error(at: nil, "missing required key 'extends'")
        }
        guard let message = try fields.localizedText("message") else {
            throw fields.error(at: nil, "missing required key 'message'")
        }
        let severity: Severity
        if let level = try fields.string("level") {
            guard let level = Severity(rawValue: level.lowercased()) else {
                throw fields.error(key: "level", "'level' must be suggestion, warning or error, not '\(level)'")
            }
            severity = level
        } else {
            severity = .warning
        }
        let description = try fields.localizedText("description") ?? LocalizedText("")
        let details = try fields.localizedText("details")
        let link = try fields.string("link")
        let scope: ScopeSelector
        let scopes = try fields.stringList("scope") ?? ["text"]
        do {
            scope = try ScopeSelector(scopes)
        } catch {
            throw fields.error(key: "scope", error.message)
        }
        var limit: Int? = nil
        if let value = try fields.int("limit") {
            guard value >= 0 else { throw fields.error(key: "limit", "'limit' must not be negative") }
            limit = value == 0 ? nil : value
        }
        var action: RuleAction? = nil
        if let actionFields = try fields.fields("action") {
            try actionFields.rejectUnknownKeys(allowed: ["name", "params"], context: "'action'")
            guard let name = try actionFields.string("name") else {
                throw fields.error(key: "action", "'action' needs a 'name'")
            }
            let known = ["replace", "remove", "edit", "suggest", "convert"]
            guard known.contains(name) else {
                throw fields.error(key: "action", "unknown action '\(name)' (known: \(known.joined(separator: ", ")))")
            }
            action = RuleAction(name: name, params: try actionFields.stringList("params") ?? [])
        }
        var guideline: Guideline? = nil
        if let name = try fields.string("guideline") {
            guard let known = Guideline(rawValue: name) else {
                throw fields.error(
                    key: "guideline",
                    "unknown guideline '\(name)' (known: \(Guideline.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            guideline = known
        }
        storage = Fields(
            id: id, kind: kind, message: message, severity: severity, description: description, details: details,
            link: link, scope: scope, limit: limit, action: action, path: fields.path,
            languages: try fields.stringList("languages").map { Set($0.map(LanguageDetector.normalize)) },
            tests: try RuleTestCase.parse(fields), guideline: guideline)
    }

    private init(storage: Fields) { self.storage = storage }

    /// The same header with another scope (kinds whose natural default is not `text`).
    func withScope(_ scope: ScopeSelector) -> RuleHeader {
        RuleHeader(
            storage: Fields(
                id: id, kind: kind, message: storage.message, severity: severity, description: storage.description,
                details: storage.details, link: link, scope: scope, limit: limit, action: action, path: path,
                languages: languages, tests: tests, guideline: guideline))
    }

    /// A header for rules that postcheck builds itself (vocabulary rules).
    init(
        id: String, kind: String, message: String, severity: Severity, description: String = "",
        scope: ScopeSelector = .text, action: RuleAction? = nil, path: String
    ) {
        storage = Fields(
            id: id, kind: kind, message: LocalizedText(message), severity: severity,
            description: LocalizedText(description), link: nil, scope: scope, limit: nil, action: action, path: path,
            languages: nil, tests: [], guideline: nil)
    }
}
