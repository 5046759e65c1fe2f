import Foundation

/// Drafts pasted from some systems arrive in NFD (`e` + U+0301) while rules are written in NFC (`é`). Matching runs on
/// an NFC copy of the text; `OffsetMap` takes every offset found there back to the original bytes, so positions and
/// matched text always refer to the file as it is.
struct OffsetMap: Sendable {
    /// The segments that changed (a base letter and its combining marks, composed), in order: their byte ranges in
    /// the normalized text and in the original. Between them the two texts are byte for byte the same, so an offset
    /// there moves by the difference left after the previous segment. Memory grows with the accents, not the text.
    let normalizedStarts: [Int]
    let normalizedEnds: [Int]
    let originalStarts: [Int]
    let originalEnds: [Int]

    /// The last changed segment starting at or before `offset` (or before it, when `strictly`), if any.
    private func segment(before offset: Int, strictly: Bool) -> Int? {
        var low = 0
        var high = normalizedStarts.count
        while low < high {
            let mid = (low + high) / 2
            if strictly ? normalizedStarts[mid] < offset : normalizedStarts[mid] <= offset {
                low = mid + 1
            } else {
                high = mid
            }
        }
        return low == 0 ? nil : low - 1
    }

    /// Original byte range for a normalized one: widened to whole segments where it falls inside one.
    func original(_ range: Range<Int>) -> Range<Int> {
        let lower = original(range.lowerBound, isEnd: false)
        // An empty range (a finding about a place, not a span) stays empty.
        if range.isEmpty { return lower..<lower }
        return lower..<max(lower, original(range.upperBound, isEnd: true))
    }

    /// An offset inside a changed segment goes to the segment's start (or, for a range's end, its end); elsewhere
    /// it moves by the difference left after the last changed segment before it.
    private func original(_ offset: Int, isEnd: Bool) -> Int {
        guard let index = segment(before: offset, strictly: isEnd) else { return offset }
        if offset < normalizedEnds[index] { return isEnd ? originalEnds[index] : originalStarts[index] }
        return originalEnds[index] + (offset - normalizedEnds[index])
    }
}

enum NFCNormalizer {
    /// The NFC form of valid UTF-8 `bytes`, with a map back, or nil when the text is already NFC.
    static func normalize(_ bytes: [UInt8]) -> (bytes: [UInt8], map: OffsetMap)? {
        // Quick check: text without combining marks is left as it is (NFC's other changes, singletons such as
        // U+212B ANGSTROM SIGN, do not occur in drafts).
        guard hasCombiningMark(bytes) else { return nil }

        // Segments: a scalar with combining class 0 and the combining marks that follow it.
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var normalizedStarts: [Int] = []
        var normalizedEnds: [Int] = []
        var originalStarts: [Int] = []
        var originalEnds: [Int] = []
        var index = 0
        // Bytes before `copied` are in `output`; unchanged runs are copied in one piece when a segment changes.
        var copied = 0
        let count = bytes.count
        let combining = combiningTable
        // NFC of an ASCII letter and one mark of U+0300–U+036F (most of a Dutch or French draft in NFD), by pair,
        // worked out the first time a pair is seen: 0 not yet, 1 not one scalar (a mark such as U+0344 that
        // decomposes into two), 2 unchanged, else the composed scalar + 3.
        var pairs: [UInt32] = []
        while index < count {
            // Nine ASCII bytes in a row: the first eight neither are marks nor come before one.
            if index + 9 <= count
                && bytes.withUnsafeBytes({
                    Self.isASCII(word: $0.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                })
                && bytes[index + 8] < 0x80
            {
                index += 8
                continue
            }
            let byte = bytes[index]
            // Combining marks start at U+0300, so an ASCII byte neither is one nor is followed by one that
            // composes with it unless the next byte is non-ASCII.
            if byte < 0x80 && (index + 1 == count || bytes[index + 1] < 0x80) {
                index += 1
                continue
            }
            let length = scalarLength(byte)
            var end = index + length
            while end < count, bytes[end] >= 0x80, let scalar = decodeScalar(bytes, end, count),
                isCombining(scalar, combining)
            {
                end += scalarLength(bytes[end])
            }
            if end - index != length {
                // Only a base with combining marks can compose.
                output.append(contentsOf: bytes[copied..<index])
                let normalized: [UInt8]
                if length == 1 && end - index == 3
                    && (bytes[index + 1] == 0xCC || (bytes[index + 1] == 0xCD && bytes[index + 2] < 0xB0))
                {
                    // ASCII base, one mark of U+0300–U+036F, and a starter after it: nothing else takes part.
                    if pairs.isEmpty { pairs = [UInt32](repeating: 0, count: 128 * 112) }
                    let mark = (UInt32(bytes[index + 1] & 0x1F) << 6 | UInt32(bytes[index + 2] & 0x3F)) - 0x300
                    let key = Int(byte) * 112 + Int(mark)
                    if pairs[key] == 0 {
                        let composed = Self.composed(bytes[index..<end])
                        pairs[key] =
                            composed.utf8.elementsEqual(bytes[index..<end])
                            ? 2
                            : composed.unicodeScalars.count == 1 ? composed.unicodeScalars.first!.value + 3 : 1
                    }
                    switch pairs[key] {
                    case 1: normalized = Array(Self.composed(bytes[index..<end]).utf8)
                    case 2: normalized = Array(bytes[index..<end])
                    default: normalized = Array(String(Unicode.Scalar(pairs[key] - 3)!).utf8)
                    }
                } else {
                    normalized = Array(Self.composed(bytes[index..<end]).utf8)
                }
                normalizedStarts.append(output.count)
                originalStarts.append(index)
                output += normalized
                normalizedEnds.append(output.count)
                originalEnds.append(end)
                copied = end
            }
            index = end
        }
        output.append(contentsOf: bytes[copied..<count])
        if output == bytes { return nil }
        return (
            output,
            OffsetMap(
                normalizedStarts: normalizedStarts, normalizedEnds: normalizedEnds,
                originalStarts: originalStarts, originalEnds: originalEnds)
        )
    }

    private static func composed(_ segment: ArraySlice<UInt8>) -> String {
        String(decoding: segment, as: UTF8.self).precomposedStringWithCanonicalMapping
    }

    /// Non-zero canonical combining classes of U+0300–U+07FF (there are none below), read once from Unicode's data.
    private static let combiningTable: [Bool] = (0x300..<0x800).map {
        Unicode.Scalar($0)!.properties.canonicalCombiningClass != .notReordered
    }

    /// Whether `scalar` has a non-zero canonical combining class.
    @inline(__always)
    private static func isCombining(_ scalar: Unicode.Scalar, _ table: [Bool]) -> Bool {
        let value = scalar.value
        if value < 0x300 { return false }
        if value < 0x800 { return table[Int(value) - 0x300] }
        return scalar.properties.canonicalCombiningClass != .notReordered
    }

    /// Whether any scalar has a non-zero canonical combining class (only non-ASCII bytes are decoded).
    static func hasCombiningMark(_ bytes: [UInt8]) -> Bool {
        let combining = combiningTable
        return bytes.withUnsafeBufferPointer { buffer in
            let raw = UnsafeRawBufferPointer(buffer)
            var index = 0
            while index < buffer.count {
                if index + 8 <= buffer.count && isASCII(word: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                {
                    index += 8
                    continue
                }
                let byte = buffer[index]
                // Below U+0300 (lead bytes under 0xCC: ASCII, accented Latin letters) there are no marks.
                if byte < 0xCC {
                    index += byte < 0x80 ? 1 : 2
                    continue
                }
                if let scalar = decodeScalar(buffer, index, buffer.count), isCombining(scalar, combining) {
                    return true
                }
                index += scalarLength(byte)
            }
            return false
        }
    }

    @inline(__always)
    private static func isASCII(word: UInt64) -> Bool { word & 0x8080_8080_8080_8080 == 0 }
}
