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

/// An open document: its unsaved bytes and version, and conversions between LSP positions and byte offsets.
/// Lines end at LF, CRLF or a lone CR, as in LSP and in postcheck's own positions.
struct TextDocument {
    let uri: String
    private(set) var bytes: [UInt8]
    private(set) var version: Int
    private var lineStarts: [Int]

    init(uri: String, text: String, version: Int) {
        self.uri = uri
        self.bytes = Array(text.utf8)
        self.version = version
        self.lineStarts = Self.lineStarts(of: bytes)
    }

    /// Applies `contentChanges` of a didChange: a change with a range replaces it, one without replaces the whole
    /// text. Positions past the end of a line or of the text are clamped, as the protocol asks.
    mutating func apply(_ changes: [[String: Any]], version: Int, encoding: PositionEncoding) {
        for change in changes {
            guard let text = change["text"] as? String else { continue }
            if let range = change["range"] as? [String: Any],
                let start = (range["start"] as? [String: Any]).flatMap({ offset(of: $0, encoding: encoding) }),
                let end = (range["end"] as? [String: Any]).flatMap({ offset(of: $0, encoding: encoding) })
            {
                bytes.replaceSubrange(min(start, end)..<max(start, end), with: Array(text.utf8))
            } else {
                bytes = Array(text.utf8)
            }
            lineStarts = Self.lineStarts(of: bytes)
        }
        self.version = version
    }

    /// The byte offset of an LSP position (`{line, character}`), clamped to its line; nil if it is not one.
    func offset(of position: [String: Any], encoding: PositionEncoding) -> Int? {
        guard let line = position["line"] as? Int, let character = position["character"] as? Int, line >= 0,
            character >= 0
        else { return nil }
        guard line < lineStarts.count else { return bytes.count }
        let start = lineStarts[line]
        let end = lineContentEnd(line)
        var index = start
        var units = 0
        while index < end && units < character {
            let length = scalarLength(bytes[index])
            switch encoding {
            case .utf8: units += length
            case .utf16: units += length == 4 ? 2 : 1
            case .utf32: units += 1
            }
            // A position inside a character (half a surrogate pair, a byte inside one) falls after it.
            index = min(end, index + length)
        }
        return index
    }

    /// The LSP position of a byte offset.
    func position(of offset: Int, encoding: PositionEncoding) -> [String: Int] {
        let offset = min(max(0, offset), bytes.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        var units = 0
        var index = lineStarts[low]
        while index < offset {
            let length = scalarLength(bytes[index])
            switch encoding {
            case .utf8: units += length
            case .utf16: units += length == 4 ? 2 : 1
            case .utf32: units += 1
            }
            index += length
        }
        return ["line": low, "character": units]
    }

    func range(_ range: Range<Int>, encoding: PositionEncoding) -> [String: Any] {
        [
            "start": position(of: range.lowerBound, encoding: encoding),
            "end": position(of: range.upperBound, encoding: encoding),
        ]
    }

    /// Where line `line`'s content ends (before its line break).
    private func lineContentEnd(_ line: Int) -> Int {
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] : bytes.count
        if end > lineStarts[line] && bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > lineStarts[line] && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return end
    }

    private func scalarLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0..<0x80: 1
        case 0xC0..<0xE0: 2
        case 0xE0..<0xF0: 3
        case 0xF0...: 4
        default: 1  // a continuation byte where a character should start: step over it alone
        }
    }

    private static func lineStarts(of bytes: [UInt8]) -> [Int] {
        var starts = [0]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\n") {
                starts.append(index)
            } else if byte == UInt8(ascii: "\r") {
                if index < bytes.count && bytes[index] == UInt8(ascii: "\n") { index += 1 }
                starts.append(index)
            }
        }
        return starts
    }
}
