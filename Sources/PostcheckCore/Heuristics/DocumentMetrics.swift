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
                for word in WordCounter.words(in: input.masked, range: block.range, scratch: input.scratch) {
                    let bytes = draft.masked[word]
                    let ascii = !bytes.contains { $0 >= 0x80 }
                    // Most words are ASCII: count them on the bytes; others go through String.
                    let length = ascii ? bytes.count : String(decoding: bytes, as: UTF8.self).count
                    let count = ascii && (input.language == nil || input.language == "en")
                        ? Syllables.countASCII(bytes) : Syllables.count(String(decoding: bytes, as: UTF8.self), language: input.language)
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
    static let dutchVowels = Set("aeiouyáéíóúàèëïöü")
    static let frenchVowels = Set("aeiouyàâäéèêëîïôöùûüœæ")
    static let germanVowels = Set("aeiouyäöü")
    static let englishVowels = Set("aeiouy")

    /// English and German rules for an ASCII word, on its bytes (same result as `count(_:language:)`).
    static func countASCII(_ bytes: ArraySlice<UInt8>) -> Int {
        var groups = 0
        var previousVowel = false
        for byte in bytes {
            let lower = byte | 0x20
            let isVowel = lower == 0x61 || lower == 0x65 || lower == 0x69 || lower == 0x6F || lower == 0x75 || lower == 0x79
            if isVowel && !previousVowel { groups += 1 }
            previousVowel = isVowel
        }
        let count = bytes.count
        func endsWith(_ suffix: String) -> Bool {
            let tail = Array(suffix.utf8)
            guard count >= tail.count else { return false }
            return zip(bytes.suffix(tail.count), tail).allSatisfy { ($0 | 0x20) == $1 }
        }
        if endsWith("e") && !endsWith("le") && groups > 1 { groups -= 1 }
        if endsWith("ed") && !endsWith("ted") && !endsWith("ded") && groups > 1 { groups -= 1 }
        return max(1, groups)
    }

    static func count(_ word: String, language: String?) -> Int {
        var text = word.lowercased()
        let vowels: Set<Character>
        switch language {
        case "nl":
            if text.contains("ij") { text = text.replacingOccurrences("ij", "y") }
            vowels = dutchVowels
        case "fr": vowels = frenchVowels
        case "de": vowels = germanVowels
        default: vowels = englishVowels
        }
        var groups = 0
        var previousVowel = false
        for character in text {
            let isVowel = vowels.contains(character)
            // A diaeresis marks a new syllable even right after a vowel (naïef, geëerd, Noël).
            let startsNew = "ëïü".contains(character) && language != "de"
            if isVowel && (!previousVowel || startsNew) { groups += 1 }
            previousVowel = isVowel
        }
        if language == nil || language == "en" {
            if text.hasSuffix("e") && !text.hasSuffix("le") && groups > 1 { groups -= 1 }
            if text.hasSuffix("ed") && !text.hasSuffix("ted") && !text.hasSuffix("ded") && groups > 1 { groups -= 1 }
        } else if language == "fr" {
            // A final e (or es) after a consonant is silent: bonne, tables; journée keeps its é.
            let stem = text.hasSuffix("es") ? text.dropLast(2) : text.hasSuffix("e") ? text.dropLast() : nil
            if let stem, let last = stem.last, !vowels.contains(last), groups > 1 { groups -= 1 }
        }
        return max(1, groups)
    }
}
