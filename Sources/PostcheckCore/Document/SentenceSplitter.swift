/// Splits prose into sentences for the `sentence` scope, in Dutch, English and French alike: a sentence ends at
/// `.`, `!`, `?` or `…` (with closing quotes or brackets) followed by white space and a character that can start a
/// sentence, unless the word before the period is a known abbreviation or an initial. A line break ends a sentence
/// when the line ends in sentence punctuation, a colon or an emoji, or the next line starts a new thought; social
/// posts often use line breaks where prose would use full stops.
public enum SentenceSplitter {
    /// Abbreviations (lower case, without the final period) after which a period does not end a sentence.
    static let abbreviations: Set<String> = [
        // English
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "inc", "ltd", "co", "corp",
        "no", "approx", "dept", "est", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "a.m", "p.m", "u.s", "cf",
        // Dutch / Flemish
        "bv", "b.v", "dhr", "mevr", "mr", "ir", "ing", "drs", "d.w.z", "o.a", "m.a.w", "enz", "nl", "blz", "nr",
        "t.a.v", "i.p.v", "m.b.t", "z.g.a.n", "ca", "evt", "incl", "excl", "vnl", "resp", "tel", "n.a.v", "a.u.b",
        "bijv", "bvb", "mvg", "zgn", "vgl", "dhr",
        // French
        "m", "mme", "mlle", "mm", "p.ex", "c.-à-d", "c.à.d", "env", "av", "apr", "boul", "bd", "éd", "vol", "chap",
        "cie", "ste", "svp", "n°", "ex", "p.ex", "réf", "càd",
    ]

    /// The ASCII abbreviations, by their bytes.
    private static let asciiAbbreviations: ByteKeyedTable<Bool> = {
        var table = ByteKeyedTable<Bool>()
        for word in abbreviations where word.utf8.allSatisfy({ $0 < 0x80 }) {
            let bytes = Array(word.utf8)
            table.insert(bytes, 0..<bytes.count, value: true)
        }
        return table
    }()

    /// Sentence ranges (trimmed) within `range` of `text`.
    public static func sentences(in text: [UInt8], range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var sentenceStart = skipWhitespace(text, range.lowerBound, range.upperBound)
        var index = sentenceStart
        let end = range.upperBound
        func close(at boundary: Int, next: Int) {
            let trimmedEnd = trimEnd(text, sentenceStart, boundary)
            if trimmedEnd > sentenceStart { result.append(sentenceStart..<trimmedEnd) }
            sentenceStart = skipWhitespace(text, next, end)
        }
        while index < end {
            let byte = text[index]
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
                || isEllipsis(text, index, end)
            {
                var after = index + (byte == 0xE2 ? 3 : 1)
                while after < end {
                    if isTerminatorOrCloser(text, after, end) {
                        after += scalarLength(text[after])
                        continue
                    }
                    // French spacing: "Bonjour ! »" — a closing guillemet after a space still closes.
                    let next = skipHorizontalSpace(text, after, end)
                    if next < end && next > after && (isGuillemetClose(text, next, end)) {
                        after = next + 2
                        continue
                    }
                    break
                }
                if after >= end {
                    index = after
                    continue
                }
                if isWhitespace(text[after]) {
                    let next = skipWhitespace(text, after, end)
                    if next < end && canStartSentence(text, next, end)
                        && !(byte == UInt8(ascii: ".") && isAbbreviation(text, before: index, from: sentenceStart))
                    {
                        close(at: after, next: next)
                        index = next
                        continue
                    }
                }
                index = after
                continue
            }
            if byte == 0x0A {
                let lineEnd = trimEnd(text, sentenceStart, index)
                let next = skipWhitespace(text, index, end)
                if next < end && lineEnd > sentenceStart
                    && (endsThought(text, lineEnd, sentenceStart) || startsThought(text, next, end))
                {
                    close(at: index, next: next)
                    index = next
                    continue
                }
            }
            index += 1
        }
        close(at: end, next: end)
        return result
    }

    private static func isEllipsis(_ text: [UInt8], _ index: Int, _ end: Int) -> Bool {
        index + 2 < end && text[index] == 0xE2 && text[index + 1] == 0x80 && text[index + 2] == 0xA6
    }

    private static func isTerminatorOrCloser(_ text: [UInt8], _ index: Int, _ end: Int) -> Bool {
        let byte = text[index]
        if ".!?\"')]»".utf8.contains(byte) { return true }
        if isEllipsis(text, index, end) { return true }
        // ’ ” (E2 80 99, E2 80 9D)
        return byte == 0xE2 && index + 2 < end && text[index + 1] == 0x80
            && (text[index + 2] == 0x99 || text[index + 2] == 0x9D)
    }

    private static func skipHorizontalSpace(_ text: [UInt8], _ start: Int, _ end: Int) -> Int {
        var index = start
        while index < end {
            if text[index] == 0x20 || text[index] == 0x09 { index += 1; continue }
            // NBSP (C2 A0) and narrow NBSP (E2 80 AF)
            if text[index] == 0xC2 && index + 1 < end && text[index + 1] == 0xA0 { index += 2; continue }
            if text[index] == 0xE2 && index + 2 < end && text[index + 1] == 0x80 && text[index + 2] == 0xAF {
                index += 3; continue
            }
            break
        }
        return index
    }

    private static func isGuillemetClose(_ text: [UInt8], _ index: Int, _ end: Int) -> Bool {
        index + 1 < end && text[index] == 0xC2 && text[index + 1] == 0xBB
    }

    private static func canStartSentence(_ text: [UInt8], _ index: Int, _ end: Int) -> Bool {
        // ASCII's only lower-case letters are a to z (no property lookup for the common case).
        if index < end && text[index] < 0x80 {
            return !(text[index] >= UInt8(ascii: "a") && text[index] <= UInt8(ascii: "z"))
        }
        guard let scalar = decodeScalar(text, index, end) else { return false }
        if scalar.properties.isLowercase { return false }
        return true
    }

    /// A line ending in sentence punctuation, a colon, or an emoji/symbol.
    private static func endsThought(_ text: [UInt8], _ lineEnd: Int, _ start: Int) -> Bool {
        var last = lineEnd - 1
        while last > start && text[last] & 0xC0 == 0x80 { last -= 1 }
        guard let scalar = decodeScalar(text, last, lineEnd) else { return false }
        if ".!?:;…".unicodeScalars.contains(scalar) { return true }
        return scalar.properties.isEmojiPresentation || scalar.value == 0xFE0F
            || scalar.properties.generalCategory == .otherSymbol
    }

    /// A line starting with an upper-case letter, a digit, a list-like or hashtag mark, or an emoji.
    private static func startsThought(_ text: [UInt8], _ index: Int, _ end: Int) -> Bool {
        guard let scalar = decodeScalar(text, index, end) else { return false }
        if scalar.properties.isUppercase || "#@-–•0123456789".unicodeScalars.contains(scalar) { return true }
        return scalar.properties.isEmojiPresentation || scalar.properties.generalCategory == .otherSymbol
    }

    private static func isAbbreviation(_ text: [UInt8], before period: Int, from start: Int) -> Bool {
        var wordStart = period
        while wordStart > start {
            let previous = text[wordStart - 1]
            if previous == 0x20 || previous == 0x0A || previous == 0x09 || previous == UInt8(ascii: "(") { break }
            wordStart -= 1
        }
        guard wordStart < period else { return false }
        // An ASCII word (most) is looked up by its bytes, lower-cased in place, without making a string.
        if text[wordStart..<period].allSatisfy({ $0 < 0x80 }) {
            if period - wordStart == 1 { return isASCIILetter(text[wordStart]) }
            guard period - wordStart <= 16 else { return false }
            var lower = Array(text[wordStart..<period])
            for index in lower.indices where lower[index] >= 0x41 && lower[index] <= 0x5A { lower[index] |= 0x20 }
            return asciiAbbreviations.index(of: lower, 0..<lower.count) != nil
        }
        let word = String(decoding: text[wordStart..<period], as: UTF8.self).lowercased()
        if abbreviations.contains(word) { return true }
        // A single letter is an initial ("J. Janssens").
        return word.unicodeScalars.count == 1 && word.unicodeScalars.first!.properties.isAlphabetic
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    private static func skipWhitespace(_ text: [UInt8], _ start: Int, _ end: Int) -> Int {
        var index = start
        while index < end && isWhitespace(text[index]) { index += 1 }
        return index
    }

    private static func trimEnd(_ text: [UInt8], _ start: Int, _ end: Int) -> Int {
        var index = end
        while index > start && isWhitespace(text[index - 1]) { index -= 1 }
        return index
    }
}

@inline(__always) func scalarLength(_ lead: UInt8) -> Int {
    lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
}

/// Decodes the scalar starting at `index` of valid UTF-8 (an array or a buffer, indexed from 0).
@inline(__always)
func decodeScalar<Bytes: RandomAccessCollection>(_ text: Bytes, _ index: Int, _ end: Int) -> Unicode.Scalar?
where Bytes.Element == UInt8, Bytes.Index == Int {
    guard index < end else { return nil }
    let lead = text[index]
    let length = scalarLength(lead)
    guard index + length <= end else { return nil }
    var value: UInt32
    switch length {
    case 1: value = UInt32(lead)
    case 2: value = UInt32(lead & 0x1F)
    case 3: value = UInt32(lead & 0x0F)
    default: value = UInt32(lead & 0x07)
    }
    for offset in 1..<max(1, length) { value = value << 6 | UInt32(text[index + offset] & 0x3F) }
    return Unicode.Scalar(value)
}
