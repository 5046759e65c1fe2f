/// What a leaf block of prose is; with its containers it determines which rule scopes see it.
package enum BlockKind: Sendable, Hashable {
    case heading(level: Int)
    case paragraph
    case tableHeader
    case tableCell
}

/// A leaf block of prose: a heading, a paragraph (also inside a list item or blockquote), or a table cell.
/// `range` is a byte range into the draft; the text to match is the draft's masked bytes over that range.
package struct TextBlock: Sendable, Hashable {
    package let kind: BlockKind
    package let range: Range<Int>
    package let inList: Bool
    package let inBlockquote: Bool

    package init(kind: BlockKind, range: Range<Int>, inList: Bool = false, inBlockquote: Bool = false) {
        self.kind = kind
        self.range = range
        self.inList = inList
        self.inBlockquote = inBlockquote
    }

    /// The scope parts this block carries (Vale's selector semantics: a selector matches when all its parts are here).
    package var scopeParts: Set<String> {
        var parts: Set<String> = ["text"]
        switch kind {
        case .heading(let level): parts.formUnion(["heading", "h\(level)"])
        case .paragraph: parts.insert("paragraph")
        case .tableHeader: parts.formUnion(["table", "header"])
        case .tableCell: parts.formUnion(["table", "cell"])
        }
        if inList { parts.insert("list") }
        if inBlockquote { parts.insert("blockquote") }
        return parts
    }
}
