import PostcheckCore

/// How LSP counts a position's `character`: UTF-16 code units (the protocol's default), UTF-8 bytes or code points
/// (UTF-32), as negotiated at `initialize`.
enum PositionEncoding: String {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case utf32 = "utf-32"

    /// The client's offer (`general.positionEncodings`), best first for postcheck: UTF-8 is what it keeps inside.
    static func negotiate(_ offered: [String]?) -> PositionEncoding {
        guard let offered else { return .utf16 }
        for preferred in [PositionEncoding.utf8, .utf32] where offered.contains(preferred.rawValue) { return preferred }
        return .utf16
    }
}

/// An open document: its unsaved text and version, and conversions between LSP positions and byte offsets. Lines
/// and columns come from the engine's own `SourceText` (lines end at LF, CRLF or a lone CR, as in LSP), so that the
/// editor sees the positions every other output reports.
struct TextDocument {
    let uri: String
    private(set) var text: SourceText
    private(set) var version: Int

    var bytes: [UInt8] { text.bytes }

    init(uri: String, text: String, version: Int) {
        self.uri = uri
        self.text = SourceText(text)
        self.version = version
    }

    /// Applies `contentChanges` of a didChange: a change with a range replaces it, one without replaces the whole
    /// text. Positions past the end of a line or of the text are clamped, as the protocol asks.
    mutating func apply(_ changes: [[String: Any]], version: Int, encoding: PositionEncoding) {
        for change in changes {
            guard let replacement = change["text"] as? String else { continue }
            if let range = change["range"] as? [String: Any],
                let start = (range["start"] as? [String: Any]).flatMap({ offset(of: $0, encoding: encoding) }),
                let end = (range["end"] as? [String: Any]).flatMap({ offset(of: $0, encoding: encoding) })
            {
                var bytes = text.bytes
                bytes.replaceSubrange(min(start, end)..<max(start, end), with: Array(replacement.utf8))
                text = SourceText(String(decoding: bytes, as: UTF8.self))
            } else {
                text = SourceText(replacement)
            }
        }
        self.version = version
    }

    /// The byte offset of an LSP position (`{line, character}`), clamped to its line; nil if it is not one.
    func offset(of position: [String: Any], encoding: PositionEncoding) -> Int? {
        guard let line = position["line"] as? Int, let character = position["character"] as? Int, line >= 0,
            character >= 0
        else { return nil }
        guard line < text.lineCount else { return text.bytes.count }
        let content = text.lineContentRange(line)
        var index = content.lowerBound
        var units = 0
        while index < content.upperBound && units < character {
            let length = Self.scalarLength(text.bytes[index])
            switch encoding {
            case .utf8: units += length
            case .utf16: units += length == 4 ? 2 : 1
            case .utf32: units += 1
            }
            // A position inside a character (half a surrogate pair, a byte inside one) falls after it.
            index = min(content.upperBound, index + length)
        }
        return index
    }

    /// The LSP position of a byte offset.
    func position(of offset: Int, encoding: PositionEncoding) -> [String: Int] {
        let offset = min(max(0, offset), text.bytes.count)
        let location = text.location(of: offset)
        let line = location.line - 1
        switch encoding {
        case .utf8: return ["line": line, "character": offset - text.lineStarts[line]]
        case .utf16: return ["line": line, "character": location.utf16Column - 1]
        case .utf32: return ["line": line, "character": location.column - 1]
        }
    }

    func range(_ range: Range<Int>, encoding: PositionEncoding) -> [String: Any] {
        [
            "start": position(of: range.lowerBound, encoding: encoding),
            "end": position(of: range.upperBound, encoding: encoding),
        ]
    }

    private static func scalarLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0..<0x80: 1
        case 0xC0..<0xE0: 2
        case 0xE0..<0xF0: 3
        case 0xF0...: 4
        default: 1  // a continuation byte where a character should start: step over it alone
        }
    }
}
