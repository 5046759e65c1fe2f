/// How a draft's body is read.
public enum DraftFormat: String, Sendable, Codable {
    /// CommonMark/GFM: code, HTML comments, URLs and markup are not prose.
    case markdown
    /// Plain text: paragraphs separated by blank lines; only front matter and bare URLs are set aside.
    case plainText = "text"

    /// The format for a file name: `.txt` (and other non-Markdown extensions) are plain text, the rest Markdown.
    public static func forPath(_ path: String) -> DraftFormat {
        let lower = path.lowercased()
        for suffix in [".md", ".markdown", ".mdown", ".mkd", ".mdx"] where lower.hasSuffix(suffix) { return .markdown }
        let name = lower.split(separator: "/").last.map(String.init) ?? lower
        return name.dropFirst().contains(".") ? .plainText : .markdown
    }
}

/// A draft ready to be checked: its source, metadata, the prose blocks and a masked copy of the text in which
/// everything that is not prose (front matter, code, comments, URLs, markup) is blanked out. The masked copy has
/// exactly the same byte length, so every offset found in it is an offset in the original file.
public struct Draft: Sendable {
    public let path: String
    /// The text rules read: the file's text in NFC. Identical to `original` for most drafts.
    public let source: SourceText
    /// The file as it is: what positions and matched text in reports refer to.
    public let original: SourceText
    /// Maps offsets in `source` back to `original`; nil when the two are the same.
    let offsetMap: OffsetMap?
    public let format: DraftFormat
    public let frontMatter: FrontMatter?
    /// Same length as `source.bytes`; non-prose bytes replaced by ASCII (spaces, or `*` for inline code).
    public let masked: [UInt8]
    package let blocks: [TextBlock]
    /// Where the body (after front matter) starts.
    public let bodyStart: Int
    /// Code blocks and spans (in `source` offsets).
    let codeRanges: [Range<Int>]

    public init(path: String, bytes: [UInt8], format: DraftFormat) throws(DraftError) {
        let source: SourceText
        do { source = try SourceText(validating: bytes) } catch { throw .decoding(error) }
        try self.init(path: path, source: source, format: format)
    }

    public init(path: String, text: String, format: DraftFormat = .markdown) throws(DraftError) {
        try self.init(path: path, source: SourceText(text), format: format)
    }

    init(path: String, source original: SourceText, format: DraftFormat) throws(DraftError) {
        self.path = path
        self.original = original
        let source: SourceText
        if let normalized = NFCNormalizer.normalize(original.bytes) {
            source = SourceText(trustedUTF8: normalized.bytes)
            self.offsetMap = normalized.map
        } else {
            source = original
            self.offsetMap = nil
        }
        self.source = source
        self.format = format
        let frontMatter: FrontMatter?
        do { frontMatter = try FrontMatterParser.parse(source) } catch { throw .frontMatter(error) }
        self.frontMatter = frontMatter
        let bodyStart = frontMatter?.range.upperBound ?? 0
        self.bodyStart = bodyStart
        var scanner = BodyScanner(source: source, bodyStart: bodyStart, format: format)
        scanner.scan()
        self.masked = scanner.masked
        self.blocks = scanner.blocks
        self.codeRanges = scanner.codeRanges
    }

    /// The draft's language as its front matter states it (`lang` or `language`), if any.
    public var declaredLanguage: String? {
        (frontMatter?["lang"] ?? frontMatter?["language"])?.stringValue
    }

    public var bodyRange: Range<Int> { bodyStart..<source.bytes.count }

    /// The byte range in the original file of a range in `source`.
    public func originalRange(_ range: Range<Int>) -> Range<Int> {
        offsetMap?.original(range) ?? range
    }
}

/// Why a draft cannot be checked.
public enum DraftError: Error, Sendable, CustomStringConvertible {
    case decoding(TextDecodingError)
    case frontMatter(FrontMatterError)

    public var description: String {
        switch self {
        case .decoding(let error): error.description
        case .frontMatter(let error): error.description
        }
    }
}

extension Draft {
    /// Moves a finding from the NFC copy's offsets (where rules match) to the file's own (where people and editors
    /// look), with its cues, and plans its fix on the file's bytes. Most matches read the same in the file as in the
    /// NFC copy: their text is kept.
    func mapToOriginal(_ finding: inout Finding) {
        if offsetMap != nil {
            let normalized = finding.range
            finding.range = originalRange(normalized)
            let original = self.original.bytes[finding.range]
            let unchanged =
                original.elementsEqual(source.bytes[normalized]) && finding.match.utf8.elementsEqual(original)
            if !unchanged { finding.match = self.original.string(finding.range) }
            for cue in finding.cues.indices { finding.cues[cue].range = originalRange(finding.cues[cue].range) }
        }
        finding.fix = Fix.planned(for: finding, in: self.original)
    }
}
