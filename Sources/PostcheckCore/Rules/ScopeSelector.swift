/// A rule's `scope`: which parts of a draft it reads. Follows Vale: a list of alternatives, each a dotted set of parts
/// that must all be present (`heading.h1`), `&` to require several, `~` to exclude. `raw` is the file as it is,
/// `summary` the whole body as one block; all others select prose blocks (or, with `sentence`, their sentences).
public struct ScopeSelector: Sendable, Hashable {
    public struct Alternative: Sendable, Hashable {
        public var required: Set<String>
        public var excluded: Set<String>
    }

    public let alternatives: [Alternative]
    public let source: [String]
    /// The source's hash, worked out once: each draft looks up its subjects per rule by scope, and hashing the
    /// alternatives' sets every time cost a tenth of checking a short post.
    private let fingerprint: Int

    // Equal sources parse to equal alternatives.
    public static func == (lhs: ScopeSelector, rhs: ScopeSelector) -> Bool {
        lhs.fingerprint == rhs.fingerprint && lhs.source == rhs.source
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(fingerprint) }

    public static let text = try! ScopeSelector(["text"])

    public struct ParseError: Error { public let message: String }

    /// Scope names postcheck knows; an unknown one would silently never match, so it is refused.
    public static let knownParts: Set<String> = [
        "text", "heading", "h1", "h2", "h3", "h4", "h5", "h6", "paragraph", "sentence", "list", "blockquote", "table",
        "header", "cell", "raw", "summary", "md", "markdown", "txt",
    ]

    public init(_ scopes: [String]) throws(ParseError) {
        var alternatives: [Alternative] = []
        for scope in scopes {
            var required: Set<String> = []
            var excluded: Set<String> = []
            for term in scope.split(separator: "&") {
                var part = term.trimmingCharacters(in: [" "])
                let negated = part.hasPrefix("~")
                if negated { part.removeFirst() }
                for piece in part.split(separator: ".").map(String.init) {
                    guard Self.knownParts.contains(piece) else {
                        throw ParseError(
                            message:
                                "unknown scope '\(scope)' (known: \(Self.knownParts.sorted().joined(separator: ", ")))")
                    }
                    if negated { excluded.insert(piece) } else { required.insert(piece) }
                }
            }
            if required.isEmpty { required.insert("text") }
            alternatives.append(Alternative(required: required, excluded: excluded))
        }
        if alternatives.isEmpty { alternatives.append(Alternative(required: ["text"], excluded: [])) }
        self.alternatives = alternatives
        self.source = scopes
        self.fingerprint = scopes.hashValue
    }

    /// Whether the rule reads the unmasked file.
    public var includesRaw: Bool { alternatives.contains { $0.required.contains("raw") } }
    public var includesSummary: Bool { alternatives.contains { $0.required.contains("summary") } }
    public var includesSentences: Bool { alternatives.contains { $0.required.contains("sentence") } }

    /// Whether a prose block (or, with `sentence: true`, one of its sentences) is selected.
    public func matches(_ parts: Set<String>, sentence: Bool) -> Bool {
        alternatives.contains { alternative in
            let required = alternative.required.subtracting(["md", "markdown", "txt"])
            if required.contains("raw") || required.contains("summary") { return false }
            if required.contains("sentence") != sentence { return false }
            let needed = required.subtracting(["sentence"])
            let effective = sentence ? parts.union(["text"]) : parts
            return needed.isSubset(of: effective) && alternative.excluded.isDisjoint(with: parts)
        }
    }
}

extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var result = Substring(self)
        while let first = result.first, set.contains(first) { result.removeFirst() }
        while let last = result.last, set.contains(last) { result.removeLast() }
        return String(result)
    }
}

extension Substring {
    func trimmingCharacters(in set: Set<Character>) -> String { String(self).trimmingCharacters(in: set) }
}

extension String {
    /// Without leading and trailing spaces, tabs, line feeds and carriage returns, a CRLF included (as one
    /// `Character` it is neither "\r" nor "\n"). Works on bytes and returns the string itself when nothing is
    /// trimmed: matched text is trimmed once per finding.
    func trimmingSpacesAndBreaks() -> String {
        let utf8 = self.utf8
        func isSpaceOrBreak(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = utf8.first, let last = utf8.last, isSpaceOrBreak(first) || isSpaceOrBreak(last) else {
            return self
        }
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, isSpaceOrBreak(utf8[start]) { start = utf8.index(after: start) }
        while end > start, isSpaceOrBreak(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }

    /// Each run of spaces, tabs and line breaks as one space (a line break alone too), as Vale's messages quote a
    /// match whose text it took from rendered markup.
    func collapsingWhiteSpaceRuns() -> String {
        func isSpaceOrBreak(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        let utf8 = Array(self.utf8)
        var needed = false
        for index in utf8.indices where isSpaceOrBreak(utf8[index]) {
            if utf8[index] != 0x20 || (index + 1 < utf8.count && isSpaceOrBreak(utf8[index + 1])) {
                needed = true
                break
            }
        }
        guard needed else { return self }
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count)
        for byte in utf8 {
            if isSpaceOrBreak(byte) {
                if output.last != 0x20 { output.append(0x20) }
            } else {
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
