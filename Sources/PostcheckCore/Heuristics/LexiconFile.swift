/// A weighted lexicon file: one `term<TAB>weight` per line (further columns, as in VADER's file, are ignored);
/// blank lines and lines starting with `#` are skipped. Terms are matched in lower case.
public enum LexiconFile {
    public static func parse(_ text: String, path: String) throws(RuleFileError) -> [String: Double] {
        // Read on the UTF-8 bytes: lexicons have thousands of lines and are loaded at every start.
        var entries: [String: Double] = [:]
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
                let weightText = String(decoding: bytes[(tab + 1)..<weightEnd], as: UTF8.self).trimmingCharacters(in: [" "])
                guard let weight = Double(weightText) else {
                    return RuleFileError(path: path, line: lineNumber, column: tab - start + 2,
                                         message: "expected 'term<TAB>weight', found a weight of '\(weightText)'")
                }
                entries[String(decoding: bytes[start..<tab], as: UTF8.self).lowercased()] = weight
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
        var lineNumber = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let trimmed = line
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let columns = trimmed.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 2, let first = columns[0].unicodeScalars.first else {
                throw RuleFileError(path: path, line: lineNumber, column: 1, message: "expected 'emoji<TAB>description or weight'")
            }
            // As in VADER, only single-code-point emoji are looked up.
            guard columns[0].unicodeScalars.count == 1 else { continue }
            if let weight = Double(columns[1]) { valences[first] = weight } else { descriptions[first] = String(columns[1]) }
        }
        return (descriptions, valences)
    }
}
