/// How a draft's language was decided.
public enum LanguageSource: String, Sendable, Codable {
    /// Front matter `lang` (or `language`).
    case declared
    /// From the text.
    case detected
    /// Too short to tell: the configuration's default language.
    case fallback
    /// Too short to tell and no default configured: the bundled default, English.
    case `default`
}

/// Detects whether a draft is Dutch, English, French or German from its function words: each word found in a
/// language's stopword list (stopwords-iso) votes for that language, a word shared by several lists votes less,
/// and letters only one language uses (ĳ, ç/œ, ä/ß) add a little. A draft needs a few function words and a clear
/// lead before a language is named.
public enum LanguageDetector {
    public static let supported = ["nl", "en", "fr", "de"]

    /// Minimum summed votes before a text is considered long enough.
    static let minimumEvidence = 1.5

    public struct Result: Sendable, Equatable {
        public let language: String?
        /// Votes per language, for explanations.
        public let scores: [String: Double]
    }

    /// Normalises a declared code (`nl-BE`, `FR`, `fr_FR`) to a primary language subtag. A code that is not a
    /// language tag at all (`nl*`, `nl-`, `n l`) is returned as written, lower-cased, so that it is refused as an
    /// unknown language rather than read as the language it starts with.
    public static func normalize(_ code: String) -> String {
        let lower = code.lowercased()
        let primary = lower.prefix { $0.isASCII && $0.isLetter }
        var rest = lower.dropFirst(primary.count)
        guard (2...3).contains(primary.count) else { return lower }
        // Then subtags of one to eight ASCII letters or digits, each after '-' or '_' (nl-BE, fr_FR, zh-Hant-TW).
        while let separator = rest.first {
            guard separator == "-" || separator == "_" else { return lower }
            let subtag = rest.dropFirst().prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
            guard (1...8).contains(subtag.count) else { return lower }
            rest = rest.dropFirst(1 + subtag.count)
        }
        return String(primary)
    }

    /// Spellings typical of one language: Dutch ij/aa/uu/oe and -heid/-lijk/-tje, German sch/-ung/-lich/ei+tz,
    /// English th/-ing/w, French -eux/-tion/qu.
    static func spellingCues(_ word: String, into scores: inout [String: Double]) {
        guard word.count >= 3 else { return }
        func add(_ language: String, _ weight: Double) { scores[language, default: 0] += weight }
        if word.contains("ij") { add("nl", 0.5) }
        if word.contains("aa") || word.contains("uu") || word.contains("oe") { add("nl", 0.3) }
        if word.hasSuffix("heid") || word.hasSuffix("lijk") || word.hasSuffix("tje")
            || word.hasSuffix("ing") && word.hasPrefix("ge")
        {
            add("nl", 0.4)
        }
        if word.hasSuffix("ung") || word.hasSuffix("lich") || word.contains("tz")
            || word.hasPrefix("sch") && !word.contains("ij")
        {
            add("de", 0.3)
        }
        if word.contains("th") || word.hasSuffix("ing") && !word.hasPrefix("ge")
            || word.contains("w") && !word.contains("aw")
        {
            add("en", 0.15)
        }
        if word.hasSuffix("eux") || word.hasSuffix("tion") || word.hasPrefix("qu") || word.hasSuffix("ment") {
            add("fr", 0.2)
        }
    }

    /// Enough text to tell a language: longer drafts are judged on their start.
    static let sampleCharacters = 4_000

    public static func detect(_ text: String) -> Result {
        let text = String(text.prefix(sampleCharacters))
        var scores: [String: Double] = Dictionary(uniqueKeysWithValues: supported.map { ($0, 0) })
        var word = ""
        func vote() {
            defer { word = "" }
            spellingCues(word, into: &scores)
            guard word.count > 1 || word == "a" || word == "à" || word == "y" else { return }
            let languages = supported.filter { Stopwords.lists[$0]?.contains(word) ?? false }
            guard !languages.isEmpty else { return }
            let weight = 1.0 / Double(languages.count * languages.count)
            for language in languages { scores[language, default: 0] += weight }
        }
        for character in text.lowercased() {
            if character.isLetter || character == "'" || character == "’" {
                if character == "'" || character == "’" {
                    // French elision (l', d', qu') is strong evidence; the apostrophe ends the word.
                    if ["l", "d", "qu", "j", "n", "s", "c"].contains(word) { scores["fr", default: 0] += 0.5 }
                    vote()
                } else {
                    word.append(character)
                }
            } else {
                vote()
            }
            switch character {
            case "ç", "œ", "ê", "è", "à", "ù", "û", "î": scores["fr", default: 0] += 0.3
            case "ß", "ä", "ö", "ü": scores["de", default: 0] += 0.3
            case "ĳ": scores["nl", default: 0] += 0.5
            default: break
            }
        }
        vote()
        let ranked = scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        guard let best = ranked.first, best.value >= minimumEvidence else {
            return Result(language: nil, scores: scores)
        }
        let second = ranked.count > 1 ? ranked[1].value : 0
        // A clear lead: at least a third more evidence than the runner-up.
        guard best.value >= second * 1.33 else { return Result(language: nil, scores: scores) }
        return Result(language: best.key, scores: scores)
    }
}
