/// A weighted lexicon file: one `term<TAB>weight` per line (further columns, as in VADER's file, are ignored);
/// blank lines and lines starting with `#` are skipped. Terms are matched in lower case.
public enum LexiconFile {
    public static func parse(_ text: String, path: String) throws(RuleFileError) -> [String: Double] {
        var entries: [String: Double] = [:]
        var lineNumber = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let trimmed = line
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let columns = trimmed.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 2, !columns[0].isEmpty, let weight = Double(columns[1].trimmingCharacters(in: [" "])) else {
                throw RuleFileError(path: path, line: lineNumber, column: 1,
                                    message: "expected 'term<TAB>weight', found '\(trimmed.prefix(60))'")
            }
            entries[String(columns[0]).lowercased()] = weight
        }
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
