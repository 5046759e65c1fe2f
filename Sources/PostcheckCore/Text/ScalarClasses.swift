/// Unicode properties the scanners ask of every non-ASCII character, from tables for the first 2,048 code points
/// (Latin with its accents, Greek, Cyrillic, Hebrew, Arabic: the two-byte UTF-8 range) and from the standard
/// library's lookups beyond. Dutch and French drafts ask for an accented letter every few words; the library's
/// lookup costs a table walk each time.
enum ScalarClasses {
    private static let tableSize = 0x800

    private static let letterOrNumber: [Bool] = (0..<tableSize).map { value in
        Unicode.Scalar(UInt32(value)).map(computeIsLetterOrNumber) ?? false
    }

    private static let whitespace: [Bool] = (0..<tableSize).map { value in
        Unicode.Scalar(UInt32(value))?.properties.isWhitespace ?? false
    }

    private static let markOrFormat: [Bool] = (0..<tableSize).map { value in
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }

    /// Characters (grapheme clusters) in valid UTF-8: the number of code points when each is a character of its own
    /// (ASCII, and two-byte code points that are neither marks nor format characters, which could join a
    /// neighbour), else Swift's count. Most words of Dutch and French text take the first way.
    static func characterCount<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Int where Bytes.Index == Int {
        var count = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte < 0x80 {
                count += 1
                // CR LF is one character.
                index += byte == 0x0D && index + 1 < bytes.endIndex && bytes[index + 1] == 0x0A ? 2 : 1
                continue
            }
            guard byte < 0xE0, index + 1 < bytes.endIndex,
                !markOrFormat[Int(UInt32(byte & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F))]
            else {
                return String(decoding: bytes, as: UTF8.self).count
            }
            count += 1
            index += 2
        }
        return count
    }

    /// `\p{L}` or `\p{N}`: a letter or number of any kind.
    @inline(__always)
    static func isLetterOrNumber(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < tableSize ? letterOrNumber[Int(scalar.value)] : computeIsLetterOrNumber(scalar)
    }

    /// Whether the character at `index` of valid UTF-8 is white space as PCRE2's `\s` sees it with UCP: tab to
    /// carriage return and space in ASCII, Unicode's White_Space beyond (NEL included).
    @inline(__always)
    static func isWhitespace<Bytes: RandomAccessCollection>(at index: Int, in bytes: Bytes, end: Int) -> Bool
    where Bytes.Element == UInt8, Bytes.Index == Int {
        let byte = bytes[index]
        if byte < 0x80 { return byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        return decodeScalar(bytes, index, end).map(isWhitespace) ?? false
    }

    /// Unicode's White_Space (what PCRE2's `\s` matches with UCP). Beyond the table it is a short, long-stable list
    /// (`ByteScannerTests` checks it against Swift's property for every code point): emoji and other three- and
    /// four-byte characters skip the property lookup.
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < tableSize { return whitespace[Int(value)] }
        switch value {
        case 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    private static func computeIsLetterOrNumber(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}
