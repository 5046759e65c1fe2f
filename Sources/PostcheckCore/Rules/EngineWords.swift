/// The words rule kinds put into messages themselves (a count's noun, which threshold was crossed, why a disclosure
/// does not count), in the findings' language: a Dutch message must not quote "characters". English where a
/// language has none.
enum EngineWords {
    /// `key` in `language`: English, Dutch, French.
    static func text(_ key: Key, _ language: String?) -> String {
        let texts = table[key] ?? ("", "", "")
        switch language {
        case "nl": return texts.nl
        case "fr": return texts.fr
        default: return texts.en
        }
    }

    enum Key: Hashable {
        case character, characters, weightedCharacters, word, words, hashtag, hashtags, mention, mentions
        case link, links, emoji, line, lines
        case thePlatform, noSingleCue, none
    }

    private static let table: [Key: (en: String, nl: String, fr: String)] = [
        .character: ("character", "teken", "caractère"),
        .characters: ("characters", "tekens", "caractères"),
        .weightedCharacters: ("weighted characters", "gewogen tekens", "caractères pondérés"),
        .word: ("word", "woord", "mot"),
        .words: ("words", "woorden", "mots"),
        .hashtag: ("hashtag", "hashtag", "hashtag"),
        .hashtags: ("hashtags", "hashtags", "hashtags"),
        .mention: ("mention", "vermelding", "mention"),
        .mentions: ("mentions", "vermeldingen", "mentions"),
        .link: ("link", "link", "lien"),
        .links: ("links", "links", "liens"),
        .emoji: ("emoji", "emoji", "emoji"),
        .line: ("line", "regel", "ligne"),
        .lines: ("lines", "regels", "lignes"),
        .thePlatform: ("the platform", "het platform", "la plateforme"),
        .noSingleCue: ("no single cue", "geen enkel woord apart", "aucun mot en particulier"),
        .none: ("none", "geen", "aucune"),
    ]

    /// "above 0.5" / "below -0.6".
    static func crossed(above: Bool, _ value: String, _ language: String?) -> String {
        switch language {
        case "nl": return (above ? "boven " : "onder ") + value
        case "fr": return (above ? "au-dessus de " : "en dessous de ") + value
        default: return (above ? "above " : "below ") + value
        }
    }

    /// Why a disclosure that is there does not count (the text after the message's `%s`).
    static func rejectedDisclosure(_ text: String, _ language: String?) -> String {
        switch language {
        case "nl": return " ('\(text)' telt niet)"
        case "fr": return " ('\(text)' ne compte pas)"
        default: return " ('\(text)' does not count)"
        }
    }

    static func buriedDisclosure(_ language: String?) -> String {
        switch language {
        case "nl": return " (een tag tussen de hashtags op het einde telt niet)"
        case "fr": return " (un tag parmi les hashtags de la fin ne compte pas)"
        default: return " (a tag among the closing hashtags does not count)"
        }
    }

    static func lateDisclosure(within characters: Int, _ language: String?) -> String {
        switch language {
        case "nl": return " in de eerste \(characters) tekens"
        case "fr": return " dans les \(characters) premiers caractères"
        default: return " within the first \(characters) characters"
        }
    }
}
