/// Web and e-mail addresses, domains, hashtags and @mentions in prose. Term, substitution and capitalization rules
/// leave them alone: "jan.peeters@acme.be" is no place to fix the brand's capital, and a fix there breaks the
/// address. (Existence rules still see them: `#Globex` and `@globex` name the competitor.)
enum AddressTokens {
    /// Whether the white-space-delimited token around `range` (in `buffer`, not beyond `bounds`) is an address.
    static func contains(_ range: Range<Int>, in buffer: UnsafeBufferPointer<UInt8>, bounds: Range<Int>) -> Bool {
        var start = range.lowerBound
        while start > bounds.lowerBound && !isSeparator(buffer[start - 1]) { start -= 1 }
        var end = range.upperBound
        while end < bounds.upperBound && !isSeparator(buffer[end]) { end += 1 }
        guard start < end else { return false }
        return isAddress(Array(buffer[start..<end]))
    }

    /// Whether one token (surrounding brackets, quotes and closing punctuation allowed) is an address.
    static func isAddress<S: StringProtocol>(_ word: S) -> Bool { isAddress(Array(word.utf8)) }

    static func isAddress(_ token: [UInt8]) -> Bool {
        var low = 0
        var high = token.count
        while low < high && "([{<\"'“‘".utf8.contains(token[low]) { low += 1 }
        while high > low && ".,;:!?)]}>\"'”’".utf8.contains(token[high - 1]) { high -= 1 }
        guard high - low >= 2 else { return false }
        let word = token[low..<high]
        let first = word.first!
        // A hashtag or mention: the sign, then a letter or digit (a lone "#1" or "@" is no handle).
        if first == UInt8(ascii: "#") || first == UInt8(ascii: "@") { return isWordByte(word[word.startIndex + 1]) }
        if let at = word.firstIndex(of: UInt8(ascii: "@")), at > word.startIndex,
            word[(at + 1)...].contains(UInt8(ascii: "."))
        {
            return true
        }
        if containsSequence(word, "://") || startsWithCaseless(word, "www.") { return true }
        return isDomain(word)
    }

    /// `name.tld` or `name.tld/path`: labels of letters, digits and hyphens, the last of two or more ASCII letters
    /// (so "e.g." and "1.2" are no domains).
    private static func isDomain(_ word: ArraySlice<UInt8>) -> Bool {
        let hostEnd =
            word.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "?") }
            ?? word.endIndex
        let labels = word[word.startIndex..<hostEnd].split(
            separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isWordByte) }) else { return false }
        let tld = labels.last!
        return tld.count >= 2 && tld.allSatisfy { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }
    }

    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Letters (any non-ASCII byte counts, for accented names), digits, `_` and `-`.
    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "-")
    }

    private static func containsSequence(_ word: ArraySlice<UInt8>, _ needle: String) -> Bool {
        let bytes = Array(needle.utf8)
        guard word.count >= bytes.count else { return false }
        var index = word.startIndex
        while index + bytes.count <= word.endIndex {
            if word[index..<(index + bytes.count)].elementsEqual(bytes) { return true }
            index += 1
        }
        return false
    }

    private static func startsWithCaseless(_ word: ArraySlice<UInt8>, _ prefix: String) -> Bool {
        word.count >= prefix.utf8.count && zip(word, prefix.utf8).allSatisfy { $0 | 0x20 == $1 | 0x20 }
    }
}
