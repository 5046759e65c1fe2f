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

    /// `\p{L}` or `\p{N}`: a letter or number of any kind.
    @inline(__always)
    static func isLetterOrNumber(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < tableSize ? letterOrNumber[Int(scalar.value)] : computeIsLetterOrNumber(scalar)
    }

    /// Unicode's White_Space (what PCRE2's `\s` matches with UCP).
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < tableSize ? whitespace[Int(scalar.value)] : scalar.properties.isWhitespace
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
