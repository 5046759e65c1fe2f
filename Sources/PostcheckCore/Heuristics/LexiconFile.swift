/// A weighted lexicon file: one `term<TAB>weight` per line (further columns, as in VADER's file, are ignored);
/// blank lines and lines starting with `#` are skipped. Terms are matched in lower case.
public enum LexiconFile {
    public static func parse(_ text: String, path: String) throws(RuleFileError) -> [String: Double] {
        var entries: [String: Double] = [:]
        entries.reserveCapacity(text.utf8.count / 12)
        try forEachEntry(text) { bytes, line, number throws(RuleFileError) in
            guard let tab = bytes[line].firstIndex(of: 0x09), tab > line.lowerBound else {
                let shown = String(
                    decoding: bytes[line.lowerBound..<min(line.upperBound, line.lowerBound + 60)], as: UTF8.self)
                throw RuleFileError(
                    path: path, line: number, column: 1, message: "expected 'term<TAB>weight', found '\(shown)'")
            }
            var weightEnd = tab + 1
            while weightEnd < line.upperBound && bytes[weightEnd] != 0x09 { weightEnd += 1 }
            var weightStart = tab + 1
            while weightStart < weightEnd && bytes[weightStart] == 0x20 { weightStart += 1 }
            while weightEnd > weightStart && bytes[weightEnd - 1] == 0x20 { weightEnd -= 1 }
            let weightText = String(decoding: bytes[weightStart..<weightEnd], as: UTF8.self)
            guard let weight = Double(weightText) else {
                throw RuleFileError(
                    path: path, line: number, column: tab - line.lowerBound + 2,
                    message: "expected 'term<TAB>weight', found a weight of '\(weightText)'")
            }
            // Most terms are lower-case ASCII already: only others go through Unicode lower-casing.
            let term = bytes[line.lowerBound..<tab]
            let plain = !term.contains { $0 >= 0x80 || ($0 >= 0x41 && $0 <= 0x5A) }
            let key = String(decoding: term, as: UTF8.self)
            entries[plain ? key : key.lowercased()] = weight
        }
        return entries
    }

    /// An emoji file: `emoji<TAB>description` (VADER's `emoji_utf8_lexicon.txt`) or `emoji<TAB>weight`.
    public static func parseEmoji(
        _ text: String, path: String
    ) throws(RuleFileError)
        -> (descriptions: [Unicode.Scalar: String], valences: [Unicode.Scalar: Double])
    {
        var descriptions: [Unicode.Scalar: String] = [:]
        var valences: [Unicode.Scalar: Double] = [:]
        try forEachEntry(text) { bytes, line, number throws(RuleFileError) in
            guard let tab = bytes[line].firstIndex(of: 0x09), tab > line.lowerBound else {
                throw RuleFileError(
                    path: path, line: number, column: 1, message: "expected 'emoji<TAB>description or weight'")
            }
            // As in VADER, only single-code-point emoji are looked up.
            let emoji = Array(bytes[line.lowerBound..<tab])
            guard scalarLength(emoji[0]) == emoji.count, let first = decodeScalar(emoji, 0, emoji.count) else { return }
            var valueEnd = tab + 1
            while valueEnd < line.upperBound && bytes[valueEnd] != 0x09 { valueEnd += 1 }
            let value = String(decoding: bytes[(tab + 1)..<valueEnd], as: UTF8.self)
            if let weight = Double(value) { valences[first] = weight } else { descriptions[first] = value }
        }
        return (descriptions, valences)
    }

    /// Calls `body` with each line that is neither blank nor a `#` comment, on the UTF-8 bytes (lexicons have
    /// thousands of lines and are read at every start). Lines end at LF, CRLF or a lone CR; numbers are 1-based.
    private static func forEachEntry(
        _ text: String,
        _ body: (UnsafeBufferPointer<UInt8>, Range<Int>, Int) throws(RuleFileError) -> Void
    ) throws(RuleFileError) {
        var contiguous = text
        contiguous.makeContiguousUTF8()
        let failure: RuleFileError? =
            contiguous.utf8.withContiguousStorageIfAvailable { bytes -> RuleFileError? in
                var start = 0
                var number = 0
                while start < bytes.count {
                    var end = start
                    while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
                    number += 1
                    let next = end + (end + 1 < bytes.count && bytes[end] == 0x0D && bytes[end + 1] == 0x0A ? 2 : 1)
                    defer { start = next }
                    if end == start || bytes[start] == UInt8(ascii: "#") { continue }
                    do throws(RuleFileError) { try body(bytes, start..<end, number) } catch { return error }
                }
                return nil
            } ?? nil
        if let failure { throw failure }
    }
}
