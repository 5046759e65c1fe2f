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
        let atBoundary = range.upperBound == segmentStart.count - 1
            || segmentStart[range.upperBound] != segmentStart[range.upperBound - 1]
        let upper = range.isEmpty ? lower : atBoundary ? Int(segmentStart[range.upperBound]) : Int(segmentEnd[range.upperBound - 1])
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
        while index < bytes.count {
            var end = index + scalarLength(bytes[index])
            while end < bytes.count, let scalar = decodeScalar(bytes, end, bytes.count),
                scalar.properties.canonicalCombiningClass != .notReordered
            {
                end += scalarLength(bytes[end])
            }
            let segment = bytes[index..<end]
            // Only a base with combining marks can compose.
            let single = end - index == scalarLength(bytes[index])
            let normalized: [UInt8] = single
                ? Array(segment)
                : Array(String(decoding: segment, as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
            output += normalized
            for _ in normalized {
                starts.append(Int32(index))
                ends.append(Int32(end))
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
