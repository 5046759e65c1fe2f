/// A rule's text in several languages: `message: {en: "…", nl: "…", fr: "…"}`, or one plain string (Vale's form)
/// used for every language. The text for a language falls back to English, so a missing translation never gives an
/// empty message.
public struct LocalizedText: Sendable, Hashable {
    /// Text per language code; empty for a plain string.
    public let byLanguage: [String: String]
    /// The plain string, or the English text of a map.
    public let fallback: String

    public init(_ plain: String) {
        byLanguage = [:]
        fallback = plain
    }

    public init(byLanguage: [String: String]) {
        self.byLanguage = byLanguage
        fallback = byLanguage["en"] ?? byLanguage.sorted { $0.key < $1.key }.first?.value ?? ""
    }

    /// The text for `language` (a code such as `nl`), else the English one.
    public func text(for language: String?) -> String {
        guard let language, !byLanguage.isEmpty else { return fallback }
        return byLanguage[language] ?? fallback
    }

    /// Languages with a text of their own.
    public var languages: Set<String> { Set(byLanguage.keys) }
}

extension YAMLFields {
    /// A string, or a map of strings by language code that has `en` (`{en: "…", nl: "…"}`).
    func localizedText(_ key: String) throws(RuleFileError) -> LocalizedText? {
        guard let node = node(key) else { return nil }
        guard case .mapping(let mapping) = node else { return try string(key).map(LocalizedText.init) }
        var texts: [String: String] = [:]
        for (languageNode, value) in mapping {
            guard let language = languageNode.string, LanguageDetector.normalize(language).count == 2 else {
                throw error(at: languageNode, "'\(key)' per language needs language codes (en, nl, fr) as keys")
            }
            guard case .scalar(let scalar) = value, !value.isNull else {
                throw error(at: value, "'\(key)' in '\(language)' must be a string")
            }
            texts[LanguageDetector.normalize(language)] = scalar.string
        }
        guard texts["en"] != nil else {
            throw error(at: node, "'\(key)' per language needs 'en': the text for drafts in other languages")
        }
        return LocalizedText(byLanguage: texts)
    }
}
