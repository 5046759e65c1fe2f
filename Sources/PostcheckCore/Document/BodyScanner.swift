/// Splits a draft body into prose blocks and masks what is not prose, line by line (a pragmatic subset of
/// CommonMark + GFM: ATX and setext headings, fenced and indented code, block quotes, list items, tables, thematic
/// breaks, link reference definitions, HTML comments; inline code, links, images, autolinks, bare URLs, HTML tags).
struct BodyScanner {
    let source: SourceText
    let bodyStart: Int
    let format: DraftFormat
    private(set) var masked: [UInt8]
    private(set) var blocks: [TextBlock] = []
    /// Code blocks and code spans: an HTML comment inside them is code, not a suppression.
    private(set) var codeRanges: [Range<Int>] = []

    // Paragraph being built: start of its first content byte, end of the last content byte.
    private var paragraph: (start: Int, end: Int, inList: Bool, inQuote: Bool)? = nil
    private var fence: (marker: UInt8, length: Int)? = nil
    /// Content indent of the innermost open list item, if any.
    private var listIndent: Int? = nil
    private var previousBlank = true
    private var inTable = false

    init(source: SourceText, bodyStart: Int, format: DraftFormat) {
        self.source = source
        self.bodyStart = bodyStart
        self.format = format
        self.masked = source.bytes
    }

    mutating func scan() {
        blank(0..<bodyStart, keepNewlines: true)
        if format == .markdown { maskHTMLComments() }
        let firstLine = source.lineIndex(containing: bodyStart)
        let startLine = bodyStart >= source.bytes.count && bodyStart > 0 ? source.lineCount : firstLine
        for line in startLine..<source.lineCount where source.lineStarts[line] >= bodyStart {
            let range = source.lineContentRange(line)
            if format == .markdown {
                scanMarkdownLine(range, line: line)
            } else {
                scanTextLine(range)
            }
        }
        closeParagraph()
        for block in blocks {
            maskInline(block.range, markdown: format == .markdown)
        }
    }

    // MARK: Plain text

    private mutating func scanTextLine(_ range: Range<Int>) {
        let content = trimmed(range)
        if content.isEmpty {
            closeParagraph()
        } else {
            extendParagraph(content, inList: false, inQuote: false)
        }
    }

    // MARK: Markdown blocks

    private mutating func scanMarkdownLine(_ lineRange: Range<Int>, line: Int) {
        var start = lineRange.lowerBound
        let end = lineRange.upperBound
        // Block quote markers: `>` with up to three spaces before and one optional space after.
        var inQuote = false
        while true {
            let (indent, afterIndent) = indentation(start, end)
            guard indent <= 3, afterIndent < end, source.bytes[afterIndent] == UInt8(ascii: ">") else { break }
            var next = afterIndent + 1
            if next < end && source.bytes[next] == UInt8(ascii: " ") { next += 1 }
            blank(start..<next)
            start = next
            inQuote = true
        }
        let (indent, contentStart) = indentation(start, end)
        let isBlank = contentStart >= end
        if let skip = skipLineEnd, fence == nil, end <= skip {
            if end == skip { skipLineEnd = nil }
            return
        }

        if let open = fence {
            codeRanges.append(start..<end)
            blank(start..<end)
            if !isBlank && indent <= 3 + (listIndent ?? 0) {
                let run = runLength(of: open.marker, from: contentStart, end)
                if run >= open.length && trimmed(contentStart + run..<end).isEmpty { fence = nil }
            }
            return
        }
        if isBlank {
            closeParagraph()
            inTable = false
            previousBlank = true
            return
        }
        defer { previousBlank = false }

        // Indented code: only where it cannot be a paragraph continuation or a list item's content.
        if indent >= 4 + (listIndent ?? 0) && paragraph == nil && previousBlank {
            codeRanges.append(start..<end)
            blank(start..<end)
            return
        }
        if let listIndent, previousBlank, indent < listIndent, paragraph == nil {
            self.listIndent = nil
        }
        let byte = source.bytes[contentStart]
        // Fences.
        if indent <= 3 + (listIndent ?? 0) && (byte == UInt8(ascii: "`") || byte == UInt8(ascii: "~")) {
            let run = runLength(of: byte, from: contentStart, end)
            let rest = contentStart + run..<end
            if run >= 3 && !(byte == UInt8(ascii: "`") && source.bytes[rest].contains(UInt8(ascii: "`"))) {
                closeParagraph()
                fence = (byte, run)
                codeRanges.append(start..<end)
                blank(start..<end)
                return
            }
        }
        // ATX heading.
        if indent <= 3 && byte == UInt8(ascii: "#") {
            let level = runLength(of: byte, from: contentStart, end)
            let afterHashes = contentStart + level
            if level <= 6 && (afterHashes == end || isSpace(source.bytes[afterHashes])) {
                closeParagraph()
                blank(start..<afterHashes)
                var textEnd = trimmedEnd(afterHashes, end)
                // Optional closing sequence of #s preceded by a space.
                var hashStart = textEnd
                while hashStart > afterHashes && source.bytes[hashStart - 1] == UInt8(ascii: "#") { hashStart -= 1 }
                if hashStart < textEnd && (hashStart == afterHashes || isSpace(source.bytes[hashStart - 1])) {
                    blank(hashStart..<textEnd)
                    textEnd = trimmedEnd(afterHashes, hashStart)
                }
                let textStart = skipSpaces(afterHashes, textEnd)
                if textStart < textEnd {
                    blocks.append(
                        TextBlock(
                            kind: .heading(level: level), range: textStart..<textEnd,
                            inList: listIndent != nil, inBlockquote: inQuote))
                }
                return
            }
        }
        // Setext underline turns the open paragraph into a heading.
        if indent <= 3, let open = paragraph, !inTable,
            byte == UInt8(ascii: "=") || byte == UInt8(ascii: "-"),
            runLength(of: byte, from: contentStart, end) == trimmedEnd(contentStart, end) - contentStart
        {
            blank(start..<end)
            paragraph = nil
            blocks.append(
                TextBlock(
                    kind: .heading(level: byte == UInt8(ascii: "=") ? 1 : 2),
                    range: open.start..<open.end, inList: open.inList, inBlockquote: open.inQuote))
            return
        }
        // Thematic break.
        if indent <= 3 && isThematicBreak(contentStart, end) {
            closeParagraph()
            blank(start..<end)
            return
        }
        // Link reference definition.
        if indent <= 3 && paragraph == nil && isLinkReferenceDefinition(contentStart, end) {
            blank(start..<end)
            return
        }
        // List item.
        if indent <= 3 + (listIndent ?? 0), let markerEnd = listMarkerEnd(contentStart, end) {
            closeParagraph()
            inTable = false
            blank(start..<markerEnd)
            let textStart = skipSpaces(markerEnd, end)
            listIndent = min(textStart, markerEnd + 4) - start
            if textStart < end {
                extendParagraph(trimmed(textStart..<end), inList: true, inQuote: inQuote)
            }
            return
        }
        // Table: a header row followed by a delimiter row, then body rows up to a blank line or another block
        // (GFM: a row needs no pipe). Found by fuzzing: ending the table at a line without a pipe let later rows
        // land after a paragraph that was still open, out of order.
        if inTable {
            addTableRow(contentStart..<trimmedEnd(contentStart, end), header: false, inQuote: inQuote)
            return
        }
        if paragraph == nil, source.bytes[contentStart..<end].contains(UInt8(ascii: "|")),
            let next = nextLineRange(after: end), isTableDelimiterRow(next)
        {
            addTableRow(contentStart..<trimmedEnd(contentStart, end), header: true, inQuote: inQuote)
            blank(next)
            inTable = true
            skipLineEnd = next.upperBound
            return
        }
        extendParagraph(contentStart..<trimmedEnd(contentStart, end), inList: listIndent != nil, inQuote: inQuote)
    }

    /// The delimiter row of a table is consumed when its header is read.
    private var skipLineEnd: Int? = nil

    private mutating func extendParagraph(_ content: Range<Int>, inList: Bool, inQuote: Bool) {
        guard !content.isEmpty else { return }
        if var open = paragraph {
            open.end = content.upperBound
            paragraph = open
        } else {
            paragraph = (content.lowerBound, content.upperBound, inList, inQuote)
        }
    }

    private mutating func closeParagraph() {
        if let open = paragraph {
            blocks.append(
                TextBlock(
                    kind: .paragraph, range: open.start..<open.end, inList: open.inList,
                    inBlockquote: open.inQuote))
        }
        paragraph = nil
    }

    private mutating func addTableRow(_ row: Range<Int>, header: Bool, inQuote: Bool) {
        var cellStart = row.lowerBound
        var index = row.lowerBound
        var cells: [Range<Int>] = []
        while index <= row.upperBound {
            let atEnd = index == row.upperBound
            if atEnd
                || (source.bytes[index] == UInt8(ascii: "|")
                    && (index == row.lowerBound
                        || source.bytes[index - 1] != UInt8(ascii: "\\")))
            {
                cells.append(cellStart..<index)
                if !atEnd { blank(index..<index + 1) }
                cellStart = index + 1
            }
            index += 1
        }
        for cell in cells {
            let content = trimmed(cell)
            if !content.isEmpty {
                blocks.append(
                    TextBlock(
                        kind: header ? .tableHeader : .tableCell, range: content,
                        inList: listIndent != nil, inBlockquote: inQuote))
            }
        }
    }

    // MARK: Inline masking

    private mutating func maskInline(_ range: Range<Int>, markdown: Bool) {
        var index = range.lowerBound
        let end = range.upperBound
        let mayOpen = Self.mayOpenMasking
        while index < end {
            // Most bytes open nothing that is masked: a backslash escape, a code span, an autolink or tag, a link's
            // target, or a bare URL (`http`, `www`). They are skipped in one read-only pass up to the next byte
            // that may (a lookup per byte, without the checks of writing into the array).
            index = masked.withUnsafeBufferPointer { buffer in
                var next = index
                while next < end && !mayOpen[Int(buffer[next])] { next += 1 }
                return next
            }
            guard index < end else { break }
            let byte = masked[index]
            if markdown && byte == UInt8(ascii: "\\") && index + 1 < end && isASCIIPunctuation(masked[index + 1]) {
                index += 2
                continue
            }
            if markdown && byte == UInt8(ascii: "`") {
                let run = runLengthMasked(of: byte, from: index, end)
                if let close = findBacktickRun(length: run, from: index + run, end) {
                    fill(index..<close + run, with: UInt8(ascii: "*"))
                    codeRanges.append(index..<close + run)
                    index = close + run
                } else {
                    index += run
                }
                continue
            }
            if markdown && byte == UInt8(ascii: "<") {
                if let close = autolinkOrTagEnd(index, end) {
                    blank(index..<close)
                    index = close
                    continue
                }
            }
            if markdown && byte == UInt8(ascii: "]") && index + 1 < end
                && (masked[index + 1] == UInt8(ascii: "(") || masked[index + 1] == UInt8(ascii: "["))
            {
                let closer = masked[index + 1] == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "]")
                if let close = matchingBracket(from: index + 1, end, closer: closer) {
                    blank(index..<close + 1)
                    blankOpeningBracket(before: index, from: range.lowerBound)
                    index = close + 1
                    continue
                }
            }
            if let urlEnd = bareURLEnd(index, end, blockStart: range.lowerBound) {
                blank(index..<urlEnd)
                index = urlEnd
                continue
            }
            index += 1
        }
    }

    /// The bytes `maskInline` must look at: `\\`, `` ` ``, `<`, `]`, and the first letters of `http` and `www`.
    private static let mayOpenMasking: [Bool] = (0..<256).map { value in
        "\\`<]hHwW".utf8.contains(UInt8(value))
    }

    /// Blanks the `[` (and a `!` before it) that opens the link text ending at `closeBracket`.
    private mutating func blankOpeningBracket(before closeBracket: Int, from start: Int) {
        var depth = 0
        var index = closeBracket - 1
        while index >= start {
            let byte = masked[index]
            if byte == UInt8(ascii: "]") { depth += 1 }
            if byte == UInt8(ascii: "[") {
                if depth == 0 {
                    blank(index..<index + 1)
                    if index > start && masked[index - 1] == UInt8(ascii: "!") { blank(index - 1..<index) }
                    return
                }
                depth -= 1
            }
            index -= 1
        }
    }

    private func matchingBracket(from open: Int, _ end: Int, closer: UInt8) -> Int? {
        let opener = masked[open]
        var depth = 0
        var index = open
        while index < end {
            let byte = masked[index]
            if byte == opener { depth += 1 }
            if byte == closer {
                depth -= 1
                if depth == 0 { return index }
            }
            if closer == UInt8(ascii: "]") && byte == UInt8(ascii: "\n") { return nil }
            index += 1
        }
        return nil
    }

    private func findBacktickRun(length: Int, from start: Int, _ end: Int) -> Int? {
        var index = start
        while index < end {
            if masked[index] == UInt8(ascii: "`") {
                let run = runLengthMasked(of: UInt8(ascii: "`"), from: index, end)
                if run == length { return index }
                index += run
            } else {
                index += 1
            }
        }
        return nil
    }

    /// End of `<scheme:…>`, `<mail@host>`, or an inline HTML tag starting at `start`.
    private func autolinkOrTagEnd(_ start: Int, _ end: Int) -> Int? {
        var index = start + 1
        guard index < end else { return nil }
        let first = masked[index]
        let isTag = isASCIILetter(first) || first == UInt8(ascii: "/")
        guard isTag else { return nil }
        while index < end {
            let byte = masked[index]
            if byte == UInt8(ascii: ">") { return index + 1 }
            if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "\n") { return nil }
            index += 1
        }
        return nil
    }

    /// End of a bare URL (`http://`, `https://`, `www.`) starting at `start`, GFM-style: trailing punctuation and an
    /// unbalanced closing parenthesis are not part of it.
    private func bareURLEnd(_ start: Int, _ end: Int, blockStart: Int) -> Int? {
        let byte = masked[start]
        guard
            byte == UInt8(ascii: "h") || byte == UInt8(ascii: "w") || byte == UInt8(ascii: "H")
                || byte == UInt8(ascii: "W")
        else { return nil }
        if start > blockStart && (isASCIILetter(masked[start - 1]) || isDigit(masked[start - 1])) { return nil }
        guard
            hasPrefixIgnoringCase("https://", at: start, end) || hasPrefixIgnoringCase("http://", at: start, end)
                || hasPrefixIgnoringCase("www.", at: start, end)
        else { return nil }
        var index = start
        var parens = 0
        while index < end {
            let byte = masked[index]
            if byte <= 0x20 || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") { break }
            if byte == UInt8(ascii: "(") { parens += 1 }
            if byte == UInt8(ascii: ")") {
                if parens == 0 { break }
                parens -= 1
            }
            index += 1
        }
        while index > start && ".,:;!?\"'*_~".utf8.contains(masked[index - 1]) { index -= 1 }
        return index > start + 4 ? index : nil
    }

    private func hasPrefixIgnoringCase(_ prefix: StaticString, at start: Int, _ end: Int) -> Bool {
        var index = start
        for expected in UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount) {
            guard index < end else { return false }
            var byte = masked[index]
            if byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
            if byte != expected { return false }
            index += 1
        }
        return true
    }

    private mutating func maskHTMLComments() {
        for comment in Self.htmlComments(in: source.bytes, from: bodyStart, unclosedRunToEnd: true) {
            blank(comment, keepNewlines: true)
        }
    }

    /// HTML comments (`<!--` … `-->`) from `start` on, found by jumping from one `<` to the next. An unclosed
    /// comment runs to the end of the text when `unclosedRunToEnd`, else it is not a comment.
    static func htmlComments(in bytes: [UInt8], from start: Int, unclosedRunToEnd: Bool) -> [Range<Int>] {
        bytes.withUnsafeBufferPointer { buffer in
            var comments: [Range<Int>] = []
            var index = start
            let count = buffer.count
            while index + 4 <= count, let open = firstIndex(of: UInt8(ascii: "<"), in: buffer, index..<count) {
                guard open + 4 <= count else { break }
                guard
                    buffer[open + 1] == UInt8(ascii: "!") && buffer[open + 2] == UInt8(ascii: "-")
                        && buffer[open + 3] == UInt8(ascii: "-")
                else {
                    index = open + 1
                    continue
                }
                var search = open + 4
                var end: Int? = nil
                while search + 3 <= count, let dash = firstIndex(of: UInt8(ascii: "-"), in: buffer, search..<count) {
                    if dash + 3 <= count && buffer[dash + 1] == UInt8(ascii: "-")
                        && buffer[dash + 2] == UInt8(ascii: ">")
                    {
                        end = dash + 3
                        break
                    }
                    search = dash + 1
                }
                guard let commentEnd = end ?? (unclosedRunToEnd ? count : nil) else { break }
                comments.append(open..<commentEnd)
                index = commentEnd
            }
            return comments
        }
    }

    // MARK: Helpers

    private mutating func blank(_ range: Range<Int>, keepNewlines: Bool = true) {
        for index in range where !(keepNewlines && (masked[index] == 0x0A || masked[index] == 0x0D)) {
            masked[index] = 0x20
        }
    }

    private mutating func fill(_ range: Range<Int>, with byte: UInt8) {
        for index in range where masked[index] != 0x0A && masked[index] != 0x0D { masked[index] = byte }
    }

    private func indentation(_ start: Int, _ end: Int) -> (columns: Int, contentStart: Int) {
        var columns = 0
        var index = start
        while index < end {
            let byte = source.bytes[index]
            if byte == UInt8(ascii: " ") {
                columns += 1
            } else if byte == 0x09 {
                columns += 4 - columns % 4
            } else {
                break
            }
            index += 1
        }
        return (columns, index)
    }

    private func runLength(of byte: UInt8, from start: Int, _ end: Int) -> Int {
        var index = start
        while index < end && source.bytes[index] == byte { index += 1 }
        return index - start
    }

    private func runLengthMasked(of byte: UInt8, from start: Int, _ end: Int) -> Int {
        var index = start
        while index < end && masked[index] == byte { index += 1 }
        return index - start
    }

    private func skipSpaces(_ start: Int, _ end: Int) -> Int {
        var index = start
        while index < end && isSpace(source.bytes[index]) { index += 1 }
        return index
    }

    private func trimmedEnd(_ start: Int, _ end: Int) -> Int {
        var index = end
        while index > start && isSpace(source.bytes[index - 1]) { index -= 1 }
        return index
    }

    private func trimmed(_ range: Range<Int>) -> Range<Int> {
        let start = skipSpaces(range.lowerBound, range.upperBound)
        return start..<max(start, trimmedEnd(start, range.upperBound))
    }

    private func isThematicBreak(_ start: Int, _ end: Int) -> Bool {
        let first = source.bytes[start]
        guard first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "_") else {
            return false
        }
        var count = 0
        for byte in source.bytes[start..<end] {
            if byte == first { count += 1 } else if !isSpace(byte) { return false }
        }
        return count >= 3
    }

    private func isLinkReferenceDefinition(_ start: Int, _ end: Int) -> Bool {
        guard source.bytes[start] == UInt8(ascii: "[") else { return false }
        var index = start + 1
        while index < end && source.bytes[index] != UInt8(ascii: "]") { index += 1 }
        guard index + 1 < end, index > start + 1, source.bytes[index + 1] == UInt8(ascii: ":") else { return false }
        return skipSpaces(index + 2, end) < end
    }

    /// End of a list marker (`-`, `*`, `+`, `1.`, `1)`) followed by a space, tab or line end.
    private func listMarkerEnd(_ start: Int, _ end: Int) -> Int? {
        let byte = source.bytes[start]
        var markerEnd: Int
        if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+") {
            markerEnd = start + 1
        } else if isDigit(byte) {
            var index = start
            while index < end && index - start < 9 && isDigit(source.bytes[index]) { index += 1 }
            guard index < end, source.bytes[index] == UInt8(ascii: ".") || source.bytes[index] == UInt8(ascii: ")")
            else { return nil }
            markerEnd = index + 1
        } else {
            return nil
        }
        guard markerEnd == end || isSpace(source.bytes[markerEnd]) else { return nil }
        return markerEnd
    }

    private func nextLineRange(after end: Int) -> Range<Int>? {
        let line = source.lineIndex(containing: end)
        guard line + 1 < source.lineCount else { return nil }
        return source.lineContentRange(line + 1)
    }

    private func isTableDelimiterRow(_ range: Range<Int>) -> Bool {
        var sawDash = false
        var sawPipe = false
        for byte in source.bytes[range] {
            switch byte {
            case UInt8(ascii: "-"): sawDash = true
            case UInt8(ascii: "|"): sawPipe = true
            case UInt8(ascii: ":"), UInt8(ascii: " "), 0x09: continue
            default: return false
            }
        }
        return sawDash && sawPipe
    }
}

@inline(__always) func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
@inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
@inline(__always) func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
@inline(__always) func isASCIIPunctuation(_ byte: UInt8) -> Bool {
    (byte >= 0x21 && byte <= 0x2F) || (byte >= 0x3A && byte <= 0x40) || (byte >= 0x5B && byte <= 0x60)
        || (byte >= 0x7B && byte <= 0x7E)
}
