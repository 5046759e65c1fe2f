import Yams

/// Words as postcheck counts them for densities and metrics: runs of letters and digits, with inner apostrophes
/// and hyphens (l'équipe, co-founder, zo'n), in any script. Emoji, hashtag marks and punctuation are not words.
///
/// These are the matches of `[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*`, found on bytes: every heuristic counts words,
/// and PCRE2 cannot skip ahead over a Unicode property, so the pattern cost a call per word.
enum WordCounter {
    /// Calls `body` with each word's byte range, in order.
    static func forEachWord(in buffer: UnsafeBufferPointer<UInt8>, range: Range<Int>, _ body: (Range<Int>) -> Void) {
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            // ASCII between words (spaces, punctuation) and inside them (letters, digits) is read a byte at a time
            // here; only other characters go through the general test.
            while index < end, buffer[index] < 0x80, !isASCIILetterOrDigit(buffer[index]) { index += 1 }
            guard index < end else { break }
            let length = wordCharacterLength(buffer, index, end)
            guard length > 0 else {
                index += min(scalarLength(buffer[index]), end - index)
                continue
            }
            let start = index
            index += length
            while true {
                while index < end && isASCIILetterOrDigit(buffer[index]) { index += 1 }
                let next = wordCharacterLength(buffer, index, end)
                if next > 0 {
                    index += next
                    continue
                }
                // An apostrophe or hyphen joins two runs of letters and digits.
                let joiner = joinerLength(buffer, index, end)
                guard joiner > 0, wordCharacterLength(buffer, index + joiner, end) > 0 else { break }
                index += joiner
            }
            body(start..<index)
        }
    }

    static func words(in buffer: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> [Range<Int>] {
        var words: [Range<Int>] = []
        forEachWord(in: buffer, range: range) { words.append($0) }
        return words
    }

    /// The number of words, without keeping their ranges.
    static func count(in buffer: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> Int {
        var count = 0
        forEachWord(in: buffer, range: range) { _ in count += 1 }
        return count
    }

    static func count(in text: String) -> Int {
        var text = text
        return text.withUTF8 { count(in: $0, range: 0..<$0.count) }
    }

    @inline(__always)
    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10
    }

    /// The byte length of the letter or digit (`\p{L}`, `\p{N}`) at `index`, or 0 when there is none.
    @inline(__always)
    private static func wordCharacterLength(_ buffer: UnsafeBufferPointer<UInt8>, _ index: Int, _ end: Int) -> Int {
        guard index < end else { return 0 }
        let byte = buffer[index]
        if byte < 0x80 {
            return (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) ? 1 : 0
        }
        guard let scalar = decodeScalar(buffer, index, end) else { return 0 }
        return ScalarClasses.isLetterOrNumber(scalar) ? scalarLength(byte) : 0
    }

    /// The byte length of an apostrophe (`'`, `’`) or hyphen-minus at `index`, or 0.
    @inline(__always)
    private static func joinerLength(_ buffer: UnsafeBufferPointer<UInt8>, _ index: Int, _ end: Int) -> Int {
        guard index < end else { return 0 }
        let byte = buffer[index]
        if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-") { return 1 }
        // U+2019 RIGHT SINGLE QUOTATION MARK is E2 80 99.
        if byte == 0xE2 && index + 2 < end && buffer[index + 1] == 0x80 && buffer[index + 2] == 0x99 { return 3 }
        return 0
    }
}

/// A weighted pattern: what a density or requires rule looks for.
struct Cue: Sendable {
    let pattern: RegexPattern
    let weight: Double
    let label: String
}

extension YAMLFields {
    /// A list of cues: plain patterns (weight 1) or `{pattern, weight, label}` mappings; per language when the
    /// key holds a mapping of language codes.
    func cues(_ key: String, options: RegexOptions) throws(RuleFileError) -> [String: [Cue]]? {
        guard let perLanguage = try perLanguageNodes(key) else { return nil }
        var result: [String: [Cue]] = [:]
        for (language, node) in perLanguage {
            let items: [Yams.Node]
            switch node {
            case .sequence(let sequence): items = Array(sequence)
            case .scalar: items = [node]
            default: throw error(at: node, "'\(key)' is a list of patterns or {pattern, weight, label}")
            }
            var cues: [Cue] = []
            for item in items {
                var sources: [String]
                var weight = 1.0
                var label: String? = nil
                if case .mapping = item {
                    let entry = try YAMLFields(path: path, node: item, variables: variables)
                    try entry.rejectUnknownKeys(allowed: ["pattern", "weight", "label"], context: "a cue in '\(key)'")
                    guard let pattern = try entry.string("pattern") else {
                        throw error(at: item, "a cue needs a 'pattern'")
                    }
                    sources = [pattern]
                    weight = try entry.double("weight") ?? 1
                    label = try entry.string("label")
                } else if case .scalar = item {
                    // `{{brands}}` alone stands for each name as a literal, word-bounded.
                    let trimmed = item.string?.trimmingCharacters(in: [" "]) ?? ""
                    let whole = trimmed.hasPrefix("{{") && trimmed.hasSuffix("}}")
                    sources = try Self.strings(item, name: key, fields: self).map { whole ? "\\b" + $0 + "\\b" : $0 }
                } else {
                    throw error(at: item, "'\(key)' entries are patterns")
                }
                for source in sources {
                    let compiled: RegexPattern
                    do {
                        compiled = try RegexPattern(source, options: options.union(.multiline))
                    } catch {
                        throw self.error(
                            at: item,
                            "invalid regular expression '\(source)' in '\(key)': \(error.message) at offset \(error.offset)"
                        )
                    }
                    // A cue that starts with known words (`\b(?:ik|mijn|me)\b`) can join the shared scan.
                    compiled.startTexts = TokenTrie.startTexts(of: source)
                    cues.append(Cue(pattern: compiled, weight: weight, label: label ?? source))
                }
            }
            result[language] = cues
        }
        return result
    }
}
