import Foundation

/// Drafts pasted from some systems arrive in NFD (`e` + U+0301) while rules are written in NFC (`é`). Matching runs on
/// an NFC copy of the text; `OffsetMap` takes every offset found there back to the original bytes, so positions and
/// matched text always refer to the file as it is.
public struct OffsetMap: Sendable {
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
            if strictly ? normalizedStarts[mid] < offset : normalizedStarts[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : low - 1
    }

    /// Original byte range for a normalized one: widened to whole segments where it falls inside one.
    public func original(_ range: Range<Int>) -> Range<Int> {
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
        while index < count {
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
                scalar.properties.canonicalCombiningClass != .notReordered
            {
                end += scalarLength(bytes[end])
            }
            if end - index != length {
                // Only a base with combining marks can compose.
                output.append(contentsOf: bytes[copied..<index])
                let normalized = Array(String(decoding: bytes[index..<end], as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
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
        return (output, OffsetMap(normalizedStarts: normalizedStarts, normalizedEnds: normalizedEnds,
                                  originalStarts: originalStarts, originalEnds: originalEnds))
    }

    /// Whether any scalar has a non-zero canonical combining class (only non-ASCII bytes are decoded).
    static func hasCombiningMark(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            if let scalar = decodeScalar(bytes, index, bytes.count), scalar.properties.canonicalCombiningClass != .notReordered {
                return true
            }
            index += scalarLength(byte)
        }
        return false
    }
}
