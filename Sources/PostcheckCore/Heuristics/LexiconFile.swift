/// A weighted lexicon file: one `term<TAB>weight` per line (further columns, as in VADER's file, are ignored);
/// blank lines and lines starting with `#` are skipped. Terms are matched in lower case.
public enum LexiconFile {
    public static func parse(_ text: String, path: String) throws(RuleFileError) -> [String: Double] {
        // Read on the UTF-8 bytes: lexicons have thousands of lines and are loaded at every start.
        var entries: [String: Double] = [:]
        entries.reserveCapacity(text.utf8.count / 12)
        var lineNumber = 0
        var contiguous = text
        contiguous.makeContiguousUTF8()
        let failure: RuleFileError? = contiguous.utf8.withContiguousStorageIfAvailable { bytes -> RuleFileError? in
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                lineNumber += 1
                var lineEnd = end
                if lineEnd > start && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                defer { start = end + 1 }
                if lineEnd == start || bytes[start] == UInt8(ascii: "#") { continue }
                guard let tab = bytes[start..<lineEnd].firstIndex(of: 0x09), tab > start else {
                    return RuleFileError(path: path, line: lineNumber, column: 1,
                                         message: "expected 'term<TAB>weight', found '\(String(decoding: bytes[start..<min(lineEnd, start + 60)], as: UTF8.self))'")
                }
                var weightEnd = tab + 1
                while weightEnd < lineEnd && bytes[weightEnd] != 0x09 { weightEnd += 1 }
                var weightStart = tab + 1
                while weightStart < weightEnd && bytes[weightStart] == 0x20 { weightStart += 1 }
                while weightEnd > weightStart && bytes[weightEnd - 1] == 0x20 { weightEnd -= 1 }
                let weightText = String(decoding: bytes[weightStart..<weightEnd], as: UTF8.self)
                guard let weight = Double(weightText) else {
                    return RuleFileError(path: path, line: lineNumber, column: tab - start + 2,
                                         message: "expected 'term<TAB>weight', found a weight of '\(weightText)'")
                }
                // Most terms are lower-case ASCII already: only others go through Unicode lower-casing.
                let term = bytes[start..<tab]
                let plain = !term.contains { $0 >= 0x80 || ($0 >= 0x41 && $0 <= 0x5A) }
                let key = String(decoding: term, as: UTF8.self)
                entries[plain ? key : key.lowercased()] = weight
            }
            return nil
        } ?? nil
        if let failure { throw failure }
        return entries
    }

    /// An emoji file: `emoji<TAB>description` (VADER's `emoji_utf8_lexicon.txt`) or `emoji<TAB>weight`.
    public static func parseEmoji(_ text: String, path: String) throws(RuleFileError)
        -> (descriptions: [Unicode.Scalar: String], valences: [Unicode.Scalar: Double])
    {
        var descriptions: [Unicode.Scalar: String] = [:]
        var valences: [Unicode.Scalar: Double] = [:]
        // Line by line on the UTF-8 bytes, as `parse` does: VADER's emoji file has 3,500 lines.
        var lineNumber = 0
        var contiguous = text
        contiguous.makeContiguousUTF8()
        let failure: RuleFileError? = contiguous.utf8.withContiguousStorageIfAvailable { bytes -> RuleFileError? in
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
                lineNumber += 1
                defer { start = end + (end + 1 < bytes.count && bytes[end] == 0x0D && bytes[end + 1] == 0x0A ? 2 : 1) }
                if end == start || bytes[start] == UInt8(ascii: "#") { continue }
                guard let tab = bytes[start..<end].firstIndex(of: 0x09), tab > start else {
                    return RuleFileError(path: path, line: lineNumber, column: 1, message: "expected 'emoji<TAB>description or weight'")
                }
                // As in VADER, only single-code-point emoji are looked up.
                guard let first = decodeScalar(Array(bytes[start..<tab]), 0, tab - start), scalarLength(bytes[start]) == tab - start
                else { continue }
                var valueEnd = tab + 1
                while valueEnd < end && bytes[valueEnd] != 0x09 { valueEnd += 1 }
                let value = String(decoding: bytes[(tab + 1)..<valueEnd], as: UTF8.self)
                if let weight = Double(value) { valences[first] = weight } else { descriptions[first] = value }
            }
            return nil
        } ?? nil
        if let failure { throw failure }
        return (descriptions, valences)
    }
}
