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
    /// English th/-ing/w, French -eux/-tion/qu. `word` is the lower-cased word's UTF-8 and `characters` its length
    /// in characters. Drafts are in NFC, where these ASCII spellings compare byte for byte as they do as `String`s.
    static func spellingCues(_ word: [UInt8], characters: Int, into scores: inout [Double]) {
        guard characters >= 3 else { return }
        func add(_ language: Int, _ weight: Double) { scores[language] += weight }
        func has(_ a: UInt8, _ b: UInt8) -> Bool {
            for index in 1..<word.count where word[index - 1] == a && word[index] == b { return true }
            return false
        }
        // Byte loops: the generic `elementsEqual` of a slice and a buffer cost more than the rest of the detection.
        func matches(_ affix: StaticString, at offset: Int) -> Bool {
            let bytes = affix.utf8Start
            for index in 0..<affix.utf8CodeUnitCount where word[offset + index] != bytes[index] { return false }
            return true
        }
        func ends(_ suffix: StaticString) -> Bool {
            suffix.utf8CodeUnitCount <= word.count && matches(suffix, at: word.count - suffix.utf8CodeUnitCount)
        }
        func starts(_ prefix: StaticString) -> Bool {
            prefix.utf8CodeUnitCount <= word.count && matches(prefix, at: 0)
        }
        let (a, e, h, i, j, o, t, u, w, z) = (
            UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "h"), UInt8(ascii: "i"), UInt8(ascii: "j"),
            UInt8(ascii: "o"), UInt8(ascii: "t"), UInt8(ascii: "u"), UInt8(ascii: "w"), UInt8(ascii: "z")
        )
        let hasIJ = has(i, j)
        if hasIJ { add(Self.dutch, 0.5) }
        if has(a, a) || has(u, u) || has(o, e) { add(Self.dutch, 0.3) }
        if ends("heid") || ends("lijk") || ends("tje") || ends("ing") && starts("ge") {
            add(Self.dutch, 0.4)
        }
        if ends("ung") || ends("lich") || has(t, z) || starts("sch") && !hasIJ {
            add(Self.german, 0.3)
        }
        if has(t, h) || ends("ing") && !starts("ge") || word.contains(w) && !has(a, w) {
            add(Self.english, 0.15)
        }
        if ends("eux") || ends("tion") || starts("qu") || ends("ment") {
            add(Self.french, 0.2)
        }
    }

    /// For each stopword, the supported languages whose list has it (bit `i` for `supported[i]`): one lookup per
    /// word instead of one per language.
    /// A table keyed by the word's bytes: the word being read is looked up as it is, without making a `String`.
    static let stopwordLanguages: ByteKeyedTable<UInt8> = {
        var masks: [String: UInt8] = [:]
        for (index, language) in supported.enumerated() {
            for word in Stopwords.lists[language] ?? [] { masks[word, default: 0] |= 1 << UInt8(index) }
        }
        var table = ByteKeyedTable<UInt8>()
        for (word, mask) in masks.sorted(by: { $0.key < $1.key }) {
            let bytes = Array(word.utf8)
            table.insert(bytes, 0..<bytes.count, value: mask)
        }
        return table
    }()

    /// Enough text to tell a language: longer drafts are judged on their start.
    static let sampleCharacters = 4_000

    /// Positions in `supported`: scores are kept in an array while a text is read (a dictionary keyed by the
    /// language's name hashed a string for every word).
    static let dutch = 0, english = 1, french = 2, german = 3

    public static func detect(_ text: String) -> Result {
        // A text of no more bytes than the sample has no more characters either: no need to count them.
        let text = text.utf8.count <= sampleCharacters ? text : String(text.prefix(sampleCharacters))
        var votes = [Double](repeating: 0, count: supported.count)
        // The word being read: its UTF-8 and its length in characters (a combining mark adds to the character
        // before it, as in `Character`).
        var word: [UInt8] = []
        word.reserveCapacity(64)
        var characters = 0
        func vote() {
            defer {
                word.removeAll(keepingCapacity: true)
                characters = 0
            }
            spellingCues(word, characters: characters, into: &votes)
            guard characters > 1 || word == [0x61] || word == [0xC3, 0xA0] || word == [0x79] else { return }
            guard let entry = stopwordLanguages.index(of: word, 0..<word.count) else { return }
            let mask = stopwordLanguages.values[entry]
            guard mask != 0 else { return }
            let count = mask.nonzeroBitCount
            let weight = 1.0 / Double(count * count)
            for index in supported.indices where mask & (1 << UInt8(index)) != 0 { votes[index] += weight }
        }
        // Each scalar of the lower-cased text, as `String.lowercased()` maps it, without making that string: ASCII
        // (most of a post) by a byte test, the rest by its lower-case mapping.
        func read(_ scalar: Unicode.Scalar) {
            let value = scalar.value
            if value == 0x27 || value == 0x2019 {
                // French elision (l', d', qu') is strong evidence; the apostrophe ends the word.
                if word.count <= 2, [[0x6C], [0x64], [0x71, 0x75], [0x6A], [0x6E], [0x73], [0x63]].contains(word) {
                    votes[Self.french] += 0.5
                }
                vote()
                return
            }
            let isLetter: Bool
            if value < 0x80 {
                isLetter = value >= 0x61 && value <= 0x7A
            } else {
                switch scalar.properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark:
                    // Part of the character before it: a letter's mark stays in the word.
                    if !word.isEmpty {
                        word.append(contentsOf: UTF8.encode(scalar)!)
                        return
                    }
                    isLetter = false
                default: isLetter = scalar.properties.isAlphabetic
                }
            }
            if isLetter {
                if value < 0x80 { word.append(UInt8(value)) } else { word.append(contentsOf: UTF8.encode(scalar)!) }
                characters += 1
            } else {
                vote()
            }
            switch value {
            case 0xE7, 0x153, 0xEA, 0xE8, 0xE0, 0xF9, 0xFB, 0xEE: votes[Self.french] += 0.3  // ç œ ê è à ù û î
            case 0xDF, 0xE4, 0xF6, 0xFC: votes[Self.german] += 0.3  // ß ä ö ü
            case 0x133: votes[Self.dutch] += 0.5  // ĳ
            default: break
            }
        }
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 {
                let value = scalar.value
                read(value >= 0x41 && value <= 0x5A ? Unicode.Scalar(UInt8(value) | 0x20) : scalar)
            } else {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { read(lower) }
            }
        }
        vote()
        let scores = Dictionary(uniqueKeysWithValues: zip(supported, votes))
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
