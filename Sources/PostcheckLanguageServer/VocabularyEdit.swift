import Foundation
import PostcheckCore

/// The text edit that adds a term to a `.postcheck.yml`'s `vocab: accept:` list, made on its text so that the
/// file keeps its comments and layout: into a flow list (`accept: [Acme]`), after the last item of a block list,
/// as a new `accept:` under `vocab:`, or as a new `vocab:` at the end. Accepted terms are patterns, so the term is
/// escaped; it is written in single quotes.
enum VocabularyEdit {
    /// The byte range of `text` to replace and its replacement, or nil when the file's layout is not one of these.
    static func accepting(_ term: String, in text: String) -> (range: Range<Int>, newText: String)? {
        let quoted = "'" + RegexPattern.escape(term).replacingOccurrences(of: "'", with: "''") + "'"
        let bytes = Array(text.utf8)
        var lines: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append(start..<index)
            start = index + 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        func line(_ index: Int) -> String { String(decoding: bytes[lines[index]], as: UTF8.self) }
        guard let vocab = lines.indices.first(where: { line($0).hasPrefix("vocab:") }) else {
            let separator = bytes.last.map { $0 == UInt8(ascii: "\n") ? "" : "\n" } ?? ""
            return (bytes.count..<bytes.count, separator + "vocab:\n  accept: [\(quoted)]\n")
        }
        let vocabLine = line(vocab)
        if vocabLine.contains("{") {
            // vocab: {accept: [a, b], reject: [c]}
            guard let accept = vocabLine.range(of: "accept:") else {
                let brace = vocabLine.utf8.firstIndex(of: UInt8(ascii: "{"))!
                let offset =
                    lines[vocab].lowerBound + vocabLine.utf8.distance(from: vocabLine.utf8.startIndex, to: brace) + 1
                return (offset..<offset, "accept: [\(quoted)], ")
            }
            return insertIntoFlowList(
                after: accept.upperBound, in: vocabLine, lineStart: lines[vocab].lowerBound, quoted)
        }
        var index = vocab + 1
        while index < lines.count,
            line(index).hasPrefix(" ") || line(index).trimmingCharacters(in: .whitespaces).isEmpty
        {
            let current = line(index)
            let trimmed = current.drop { $0 == " " }
            if trimmed.hasPrefix("accept:") {
                let rest = trimmed.dropFirst("accept:".count).trimmingCharacters(in: .whitespaces)
                if rest.hasPrefix("[") {
                    return insertIntoFlowList(
                        after: current.range(of: "accept:")!.upperBound, in: current,
                        lineStart: lines[index].lowerBound,
                        quoted)
                }
                // A block list: after its last item, at the items' indentation.
                var last = index
                var indent = String(repeating: " ", count: current.count - trimmed.count + 2)
                var next = index + 1
                while next < lines.count, line(next).drop(while: { $0 == " " }).hasPrefix("- ") {
                    last = next
                    indent = String(line(next).prefix { $0 == " " })
                    next += 1
                }
                let offset = last + 1 < lines.count ? lines[last + 1].lowerBound : bytes.count
                let separator = offset == bytes.count && bytes.last != UInt8(ascii: "\n") ? "\n" : ""
                return (offset..<offset, separator + indent + "- " + quoted + "\n")
            }
            index += 1
        }
        let offset = vocab + 1 < lines.count ? lines[vocab + 1].lowerBound : bytes.count
        let separator = offset == bytes.count && bytes.last != UInt8(ascii: "\n") ? "\n" : ""
        return (offset..<offset, separator + "  accept: [\(quoted)]\n")
    }

    /// Inserts into the `[…]` that follows `position` on `line` (a line starting at byte `lineStart`).
    private static func insertIntoFlowList(
        after position: String.Index, in line: String, lineStart: Int, _ quoted: String
    ) -> (range: Range<Int>, newText: String)? {
        guard let open = line[position...].firstIndex(of: "["), let close = line[open...].firstIndex(of: "]") else {
            return nil
        }
        let empty = line[line.index(after: open)..<close].trimmingCharacters(in: .whitespaces).isEmpty
        let offset = lineStart + line.utf8.distance(from: line.utf8.startIndex, to: close)
        return (offset..<offset, empty ? quoted : ", " + quoted)
    }
}
