import Foundation

/// Drafts pasted from some systems arrive in NFD (`e` + U+0301) while rules are written in NFC (`é`). Matching runs on
/// an NFC copy of the text; `OffsetMap` takes every offset found there back to the original bytes, so positions and
/// matched text always refer to the file as it is.
public struct OffsetMap: Sendable {
    /// For each byte offset of the normalized text (and its end), the original offset of the start of the segment
    /// it lies in, and the original offset of that segment's end.
    let segmentStart: [Int32]
    let segmentEnd: [Int32]

    /// Original byte range for a normalized one: widened to whole segments where it falls inside one.
    public func original(_ range: Range<Int>) -> Range<Int> {
        let lower = Int(segmentStart[range.lowerBound])
        // An empty range (a finding about a place, not a span) stays empty; at offset 0 there is no byte before.
        if range.isEmpty { return lower..<lower }
        let atBoundary = range.upperBound == segmentStart.count - 1
            || segmentStart[range.upperBound] != segmentStart[range.upperBound - 1]
        let upper = atBoundary ? Int(segmentStart[range.upperBound]) : Int(segmentEnd[range.upperBound - 1])
        return lower..<max(lower, upper)
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
        var starts: [Int32] = []
        var ends: [Int32] = []
        starts.reserveCapacity(bytes.count + 1)
        ends.reserveCapacity(bytes.count + 1)
        var index = 0
        let count = bytes.count
        while index < count {
            let length = scalarLength(bytes[index])
            var end = index + length
            // Combining marks start at U+0300, so an ASCII byte never continues a segment.
            while end < count, bytes[end] >= 0x80, let scalar = decodeScalar(bytes, end, count),
                scalar.properties.canonicalCombiningClass != .notReordered
            {
                end += scalarLength(bytes[end])
            }
            if end - index == length {
                // Only a base with combining marks can compose: copy the rest as it is.
                for offset in index..<end {
                    output.append(bytes[offset])
                    starts.append(Int32(index))
                    ends.append(Int32(end))
                }
            } else {
                let normalized = Array(String(decoding: bytes[index..<end], as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
                output += normalized
                for _ in normalized {
                    starts.append(Int32(index))
                    ends.append(Int32(end))
                }
            }
            index = end
        }
        starts.append(Int32(bytes.count))
        ends.append(Int32(bytes.count))
        if output == bytes { return nil }
        return (output, OffsetMap(segmentStart: starts, segmentEnd: ends))
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
