/// A port of VADER's scoring rules (Hutto & Gilbert, ICWSM 2014; vaderSentiment 3.3.2, MIT) that keeps the source
/// span of every word, so that a finding can show the cues behind its score. The rules are VADER's: valence from a
/// lexicon, boosters and dampeners up to three words before (scaled 1, 0.95, 0.9), negation within three words
/// (×−0.74), "no" and "least" handling, ALL-CAPS emphasis when the text mixes case, contrast words ("but": earlier
/// words ×0.5, later ×1.5), `!` and `?` emphasis, and compound = x / √(x² + 15). The word lists are per language.
package struct SentimentScorer: Sendable {
    /// A word or emoji that moved the score, with where it stands in the text.
    package struct Cue: Sendable, Hashable {
        package let text: String
        package let range: Range<Int>
        package let valence: Double
    }

    package struct Score: Sendable {
        /// VADER's compound score in [-1, 1].
        package let compound: Double
        /// Normalised sum of the absolute valences in [0, 1] (for one-sided lexicons).
        package let intensity: Double
        package let positive: Double
        package let negative: Double
        package let neutral: Double
        /// Every word with a non-zero final valence, strongest first.
        package let cues: [Cue]
        /// Words and emoticons scored.
        package let tokenCount: Int
    }

    package let lexicon: [String: Double]
    package let language: LanguageRules
    /// Emoji (single code points) → description, which is scored as words (VADER's approach, English lexicons).
    package let emojiDescriptions: [Unicode.Scalar: String]
    /// Emoji → valence, for lexicons in languages whose words cannot score an English description.
    package let emojiValences: [Unicode.Scalar: Double]

    /// What the scorer looks up about a lower-cased word, in one table: one hash per word instead of one per list.
    struct WordInfo: Sendable {
        var valence: Double? = nil
        var booster: Double? = nil
        var isContrast = false
        /// The first word of a two-word booster (`kind` in "kind of").
        var startsMultiwordBooster = false
    }

    /// The lexicon and the language's boosters, contrast words and two-word booster starts, by word.
    let words: [String: WordInfo]
    /// Every word of the language's idioms and multi-word boosters.
    let idiomWords: Set<String>

    /// Code points below U+0800 (accented letters, Greek, Cyrillic…) that are emoji of the emoji lists (©, ®):
    /// every other one there is a letter or mark that VADER's transformation leaves alone.
    private let twoByteEmoji: [Bool]

    /// Whether VADER's emoji transformation could change a piece with this code point.
    @inline(__always)
    func mayBeEmoji(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x800 || twoByteEmoji[Int(scalar.value)]
    }

    /// Which of the language's function words a word is, worked out once per word: the rules then test bits
    /// instead of comparing strings.
    struct WordFlags: OptionSet, Sendable {
        let rawValue: UInt16
        static let negation = WordFlags(rawValue: 1 << 0)
        static let no = WordFlags(rawValue: 1 << 1)
        static let never = WordFlags(rawValue: 1 << 2)
        static let neverIntensifier = WordFlags(rawValue: 1 << 3)
        static let doubtFirst = WordFlags(rawValue: 1 << 4)
        static let doubtSecond = WordFlags(rawValue: 1 << 5)
        static let least = WordFlags(rawValue: 1 << 6)
        static let leastException = WordFlags(rawValue: 1 << 7)
        static let orNor = WordFlags(rawValue: 1 << 8)
        /// A word of some idiom or multi-word booster ("kind of", "the bomb").
        static let idiomPart = WordFlags(rawValue: 1 << 9)
        static let contrast = WordFlags(rawValue: 1 << 10)
        /// The first word of a two-word booster (`kind` in "kind of").
        static let startsMultiwordBooster = WordFlags(rawValue: 1 << 11)
        /// Python's `str.isupper()` of the text (VADER's test for emphasis in capitals).
        static let allCaps = WordFlags(rawValue: 1 << 12)
    }

    /// A token's text as the lexicon knows it: lower-cased, its base form when only that is listed (Dutch
    /// `slechte` → `slecht`), with what the scorer knows about it.
    struct KnownWord: Sendable {
        let text: String
        let lower: String
        /// `lexicon[lower]` and `boosters[lower]`.
        let valence: Double?
        let booster: Double?
        let flags: WordFlags
    }

    /// Words already resolved, by their text's bytes: a word seen before costs one cheap lookup and makes no
    /// `String`. Kept per rule and language across drafts (`HeuristicMemo.toneWords`).
    typealias WordMemo = ByteKeyedTable<KnownWord>

    package init(
        lexicon: [String: Double], language: LanguageRules, emojiDescriptions: [Unicode.Scalar: String] = [:],
        emojiValences: [Unicode.Scalar: Double] = [:]
    ) {
        self.lexicon = lexicon
        self.language = language
        self.emojiDescriptions = emojiDescriptions
        self.emojiValences = emojiValences
        var twoByteEmoji = [Bool](repeating: false, count: 0x800)
        for scalar in Array(emojiDescriptions.keys) + Array(emojiValences.keys) where scalar.value < 0x800 {
            twoByteEmoji[Int(scalar.value)] = true
        }
        self.twoByteEmoji = twoByteEmoji
        // mapValues keeps the lexicon's hash table (no rehashing of thousands of words at every start).
        var words = lexicon.mapValues { WordInfo(valence: $0) }
        for (word, booster) in language.boosters { words[word, default: WordInfo()].booster = booster }
        for word in language.contrast { words[word, default: WordInfo()].isContrast = true }
        for word in language.multiwordBoosterStarts { words[word, default: WordInfo()].startsMultiwordBooster = true }
        self.words = words
        let grams =
            language.specialCases.keys.filter { $0.contains(" ") } + language.boosters.keys.filter { $0.contains(" ") }
        idiomWords = Set(grams.flatMap { $0.split(separator: " ").map(String.init) })
    }

    static let boosterIncrement = 0.293
    static let capsIncrement = 0.733
    static let negationScalar = -0.74

    /// A token: plain values only (no strings to retain and release); its text is its word's in the memo.
    struct Token {
        /// The word's entry in the memo (`WordMemo`).
        let word: Int32
        let range: Range<Int>
        /// A fixed valence (an emoji scored directly).
        let fixedValence: Double?
        let valence: Double?
        let booster: Double?
        let flags: WordFlags

        init(word: Int, of known: KnownWord, range: Range<Int>, fixedValence: Double?) {
            self.word = Int32(truncatingIfNeeded: word)
            self.range = range
            self.fixedValence = fixedValence
            valence = known.valence
            booster = known.booster
            flags = known.flags
        }

        var isContrast: Bool { flags.contains(.contrast) }
        var startsMultiwordBooster: Bool { flags.contains(.startsMultiwordBooster) }
        var isAllCaps: Bool { flags.contains(.allCaps) }
    }

    /// Scores `range` of `text` (valid UTF-8).
    package func score(_ bytes: [UInt8], range: Range<Int>) -> Score {
        var words = WordMemo()
        return bytes.withUnsafeBufferPointer { score($0, range: range, words: &words) }
    }

    /// Scores with a memo of words looked up that outlives one text (see `HeuristicMemo.toneWords`).
    func score(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, words: inout WordMemo) -> Score {
        let (tokens, punctuation) = tokenize(bytes, range: range, words: &words)
        let known = words.values
        let isCapDifferential = capDifferential(tokens)
        var sentiments: [Double] = []
        sentiments.reserveCapacity(tokens.count)
        for index in tokens.indices {
            let token = tokens[index]
            if let fixed = token.fixedValence {
                sentiments.append(fixed)
                continue
            }
            if token.booster != nil {
                sentiments.append(0)
                continue
            }
            if index + 1 < tokens.count, token.startsMultiwordBooster,
                language.boosters[known[Int(token.word)].lower + " " + known[Int(tokens[index + 1].word)].lower] != nil
            {
                sentiments.append(0)
                continue
            }
            sentiments.append(valence(at: index, tokens, known, isCapDifferential))
        }
        // Contrast: the part after "but" counts more than the part before (VADER applies it at the first "but").
        if let contrast = tokens.firstIndex(where: \.isContrast) {
            for index in sentiments.indices where index != contrast {
                sentiments[index] *= index < contrast ? 0.5 : 1.5
            }
        }
        var sum = sentiments.reduce(0, +)
        if sum > 0 { sum += punctuation } else if sum < 0 { sum -= punctuation }
        var positiveSum = 0.0
        var negativeSum = 0.0
        var neutralCount = 0.0
        for sentiment in sentiments {
            if sentiment > 0 { positiveSum += sentiment + 1 }
            if sentiment < 0 { negativeSum += sentiment - 1 }
            if sentiment == 0 { neutralCount += 1 }
        }
        if positiveSum > abs(negativeSum) {
            positiveSum += punctuation
        } else if positiveSum < abs(negativeSum) {
            negativeSum -= punctuation
        }
        let total = positiveSum + abs(negativeSum) + neutralCount
        var cues: [Cue] = []
        for (index, sentiment) in sentiments.enumerated() where sentiment != 0 {
            cues.append(Cue(text: known[Int(tokens[index].word)].text, range: tokens[index].range, valence: sentiment))
        }
        cues.sort { abs($0.valence) > abs($1.valence) }
        let absoluteSum = sentiments.reduce(0) { $0 + abs($1) }
        return Score(
            compound: sentiments.isEmpty ? 0 : Self.normalize(sum),
            intensity: sentiments.isEmpty ? 0 : Self.normalize(absoluteSum + (absoluteSum > 0 ? punctuation : 0)),
            positive: total > 0 ? abs(positiveSum / total) : 0,
            negative: total > 0 ? abs(negativeSum / total) : 0,
            neutral: total > 0 ? abs(neutralCount / total) : 0,
            cues: cues, tokenCount: tokens.count)
    }

    static func normalize(_ score: Double, alpha: Double = 15) -> Double {
        min(1, max(-1, score / (score * score + alpha).squareRoot()))
    }

    // MARK: Rules

    private func valence(at index: Int, _ tokens: [Token], _ known: [KnownWord], _ isCapDifferential: Bool) -> Double {
        let token = tokens[index]
        guard var base = token.valence else { return 0 }
        // postcheck: an idiom that starts at the word ("hell of a", "kill to") is found wherever it stands. VADER
        // looks for idioms only from the fourth word of a text and only when the three words before carry no
        // valence, so "I'd kill to meet …" and "was a hell of a game" kept the literal word's weight.
        if let special = idiomStarting(at: index, tokens, known) {
            if special == 0 { return 0 }
            base = special
        }
        var valence = base
        let has = { (offset: Int, flag: WordFlags) -> Bool in tokens[index - offset].flags.contains(flag) }
        if language.noWord != nil {
            if token.flags.contains(.no), index + 1 < tokens.count, tokens[index + 1].valence != nil { valence = 0 }
            if (index > 0 && has(1, .no)) || (index > 1 && has(2, .no)) || (index > 2 && has(3, .no) && has(1, .orNor))
            {
                valence = base * Self.negationScalar
            }
        }
        if token.isAllCaps && isCapDifferential { valence += valence > 0 ? Self.capsIncrement : -Self.capsIncrement }
        for distance in 0..<3 where index > distance && tokens[index - distance - 1].valence == nil {
            var scalar = boosterScalar(tokens[index - distance - 1], valence: valence, isCapDifferential)
            if distance == 1 && scalar != 0 { scalar *= 0.95 }
            if distance == 2 && scalar != 0 { scalar *= 0.9 }
            valence += scalar
            valence = negationCheck(valence, tokens, distance: distance, index: index)
            if distance == 2 { valence = idiomCheck(valence, tokens, known, index: index) }
        }
        return leastCheck(valence, tokens, index: index)
    }

    private func boosterScalar(_ token: Token, valence: Double, _ isCapDifferential: Bool) -> Double {
        guard var scalar = token.booster else { return 0 }
        if valence < 0 { scalar *= -1 }
        if token.isAllCaps && isCapDifferential { scalar += valence > 0 ? Self.capsIncrement : -Self.capsIncrement }
        return scalar
    }

    private func negationCheck(_ valence: Double, _ tokens: [Token], distance: Int, index: Int) -> Double {
        let has = { (offset: Int, flag: WordFlags) -> Bool in tokens[index - offset].flags.contains(flag) }
        let hasNever = language.never != nil
        switch distance {
        case 0:
            return has(1, .negation) ? valence * Self.negationScalar : valence
        case 1:
            if hasNever, has(2, .never), has(1, .neverIntensifier) { return valence * 1.25 }
            if has(2, .doubtFirst) && has(1, .doubtSecond) { return valence }
            return has(2, .negation) ? valence * Self.negationScalar : valence
        default:
            if hasNever, (has(3, .never) && has(2, .neverIntensifier)) || has(1, .neverIntensifier) {
                return valence * 1.25
            }
            if has(3, .doubtFirst) && (has(2, .doubtSecond) || has(1, .doubtSecond)) { return valence }
            return has(3, .negation) ? valence * Self.negationScalar : valence
        }
    }

    /// The valence of the longest idiom (three words, then two) that starts at `index`, if any.
    private func idiomStarting(at index: Int, _ tokens: [Token], _ known: [KnownWord]) -> Double? {
        guard tokens[index].flags.contains(.idiomPart) else { return nil }
        for length in [3, 2] where index + length <= tokens.count {
            let positions = index..<(index + length)
            guard positions.allSatisfy({ tokens[$0].flags.contains(.idiomPart) }) else { continue }
            let sequence = positions.map { known[Int(tokens[$0].word)].lower }.joined(separator: " ")
            if let special = language.specialCases[sequence] { return special }
        }
        return nil
    }

    private func idiomCheck(_ valence: Double, _ tokens: [Token], _ known: [KnownWord], index: Int) -> Double {
        // Every idiom and multi-word booster is made of idiom words: a run of words is looked up only when each of
        // them is one ("the" is, in "the bomb"; most runs around a valence word have a word that is not).
        let isPart = { (position: Int) -> Bool in tokens[position].flags.contains(.idiomPart) }
        /// The words at `positions` joined by spaces, when each is an idiom word and all are inside the text.
        func gram(_ positions: ClosedRange<Int>) -> String? {
            guard positions.upperBound < tokens.count, positions.allSatisfy(isPart) else { return nil }
            return positions.map { known[Int(tokens[$0].word)].lower }.joined(separator: " ")
        }
        var valence = valence
        let twoOne = gram((index - 2)...(index - 1))
        let threeTwoOne = gram((index - 3)...(index - 1))
        let threeTwo = gram((index - 3)...(index - 2))
        for sequence in [gram((index - 1)...index), gram((index - 2)...index), twoOne, threeTwoOne, threeTwo] {
            if let sequence, let special = language.specialCases[sequence] {
                valence = special
                break
            }
        }
        if let sequence = gram(index...(index + 1)), let special = language.specialCases[sequence] { valence = special }
        if let sequence = gram(index...(index + 2)), let special = language.specialCases[sequence] { valence = special }
        for gram in [threeTwoOne, threeTwo, twoOne] {
            if let gram, let booster = language.boosters[gram] { valence += booster }
        }
        return valence
    }

    private func leastCheck(_ valence: Double, _ tokens: [Token], index: Int) -> Double {
        guard language.least != nil else { return valence }
        if index > 1 && tokens[index - 1].valence == nil && tokens[index - 1].flags.contains(.least) {
            if !tokens[index - 2].flags.contains(.leastException) { return valence * Self.negationScalar }
        } else if index > 0 && tokens[index - 1].valence == nil && tokens[index - 1].flags.contains(.least) {
            return valence * Self.negationScalar
        }
        return valence
    }

    /// VADER's emphasis from the text's `!` and `?` (counted while tokenizing).
    private static func punctuationEmphasis(exclamations: Int, questions: Int) -> Double {
        let exclamation = Double(min(exclamations, 4)) * 0.292
        let question = questions > 1 ? (questions <= 3 ? Double(questions) * 0.18 : 0.96) : 0
        return exclamation + question
    }

    /// Python's `str.isupper()`: some cased letter and no lower-case one.
    fileprivate static func isUpper(_ word: String) -> Bool {
        var cased = false
        for scalar in word.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                if value >= 0x61 && value <= 0x7A { return false }
                if value >= 0x41 && value <= 0x5A { cased = true }
            } else if scalar.properties.isLowercase {
                return false
            } else if scalar.properties.isUppercase {
                cased = true
            }
        }
        return cased
    }

    private func capDifferential(_ tokens: [Token]) -> Bool {
        let upper = tokens.filter(\.isAllCaps).count
        let differential = tokens.count - upper
        return differential > 0 && differential < tokens.count
    }

    // MARK: Tokens

    /// VADER's tokens: emoji replaced by their description (or scored directly), the text split on white space,
    /// leading and trailing ASCII punctuation stripped from each word unless that leaves two characters or fewer
    /// (an emoticon such as `:)`). Each token keeps the byte range it came from.
    ///
    /// The text is cut at white space first; a piece that is all ASCII (most of any draft) becomes a token straight
    /// from its bytes. Only a piece with other characters goes through the scalar-by-scalar transformation, which
    /// may cut it further (an emoji's description brings its own spaces). Both give VADER's tokens, because that
    /// transformation starts every piece after white space.
    /// The tokens of `range`, and VADER's punctuation emphasis, from the `!` and `?` met on the way.
    func tokenize(
        _ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, words: inout WordMemo
    ) -> (tokens: [Token], punctuation: Double) {
        // A bounded memo: a long run over many languages' texts must not grow it without end. Emptied before
        // this text's tokens point into it, never after.
        if words.count > 200_000 { words.removeAll() }
        var builder = TokenBuilder(scorer: self)
        // The memo moves into the builder and back, so that it is not copied.
        swap(&builder.words, &words)
        defer { swap(&builder.words, &words) }
        var index = range.lowerBound
        let end = range.upperBound
        var exclamations = 0
        var questions = 0
        while index < end {
            if ScalarClasses.isWhitespace(at: index, in: bytes, end: end) {
                index += scalarLength(bytes[index])
                continue
            }
            // One piece up to the next white space.
            let start = index
            var isASCII = true
            var hasEmoji = false
            while index < end {
                let byte = bytes[index]
                if byte < 0x80 {
                    if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) { break }
                    if byte == UInt8(ascii: "!") { exclamations += 1 }
                    if byte == UInt8(ascii: "?") { questions += 1 }
                    index += 1
                } else {
                    guard let scalar = decodeScalar(bytes, index, end) else { index = end; break }
                    if ScalarClasses.isWhitespace(scalar) { break }
                    isASCII = false
                    hasEmoji = hasEmoji || mayBeEmoji(scalar)
                    index += scalarLength(byte)
                }
            }
            if isASCII {
                builder.addASCII(bytes, start..<index)
            } else if !hasEmoji {
                builder.addAccented(bytes, start..<index)
            } else {
                builder.addTransformed(bytes, start..<index)
            }
        }
        return (builder.tokens, Self.punctuationEmphasis(exclamations: exclamations, questions: questions))
    }

    /// What the scorer knows about a token's text, looked up once per distinct text.
    private func knownWord(text: String, lower: String, isAllCaps: Bool) -> KnownWord {
        var form = lower
        var info = words[lower]
        // English is looked up as it is (VADER does not reduce inflections).
        if language.code != "en", info?.valence == nil, let base = language.lexiconForm(of: lower, in: lexicon) {
            form = base
            info = words[base]
        }
        var flags: WordFlags = []
        if language.isNegation(form) { flags.insert(.negation) }
        if form == language.noWord { flags.insert(.no) }
        if form == language.never { flags.insert(.never) }
        if language.neverIntensifiers.contains(form) { flags.insert(.neverIntensifier) }
        if let withoutDoubt = language.withoutDoubt {
            if form == withoutDoubt.0 { flags.insert(.doubtFirst) }
            if form == withoutDoubt.1 { flags.insert(.doubtSecond) }
        }
        if form == language.least { flags.insert(.least) }
        if language.leastExceptions.contains(form) { flags.insert(.leastException) }
        if form == "or" || form == "nor" { flags.insert(.orNor) }
        if idiomWords.contains(form) { flags.insert(.idiomPart) }
        if info?.isContrast == true { flags.insert(.contrast) }
        if info?.startsMultiwordBooster == true { flags.insert(.startsMultiwordBooster) }
        if isAllCaps { flags.insert(.allCaps) }
        return KnownWord(text: text, lower: form, valence: info?.valence, booster: info?.booster, flags: flags)
    }

    /// Collects tokens, with what the scorer knows about each text looked up once per run.
    private struct TokenBuilder {
        let scorer: SentimentScorer
        var tokens: [Token] = []
        var words = WordMemo()

        init(scorer: SentimentScorer) { self.scorer = scorer }

        mutating func addASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ piece: Range<Int>) {
            var low = piece.lowerBound
            var high = piece.upperBound
            while low < high && SentimentScorer.isASCIIPunctuation(bytes[low]) { low += 1 }
            while high > low && SentimentScorer.isASCIIPunctuation(bytes[high - 1]) { high -= 1 }
            if high - low <= 2 {
                low = piece.lowerBound
                high = piece.upperBound
            }
            let entry =
                words.index(of: bytes, low..<high)
                ?? {
                    let text = String(decoding: bytes[low..<high], as: UTF8.self)
                    let hasUpper = bytes[low..<high].contains { $0 >= 0x41 && $0 <= 0x5A }
                    let lower =
                        hasUpper
                        ? String(
                            decoding: bytes[low..<high].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self
                        ) : text
                    // In ASCII the cased letters are A–Z and a–z.
                    let isAllCaps = hasUpper && !bytes[low..<high].contains { $0 >= 0x61 && $0 <= 0x7A }
                    return words.insert(
                        bytes, low..<high, value: scorer.knownWord(text: text, lower: lower, isAllCaps: isAllCaps))
                }()
            tokens.append(Token(word: entry, of: words[entry], range: low..<high, fixedValence: nil))
        }

        /// A piece with accented letters and no emoji (most Dutch and French words): VADER's transformation
        /// would leave it as it is, so it becomes a token the way an ASCII one does, its ends stripped of ASCII
        /// punctuation unless that leaves two code points or fewer.
        mutating func addAccented(_ bytes: UnsafeBufferPointer<UInt8>, _ piece: Range<Int>) {
            var low = piece.lowerBound
            var high = piece.upperBound
            while low < high && SentimentScorer.isASCIIPunctuation(bytes[low]) { low += 1 }
            while high > low && SentimentScorer.isASCIIPunctuation(bytes[high - 1]) { high -= 1 }
            if bytes[low..<high].lazy.filter({ $0 & 0xC0 != 0x80 }).count <= 2 {
                low = piece.lowerBound
                high = piece.upperBound
            }
            let entry = word(bytes, low..<high)
            tokens.append(Token(word: entry, of: words[entry], range: low..<high, fixedValence: nil))
        }

        /// The memo entry for the text at `range` of `bytes`, worked out from the text the first time.
        private mutating func word(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
            if let entry = words.index(of: bytes, range) { return entry }
            let text = String(decoding: bytes[range], as: UTF8.self)
            return words.insert(
                bytes, range,
                value: scorer.knownWord(text: text, lower: text.lowercased(), isAllCaps: SentimentScorer.isUpper(text)))
        }

        /// VADER's emoji transformation of one piece, then its tokens.
        mutating func addTransformed(_ bytes: UnsafeBufferPointer<UInt8>, _ piece: Range<Int>) {
            var scalars: [(scalar: Unicode.Scalar, source: Range<Int>, isSpace: Bool)] = []
            var fixed: [Int: Double] = [:]  // index into scalars → emoji valence (a one-scalar token)
            var previousSpace = true
            var index = piece.lowerBound
            while index < piece.upperBound {
                let length = scalarLength(bytes[index])
                guard let scalar = decodeScalar(bytes, index, piece.upperBound) else { break }
                let source = index..<(index + length)
                if let description = scorer.emojiDescriptions[scalar] {
                    if !previousSpace { scalars.append((" ", source, true)) }
                    for character in description.unicodeScalars {
                        scalars.append((character, source, character.properties.isWhitespace))
                    }
                    previousSpace = false
                } else if let valence = scorer.emojiValences[scalar] {
                    scalars.append((" ", source, true))
                    fixed[scalars.count] = valence
                    scalars.append((scalar, source, false))
                    scalars.append((" ", source, true))
                    previousSpace = true
                } else {
                    scalars.append((scalar, source, false))
                    previousSpace = false
                }
                index += length
            }
            var start: Int? = nil
            func emit(_ end: Int, into builder: inout TokenBuilder) {
                guard let first = start else { return }
                start = nil
                let fixedValence = end - first == 1 ? fixed[first] : nil
                var low = first
                var high = end
                while low < high && SentimentScorer.isASCIIPunctuation(scalars[low].scalar) { low += 1 }
                while high > low && SentimentScorer.isASCIIPunctuation(scalars[high - 1].scalar) { high -= 1 }
                if high - low <= 2 || fixedValence != nil {
                    low = first
                    high = end
                }
                var text = ""
                for entry in scalars[low..<high] { text.unicodeScalars.append(entry.scalar) }
                let span = scalars[low].source.lowerBound..<scalars[high - 1].source.upperBound
                let utf8 = Array(text.utf8)
                let entry = utf8.withUnsafeBufferPointer { builder.word($0, 0..<$0.count) }
                builder.tokens.append(
                    Token(word: entry, of: builder.words[entry], range: span, fixedValence: fixedValence))
            }
            for position in scalars.indices {
                if scalars[position].isSpace {
                    emit(position, into: &self)
                } else if start == nil {
                    start = position
                }
            }
            emit(scalars.count, into: &self)
        }
    }

    static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return true
        default: return false
        }
    }

    static func isASCIIPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return true
        default: return false
        }
    }

}
