/// Counts over a draft's prose for `metric` rules (Vale's variables) plus each language's reading ease:
/// Flesch (en), Flesch–Douma (nl), Kandel–Moles (fr), Amstad (de). Syllables are counted per language.
enum DocumentMetrics {
    static let variableNames: Set<String> = [
        "words", "sentences", "paragraphs", "characters", "syllables", "complex_words", "long_words",
        "polysyllabic_words", "pre", "list", "blockquote", "heading_h1", "heading_h2", "heading_h3", "heading_h4",
        "heading_h5", "heading_h6", "reading_ease", "lix",
    ]

    static func compute(_ input: CheckInput) -> [String: Double] {
        let draft = input.draft
        var values: [String: Double] = [:]
        var words = 0, characters = 0, syllables = 0, complex = 0, long = 0, sentences = 0, paragraphs = 0
        let syllableLanguage = Syllables.Language(input.language)
        let masked = input.masked
        for block in draft.blocks {
            switch block.kind {
            case .heading(let level): values["heading_h\(level)", default: 0] += 1
            case .paragraph: paragraphs += 1
            default: break
            }
            if block.inList { values["list", default: 0] += 1 }
            if block.inBlockquote { values["blockquote", default: 0] += 1 }
            if case .paragraph = block.kind {
                sentences += SentenceSplitter.sentences(in: draft.masked, range: block.range).count
                input.forEachMaskedWord(in: block.range) { word in
                    let bytes = masked[word]
                    let length = ScalarClasses.characterCount(bytes)
                    let count = Syllables.count(bytes, language: syllableLanguage)
                    words += 1
                    characters += length
                    syllables += count
                    if count >= 3 { complex += 1 }
                    if length > 6 { long += 1 }
                }
            }
        }
        values["words"] = Double(words)
        values["sentences"] = Double(sentences)
        values["paragraphs"] = Double(paragraphs)
        values["characters"] = Double(characters)
        values["syllables"] = Double(syllables)
        values["complex_words"] = Double(complex)
        values["polysyllabic_words"] = Double(complex)
        values["long_words"] = Double(long)
        values["pre"] = 0
        for level in 1...6 where values["heading_h\(level)"] == nil { values["heading_h\(level)"] = 0 }
        for key in ["list", "blockquote"] where values[key] == nil { values[key] = 0 }
        if words > 0 && sentences > 0 {
            let wordsPerSentence = Double(words) / Double(sentences)
            let syllablesPerWord = Double(syllables) / Double(words)
            switch input.language {
            case "nl": values["reading_ease"] = 206.835 - 0.93 * wordsPerSentence - 77 * syllablesPerWord
            case "fr": values["reading_ease"] = 207 - 1.015 * wordsPerSentence - 73.6 * syllablesPerWord
            case "de": values["reading_ease"] = 180 - wordsPerSentence - 58.5 * syllablesPerWord
            default: values["reading_ease"] = 206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord
            }
            values["lix"] = wordsPerSentence + 100 * Double(long) / Double(words)
        }
        return values
    }
}

/// Syllables by vowel groups, with each language's habits: English and French silent final e, Dutch ij as a vowel
/// and a diaeresis starting a new syllable (geëerd), German umlauts.
enum Syllables {
    /// Syllables of one word (valid UTF-8), counted on its code points without building a `String`: vowel groups
    /// in the language's vowels; Dutch "ij" counts as one vowel; a diaeresis (ë, ï, ü) starts a new syllable except
    /// in German; English drops a silent final e (not -le) and -ed (not -ted/-ded), French a final e or es after a
    /// consonant. At least one.
    static func count(_ bytes: ArraySlice<UInt8>, language: String?) -> Int {
        count(bytes, language: Language(language))
    }

    /// The language's syllable habits, worked out once per draft rather than once per word.
    struct Language {
        let dutch: Bool
        let french: Bool
        let german: Bool
        /// English and any language without habits of its own drop English silent endings.
        let english: Bool

        init(_ code: String?) {
            dutch = code == "nl"
            french = code == "fr"
            german = code == "de"
            english = code == nil || code == "en"
        }
    }

    static func count<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, language: Language) -> Int
    where Bytes.Index == Int {
        let dutch = language.dutch
        let french = language.french
        let german = language.german
        var groups = 0
        var previousVowel = false
        var previous: UInt32 = 0
        // The last three code points, lower-cased, for the suffix rules.
        var last: (UInt32, UInt32, UInt32) = (0, 0, 0)
        var length = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            var value: UInt32
            if byte < 0x80 {
                value = UInt32(byte)
                if value >= 0x41 && value <= 0x5A { value |= 0x20 }
                index += 1
            } else {
                let width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                value = UInt32(byte) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
                var next = index + 1
                while next < index + width && next < bytes.endIndex {
                    value = (value << 6) | (UInt32(bytes[next]) & 0x3F)
                    next += 1
                }
                index = next
                // A combining mark (a draft in NFD) belongs to the letter before it.
                if value >= 0x300 && value <= 0x36F { continue }
                value = lowercased(value)
            }
            length += 1
            let isVowel: Bool
            if dutch && value == 0x6A && previous == 0x69 {
                isVowel = true  // the j of "ij" continues the vowel the i began
            } else {
                isVowel = Self.isVowel(value, dutch: dutch, french: french, german: german)
            }
            let startsNew = !german && (value == 0xEB || value == 0xEF || value == 0xFC)
            if isVowel && (!previousVowel || startsNew) { groups += 1 }
            previousVowel = isVowel
            previous = value
            last = (last.1, last.2, value)
        }
        let e: UInt32 = 0x65, l: UInt32 = 0x6C, d: UInt32 = 0x64, t: UInt32 = 0x74, s: UInt32 = 0x73
        if language.english {
            if last.2 == e && !(length >= 2 && last.1 == l) && groups > 1 { groups -= 1 }
            if length >= 2 && last.1 == e && last.2 == d && !(length >= 3 && (last.0 == t || last.0 == d)) && groups > 1
            {
                groups -= 1
            }
        } else if french {
            // A final e (or es) after a consonant is silent: bonne, tables; journée keeps its é.
            let stemLast: UInt32? =
                length >= 2 && last.1 == e && last.2 == s
                ? (length >= 3 ? last.0 : nil)
                : last.2 == e ? (length >= 2 ? last.1 : nil) : nil
            if let stemLast, !isVowel(stemLast, dutch: false, french: true, german: false), groups > 1 {
                groups -= 1
            }
        }
        return max(1, groups)
    }

    private static func isVowel(_ value: UInt32, dutch: Bool, french: Bool, german: Bool) -> Bool {
        switch value {
        case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79: return true  // a e i o u y
        case 0xE4: return french || german  // ä
        case 0xF6, 0xFC: return dutch || french || german  // ö ü
        case 0xE1, 0xED, 0xF3, 0xFA: return dutch  // á í ó ú
        case 0xE0, 0xE9, 0xE8, 0xEB, 0xEF: return dutch || french  // à é è ë ï
        case 0xE2, 0xEA, 0xEE, 0xF4, 0xF9, 0xFB, 0x153, 0xE6: return french  // â ê î ô ù û œ æ
        default: return false
        }
    }

    /// Lower case of a code point: Latin-1 and Œ/Ÿ directly, anything else through Unicode's mapping.
    private static func lowercased(_ value: UInt32) -> UInt32 {
        switch value {
        case 0xC0...0xDE where value != 0xD7: return value + 0x20
        case 0x152: return 0x153
        case 0x178: return 0xFF
        case 0x80...0xFF: return value
        default:
            guard let scalar = Unicode.Scalar(value), scalar.properties.isUppercase,
                let lower = scalar.properties.lowercaseMapping.unicodeScalars.first
            else { return value }
            return lower.value
        }
    }
}
