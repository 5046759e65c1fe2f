import Foundation

/// X (Twitter) weighted length, following twitter-text's configuration format (v2/v3): the text is NFC-normalised,
/// each URL counts `transformedURLLength`, each emoji sequence counts `defaultWeight` once when emoji parsing is on,
/// and every other code point counts the weight of its range (`defaultWeight` elsewhere). Offsets are UTF-16, as in
/// twitter-text's reference implementations. Conformance: `../shared/platforms/twitter-text/validate.yml`.
struct TwitterTextConfiguration: Sendable {
    struct WeightRange: Sendable {
        let start: UInt32
        let end: UInt32
        let weight: Int
    }

    var maxWeightedTweetLength = 280
    var scale = 100
    var defaultWeight = 200
    var emojiParsingEnabled = true
    var transformedURLLength = 23
    var ranges: [WeightRange] = [
        WeightRange(start: 0, end: 4351, weight: 100), WeightRange(start: 8192, end: 8205, weight: 100),
        WeightRange(start: 8208, end: 8223, weight: 100), WeightRange(start: 8242, end: 8247, weight: 100),
    ]

    /// twitter-text's v3 configuration (`v3.json`).
    static let v3 = TwitterTextConfiguration()
    /// v2: the same weights, emoji counted code point by code point.
    static let v2: TwitterTextConfiguration = {
        var configuration = TwitterTextConfiguration()
        configuration.emojiParsingEnabled = false
        return configuration
    }()
}

struct TwitterTextResult: Sendable, Equatable {
    let weightedLength: Int
    let valid: Bool
    let permillage: Int
    /// UTF-16 offsets in the original text.
    let displayRange: ClosedRange<Int>
    let validRange: ClosedRange<Int>
}

enum TwitterText {
    /// Directional marks (U+202A…U+202E, U+2066…) are valid since twitter-text 3; these are not.
    static let invalidScalars: Set<UInt32> = [0xFFFE, 0xFEFF, 0xFFFF]

    static func parse(_ text: String, configuration: TwitterTextConfiguration = .v3) -> TwitterTextResult {
        let normalized = text.precomposedStringWithCanonicalMapping
        let units = Array(normalized.utf16)
        guard !units.isEmpty else {
            return TwitterTextResult(
                weightedLength: 0, valid: false, permillage: 0, displayRange: 0...0, validRange: 0...0)
        }
        let urls = URLExtractor.urls(in: normalized)  // UTF-16 ranges
        let emoji = configuration.emojiParsingEnabled ? emojiRanges(in: normalized) : []
        var urlStarts: [Int: Int] = [:]
        for url in urls { urlStarts[url.lowerBound] = url.count }
        var emojiStarts: [Int: Int] = [:]
        for item in emoji { emojiStarts[item.lowerBound] = item.count }
        var weighted = 0
        var offset = 0
        var validOffset = 0
        var invalid = false
        let limit = configuration.maxWeightedTweetLength * configuration.scale
        while offset < units.count {
            var entityLength = 0
            if let length = urlStarts[offset] {
                entityLength = length
                weighted += configuration.transformedURLLength * configuration.scale
            }
            if entityLength == 0, let length = emojiStarts[offset] {
                entityLength = length
                weighted += configuration.defaultWeight
            }
            if entityLength > 0 {
                offset += entityLength
            } else {
                let scalar = codePoint(units, offset)
                var weight = configuration.defaultWeight
                for range in configuration.ranges where scalar >= range.start && scalar <= range.end {
                    weight = range.weight
                    break
                }
                if invalidScalars.contains(scalar) { invalid = true }
                weighted += weight
                offset += scalar > 0xFFFF ? 2 : 1
            }
            if !invalid && weighted <= limit { validOffset = offset }
        }
        let normalizationOffset = text.utf16.count - units.count
        let scaled = weighted / configuration.scale
        return TwitterTextResult(
            weightedLength: scaled, valid: !invalid && scaled <= configuration.maxWeightedTweetLength,
            permillage: scaled * 1000 / configuration.maxWeightedTweetLength,
            displayRange: 0...(offset + normalizationOffset - 1),
            validRange: 0...max(0, validOffset + normalizationOffset - 1))
    }

    private static func codePoint(_ units: [UInt16], _ offset: Int) -> UInt32 {
        let high = units[offset]
        if UTF16.isLeadSurrogate(high), offset + 1 < units.count, UTF16.isTrailSurrogate(units[offset + 1]) {
            return 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(units[offset + 1]) - 0xDC00)
        }
        return UInt32(high)
    }

    /// Emoji sequences as UTF-16 ranges: grapheme clusters made of emoji (with presentation, skin tones, ZWJ,
    /// variation selectors, keycaps, flags).
    static func emojiRanges(in text: String) -> [Range<Int>] { emojiRangesBoth(in: text).map(\.utf16) }

    static func emojiRangesBoth(in text: String) -> [(utf16: Range<Int>, utf8: Range<Int>)] {
        var ranges: [(utf16: Range<Int>, utf8: Range<Int>)] = []
        var offset = 0
        var byteOffset = 0
        for character in text {
            let length = character.utf16.count
            let bytes = character.utf8.count
            if isEmoji(character) { ranges.append((offset..<(offset + length), byteOffset..<(byteOffset + bytes))) }
            offset += length
            byteOffset += bytes
        }
        return ranges
    }

    static func isEmoji(_ character: Character) -> Bool {
        let scalars = Array(character.unicodeScalars)
        guard let first = scalars.first else { return false }
        if first.properties.isEmojiPresentation { return true }
        if (0x1F1E6...0x1F1FF).contains(first.value) { return true }
        if first.properties.isEmoji && scalars.count > 1
            && scalars.contains(where: {
                $0.value == 0xFE0F || $0.value == 0x20E3 || $0.value == 0x200D || $0.properties.isEmojiModifier
            })
        {
            return true
        }
        return first.properties.isEmoji && first.value > 0x2000 && first.value != 0x2122 && first.value != 0x2139
            && !(0x2190...0x21FF).contains(first.value) && first.properties.generalCategory == .otherSymbol
    }
}

/// URLs as twitter-text counts them: `http(s)://` followed by a host whose labels are at most 63 characters (IDN
/// labels measured in their punycode form), or a bare host ending in a known top-level domain; optional port,
/// path, query and fragment, without trailing punctuation. Returns UTF-16 ranges.
enum URLExtractor {
    static let topLevelDomains: Set<String> = [
        "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io", "co", "ai", "app", "dev", "eu", "be",
        "nl",
        "fr", "de", "lu", "uk", "us", "ca", "au", "ch", "at", "es", "it", "pt", "ie", "se", "no", "dk", "fi", "pl",
        "cz",
        "jp", "cn", "in", "br", "ru", "me", "tv", "ly", "gl", "to", "news", "shop", "store", "online", "site", "tech",
        "blog", "brussels", "vlaanderen", "gent", "amsterdam", "paris", "berlin", "london", "nyc", "xyz", "club",
        "page",
    ]

    static func urls(in text: String) -> [Range<Int>] { ranges(in: text).map(\.utf16) }

    /// URLs as UTF-16 and UTF-8 ranges of `text`.
    static func ranges(in text: String) -> [(utf16: Range<Int>, utf8: Range<Int>)] {
        let scalars = Array(text.unicodeScalars)
        var utf16Offsets: [Int] = []
        var utf8Offsets: [Int] = []
        utf16Offsets.reserveCapacity(scalars.count + 1)
        utf8Offsets.reserveCapacity(scalars.count + 1)
        var running = 0
        var runningBytes = 0
        for scalar in scalars {
            utf16Offsets.append(running)
            utf8Offsets.append(runningBytes)
            running += scalar.value > 0xFFFF ? 2 : 1
            runningBytes += scalar.value < 0x80 ? 1 : scalar.value < 0x800 ? 2 : scalar.value < 0x10000 ? 3 : 4
        }
        utf16Offsets.append(running)
        utf8Offsets.append(runningBytes)
        var result: [(utf16: Range<Int>, utf8: Range<Int>)] = []
        var index = 0
        while index < scalars.count {
            // A URL starts at a word boundary.
            if index > 0 && isHostCharacter(scalars[index - 1]) && scalars[index - 1] != "-" {
                index += 1
                continue
            }
            // Nor right after @, $ or # (twitter-text's valid_url_preceding_chars): the domain of an e-mail address
            // (ondernemerslijn@unizo.be), a cashtag or a hashtag is no URL.
            if index > 0 && "@＠$#＃".unicodeScalars.contains(scalars[index - 1]) {
                index += 1
                continue
            }
            // A word with no dot in it (and no "://") cannot be a URL: skip the whole word.
            if isHostCharacter(scalars[index]) {
                var end = index
                var dotted = false
                while end < scalars.count
                    && (isHostCharacter(scalars[end]) || scalars[end] == "." || scalars[end] == ":"
                        || scalars[end] == "/")
                {
                    if scalars[end] == "." || scalars[end] == ":" { dotted = true }
                    end += 1
                }
                if !dotted {
                    index = max(end, index + 1)
                    continue
                }
            }
            // Cheap first test: a URL starts with h (http) or a host character.
            if let end = match(scalars, at: index) {
                result.append((utf16Offsets[index]..<utf16Offsets[end], utf8Offsets[index]..<utf8Offsets[end]))
                index = end
            } else {
                index += 1
            }
        }
        return result
    }

    /// End (scalar index) of a URL starting at `start`, if one does.
    static func match(_ scalars: [Unicode.Scalar], at start: Int) -> Int? {
        var index = start
        var hasProtocol = false
        for candidate in protocolPrefixes {
            if start + candidate.count <= scalars.count
                && zip(scalars[start..<(start + candidate.count)], candidate).allSatisfy({ lowerASCII($0) == $1 })
            {
                hasProtocol = true
                index = start + candidate.count
                break
            }
        }
        // Host: labels separated by dots.
        let hostStart = index
        while index < scalars.count && (isHostCharacter(scalars[index]) || scalars[index] == ".") { index += 1 }
        var hostEnd = index
        while hostEnd > hostStart && scalars[hostEnd - 1] == "." { hostEnd -= 1 }
        let host = String(String.UnicodeScalarView(scalars[hostStart..<hostEnd]))
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }) else {
            return nil
        }
        for label in labels {
            let ascii = label.unicodeScalars.allSatisfy(\.isASCII)
            let length = ascii ? label.count : (Punycode.encode(String(label)).map { $0.count + 4 } ?? 64)
            if length > 63 { return nil }
        }
        let tld = labels.last!.lowercased()
        if !hasProtocol {
            guard topLevelDomains.contains(tld), labels.allSatisfy({ $0.unicodeScalars.allSatisfy(\.isASCII) }) else {
                return nil
            }
        } else {
            guard tld.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || isMark($0) }) || tld.hasPrefix("xn--")
            else { return nil }
        }
        index = hostEnd
        // Port.
        if index < scalars.count && scalars[index] == ":" {
            var digitsEnd = index + 1
            while digitsEnd < scalars.count && ("0"..."9").contains(scalars[digitsEnd]) { digitsEnd += 1 }
            if digitsEnd > index + 1 { index = digitsEnd }
        }
        // Path, query, fragment.
        if index < scalars.count && "/?#".unicodeScalars.contains(scalars[index]) {
            var parentheses = 0
            var end = index
            while end < scalars.count && !scalars[end].properties.isWhitespace && scalars[end] != "<"
                && scalars[end] != ">"
                && scalars[end] != "\"" && scalars[end].properties.generalCategory != .format
            {
                if scalars[end] == "(" { parentheses += 1 }
                if scalars[end] == ")" {
                    if parentheses == 0 { break }
                    parentheses -= 1
                }
                end += 1
            }
            while end > index && ".,:;!?'*".unicodeScalars.contains(scalars[end - 1]) { end -= 1 }
            index = end
        }
        return index
    }

    static let protocolPrefixes: [[Unicode.Scalar]] = [
        Array("https://".unicodeScalars), Array("http://".unicodeScalars),
    ]

    static func lowerASCII(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar
    }

    static func isHostCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            // The same answer without a Unicode property lookup: most host characters are ASCII.
            let value = scalar.value | 0x20
            return (value >= 0x61 && value <= 0x7A) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
        }
        return scalar.properties.isAlphabetic
            || (scalar.value > 0x7F && (scalar.properties.numericType != nil || isMark(scalar)))
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        [.nonspacingMark, .spacingMark, .enclosingMark].contains(scalar.properties.generalCategory)
    }
}

/// RFC 3492 punycode, to measure internationalised domain labels as DNS sees them.
enum Punycode {
    static func encode(_ input: String) -> String? {
        let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700
        let codePoints = input.lowercased().unicodeScalars.map { Int($0.value) }
        var output = codePoints.filter { $0 < 0x80 }.map { Character(Unicode.Scalar(UInt8($0))) }
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append("-") }
        var n = 0x80, delta = 0, bias = 72
        func adapt(_ delta: Int, _ count: Int, _ first: Bool) -> Int {
            var delta = first ? delta / damp : delta / 2
            delta += delta / count
            var k = 0
            while delta > ((base - tMin) * tMax) / 2 {
                delta /= base - tMin
                k += base
            }
            return k + (base - tMin + 1) * delta / (delta + skew)
        }
        func digit(_ value: Int) -> Character {
            Character(Unicode.Scalar(UInt8(value < 26 ? value + 97 : value + 22)))
        }
        while handled < codePoints.count {
            guard let m = codePoints.filter({ $0 >= n }).min() else { return nil }
            delta += (m - n) * (handled + 1)
            n = m
            for codePoint in codePoints {
                if codePoint < n { delta += 1 }
                if codePoint == n {
                    var q = delta
                    var k = base
                    while true {
                        let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                        if q < t { break }
                        output.append(digit(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    output.append(digit(q))
                    bias = adapt(delta, handled + 1, handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            n += 1
        }
        return String(output)
    }
}
