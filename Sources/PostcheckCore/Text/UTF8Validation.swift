/// Why a byte buffer is not a text draft.
public enum TextDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not valid UTF-8; `offset` is the first byte of the bad sequence.
    case invalidUTF8(offset: Int)
    /// A NUL byte: almost certainly a binary file, not a draft.
    case binary(offset: Int)

    public var description: String {
        switch self {
        case .invalidUTF8(let offset): "invalid UTF-8 at byte \(offset)"
        case .binary(let offset): "binary file (NUL byte at byte \(offset))"
        }
    }
}

/// Checks that `bytes` is valid UTF-8 (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF) and has no NUL.
/// Done once per draft so that every later PCRE2 match can skip its own check (`PCRE2_NO_UTF_CHECK`).
public func validateUTF8(_ bytes: UnsafeBufferPointer<UInt8>) throws(TextDecodingError) {
    var index = 0
    let count = bytes.count
    let raw = UnsafeRawBufferPointer(bytes)
    while index < count {
        // Eight ASCII bytes, none of them NUL, are passed at once (most of any draft).
        if index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let hasHighBit = word & 0x8080_8080_8080_8080 != 0
            let hasZero = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
            if !hasHighBit && !hasZero {
                index += 8
                continue
            }
        }
        let lead = bytes[index]
        if lead < 0x80 {
            if lead == 0 { throw .binary(offset: index) }
            index += 1
            continue
        }
        let length: Int
        var lowerSecond: UInt8 = 0x80
        var upperSecond: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowerSecond = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upperSecond = 0x9F
        case 0xF0: length = 4; lowerSecond = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upperSecond = 0x8F
        default: throw .invalidUTF8(offset: index)
        }
        guard index + length <= count else { throw .invalidUTF8(offset: index) }
        let second = bytes[index + 1]
        guard second >= lowerSecond && second <= upperSecond else { throw .invalidUTF8(offset: index) }
        for continuation in 2..<max(2, length) where bytes[index + continuation] & 0xC0 != 0x80 {
            throw .invalidUTF8(offset: index)
        }
        index += length
    }
}
