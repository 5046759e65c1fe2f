/// Word-list rules merged into one scan. Every pattern that knows the texts its matches start with
/// (`RegexPattern.startTexts`: term lists, swap keys) puts them into one case-folded trie; a draft is scanned once
/// for all of them, walking the trie from each place, and each place where a text starts is mapped back, through
/// the trie, to the patterns that own that text. A pattern is then tried (anchored) only at its own places: the
/// same matches as scanning the draft with it, found without a scan per rule. With hundreds of word-list rules
/// (the Vale packages, a company's term lists) this is most of the work.
struct LiteralPrefilter: Sendable {
    /// The places each pattern may match at; nil for a pattern that scans as usual (not in the scan, or dense).
    struct Candidates {
        /// The scan's patterns and their indexes (shared by every draft's candidates).
        fileprivate let indexes: [ObjectIdentifier: Int]
        /// Per pattern index: its places, or nil when it scans as usual.
        fileprivate var positions: [[Int]?]

        func positions(for pattern: RegexPattern) -> [Int]? {
            indexes[ObjectIdentifier(pattern)].flatMap { positions[$0] }
        }
    }

    /// The patterns in the scan, by identity, and their indexes (the owners in the tries).
    private let indexes: [ObjectIdentifier: Int]
    var patternCount: Int { indexes.count }
    /// Texts of patterns whose matches can only begin after a character that is not a letter, digit or `_` (a
    /// word list wrapped in `\b` or `(?<![\p{L}\p{N}_])`): walked only where the byte before is not an ASCII
    /// letter, digit or `_`. Texts of the other patterns are walked from every character.
    private let wordStartTrie: ByteTrie
    private let anywhereTrie: ByteTrie

    /// Per byte: whether a text of either trie may start with it, and whether it is an ASCII letter, digit or `_`.
    private let startTable: [UInt8]
    private static let startsWordStartText: UInt8 = 1
    private static let startsAnywhereText: UInt8 = 2
    private static let isWordByte: UInt8 = 4

    /// Nil when fewer than two patterns could share a scan (nothing to gain).
    init?(patterns candidates: [RegexPattern]) {
        var identifiers: [ObjectIdentifier] = []
        var included = Set<ObjectIdentifier>()
        var wordStartTexts: [ByteTrie.Entry] = []
        var anywhereTexts: [ByteTrie.Entry] = []
        for pattern in candidates {
            guard let startTexts = pattern.startTexts, !startTexts.isEmpty else { continue }
            guard included.insert(ObjectIdentifier(pattern)).inserted else { continue }
            let index = identifiers.count
            identifiers.append(ObjectIdentifier(pattern))
            // One key per code point, so that the trie walk follows the text character by character. A word-end
            // text that ends with an ASCII word character needs a character after it that is none.
            let texts = startTexts.map { text in
                let atWordEnd = pattern.wordEndTexts.contains(text) && text.utf8.last.map(isASCIIWordByte) == true
                return ByteTrie.Entry(text: caselessKey(text), owner: index, atWordEnd: atWordEnd)
            }
            if Self.startsAfterNonWord(pattern) { wordStartTexts += texts } else { anywhereTexts += texts }
        }
        guard identifiers.count >= 2 else { return nil }
        self.indexes = Dictionary(uniqueKeysWithValues: identifiers.enumerated().map { ($0.element, $0.offset) })
        let wordStartTrie = ByteTrie(wordStartTexts)
        let anywhereTrie = ByteTrie(anywhereTexts)
        self.wordStartTrie = wordStartTrie
        self.anywhereTrie = anywhereTrie
        self.startTable = (0...255).map { value in
            let byte = UInt8(value)
            // Continuation bytes (10xxxxxx) are inside a character: no text starts there.
            guard byte & 0xC0 != 0x80 else { return 0 }
            return (wordStartTrie.mayStart(with: byte) ? Self.startsWordStartText : 0)
                | (anywhereTrie.mayStart(with: byte) ? Self.startsAnywhereText : 0)
                | (isASCIIWordByte(byte) ? Self.isWordByte : 0)
        }
    }

    /// Whether a match of `pattern` can only begin right after a character that is not a letter, digit or `_`
    /// (or at the start): `(?<![\p{L}\p{N}_])` says so outright; `\b` does when every text begins with a letter or
    /// digit (a word character, so the one before must not be one).
    static func startsAfterNonWord(_ pattern: RegexPattern) -> Bool {
        if pattern.source.hasPrefix("(?<![\\p{L}\\p{N}_])") { return true }
        guard pattern.source.hasPrefix("\\b"), let texts = pattern.startTexts else { return false }
        return texts.allSatisfy { text in
            guard let first = text.unicodeScalars.first else { return false }
            return first.properties.isAlphabetic || first.properties.numericType != nil
        }
    }

    /// The places in `text` (the masked draft) where each pattern's texts start. A pattern whose texts start more
    /// often than once per 32 bytes (a short, common beginning) is left out: scanning is cheaper for it than trying
    /// it at every place, and its list would take memory in proportion to the draft.
    func candidates(in text: UnsafeBufferPointer<UInt8>) -> Candidates {
        guard let base = text.baseAddress, !text.isEmpty else {
            return Candidates(indexes: indexes, positions: Array(repeating: [], count: indexes.count))
        }
        var collector = Collector(patternCount: indexes.count, limit: max(256, text.count / 32))
        let count = text.count
        let startTable = startTable
        startTable.withUnsafeBufferPointer { starts in
            wordStartTrie.withWalker { wordStartWalker in
                anywhereTrie.withWalker { anywhereWalker in
                    var previousIsWordByte = false
                    for position in 0..<count {
                        let byte = base[position]
                        let afterWordByte = previousIsWordByte
                        previousIsWordByte = starts[Int(byte)] & Self.isWordByte != 0
                        // Most places start no text (a continuation byte never does): one table lookup decides.
                        let flags = starts[Int(byte)]
                        if flags & Self.startsWordStartText != 0 && !afterWordByte {
                            wordStartWalker.walk(from: position, base: base, count: count, into: &collector)
                        }
                        if flags & Self.startsAnywhereText != 0 {
                            anywhereWalker.walk(from: position, base: base, count: count, into: &collector)
                        }
                    }
                }
            }
        }
        let positions = collector.found.indices.map { collector.dense[$0] ? nil : collector.found[$0] }
        return Candidates(indexes: indexes, positions: positions)
    }
}

/// The places found so far, per pattern (in increasing order: the text is walked from its start).
private struct Collector {
    var found: [[Int]]
    var dense: [Bool]
    let limit: Int

    init(patternCount: Int, limit: Int) {
        found = Array(repeating: [], count: patternCount)
        dense = Array(repeating: false, count: patternCount)
        self.limit = limit
    }

    mutating func add(owner: Int, at position: Int) {
        guard !dense[owner], found[owner].last != position else { return }
        if found[owner].count >= limit {
            dense[owner] = true
            found[owner] = []
        } else {
            found[owner].append(position)
        }
    }
}

@inline(__always)
private func isASCIIWordByte(_ byte: UInt8) -> Bool {
    (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        || byte == UInt8(ascii: "_")
}

/// The one code point that stands for `scalar` and every code point PCRE2's caseless matching takes for it: the
/// lower case of its upper case. Lower-casing alone keeps apart what caseless matching joins: ſ and s, µ and μ,
/// ς and σ, ϑ and θ (their upper cases are S, Μ, Σ, Θ).
func caselessKey(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    if scalar.isASCII {
        return scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(scalar.value | 0x20)! : scalar
    }
    let upper = scalar.properties.uppercaseMapping.unicodeScalars
    let base = upper.count == 1 ? upper.first! : scalar
    let lower = base.properties.lowercaseMapping.unicodeScalars
    return lower.count == 1 ? lower.first! : (upper.count == 1 ? base : scalar)
}

/// Whether `byte` leads one of the non-ASCII code points whose caseless key is ASCII: ı (U+0131), ſ (U+017F) and
/// the Kelvin sign (U+212A), the only ones (`SharedScanTests` checks every code point).
@inline(__always)
func startsASCIIKeyedScalar(_ byte: UInt8) -> Bool { byte == 0xC4 || byte == 0xC5 || byte == 0xE2 }

/// `caselessKey` of each code point of `text`.
func caselessKey(_ text: String) -> String {
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars { result.append(caselessKey(scalar)) }
    return String(result)
}

/// A trie over the UTF-8 bytes of texts' caseless keys (`caselessKey`), flattened into arrays. Walking it from a
/// place in the text folds ASCII letters on the fly and other characters to their caseless key (only where the trie
/// has a non-ASCII byte to follow, or the key is ASCII), so that every text PCRE2's caseless matching takes for a
/// start text leads to it.
private struct ByteTrie: Sendable {
    struct Entry {
        let text: String
        let owner: Int
        /// Whether the owner's matches that start with this text have a word boundary right after it, and it ends
        /// with an ASCII letter, digit or `_`: then the character after it is no ASCII letter, digit or `_`.
        let atWordEnd: Bool
    }

    /// What the walk reads of a node, side by side (one cache line holds two): its children's bytes and nodes are
    /// `childBytes[childStart..<childEnd]` (sorted), or, for a node with many children (the root and the first
    /// letters of thousands of words), `denseTables[dense * 256 + byte]` (-1: none); the patterns with a text
    /// ending there are `owners[ownerStart..<wordEndStart]`, and those whose texts ending there all end at a word
    /// end are `owners[wordEndStart..<ownerEnd]`.
    struct Node {
        var childStart: Int32 = 0
        var childEnd: Int32 = 0
        var dense: Int32 = -1
        var ownerStart: Int32 = 0
        var wordEndStart: Int32 = 0
        var ownerEnd: Int32 = 0
        /// Whether a child is reached through a byte of 0x80 or more (only then is a non-ASCII character decoded).
        var hasNonASCIIChild = false
    }

    private var nodes: [Node] = []
    private var childBytes: [UInt8] = []
    private var childNodes: [Int32] = []
    private var owners: [Int32] = []
    private var denseTables: [Int32] = []
    private static let denseFrom = 6

    init(_ texts: [Entry]) {
        // Built with one table of edges (parent and byte → child) rather than an object per node: tens of thousands
        // of nodes for the Vale packages, built at the start of every large run.
        var edges: [Int: Int32] = [:]
        edges.reserveCapacity(texts.count * 4)
        var nodeOwners: [[Int32]] = [[]]
        var nodeWordEndOwners: [[Int32]] = [[]]
        for entry in texts where !entry.text.isEmpty {
            var node: Int32 = 0
            for byte in entry.text.utf8 {
                let key = Int(node) << 8 | Int(byte)
                if let child = edges[key] {
                    node = child
                } else {
                    let child = Int32(nodeOwners.count)
                    nodeOwners.append([])
                    nodeWordEndOwners.append([])
                    edges[key] = child
                    node = child
                }
            }
            let owner = Int32(entry.owner)
            if entry.atWordEnd {
                if nodeWordEndOwners[Int(node)].last != owner { nodeWordEndOwners[Int(node)].append(owner) }
            } else if nodeOwners[Int(node)].last != owner {
                nodeOwners[Int(node)].append(owner)
            }
        }
        // Children of a node side by side, in byte order: the edges sorted by parent, then byte.
        let sortedEdges = edges.sorted { $0.key < $1.key }
        let nodeCount = nodeOwners.count
        nodes.reserveCapacity(nodeCount)
        var edgeIndex = 0
        for node in 0..<nodeCount {
            var entry = Node()
            entry.childStart = Int32(childBytes.count)
            entry.ownerStart = Int32(owners.count)
            owners += nodeOwners[node]
            entry.wordEndStart = Int32(owners.count)
            // An owner with a text here that is only a beginning is a candidate here whatever follows.
            owners += nodeWordEndOwners[node].filter { !nodeOwners[node].contains($0) }
            entry.ownerEnd = Int32(owners.count)
            while edgeIndex < sortedEdges.count && sortedEdges[edgeIndex].key >> 8 == node {
                let byte = UInt8(sortedEdges[edgeIndex].key & 0xFF)
                childBytes.append(byte)
                childNodes.append(sortedEdges[edgeIndex].value)
                entry.hasNonASCIIChild = entry.hasNonASCIIChild || byte >= 0x80
                edgeIndex += 1
            }
            entry.childEnd = Int32(childBytes.count)
            if node == 0 || entry.childEnd - entry.childStart >= Int32(Self.denseFrom) {
                entry.dense = Int32(denseTables.count / 256)
                var table = [Int32](repeating: -1, count: 256)
                for index in Int(entry.childStart)..<Int(entry.childEnd) {
                    table[Int(childBytes[index])] = childNodes[index]
                }
                denseTables += table
            }
            nodes.append(entry)
        }
    }

    /// Whether a text may start with `byte` (a non-ASCII byte: whether any text starts with a non-ASCII character).
    func mayStart(with byte: UInt8) -> Bool {
        if byte < 0x80 { return denseTables[Int(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)] >= 0 }
        // ı, ſ and the Kelvin sign start what i, s and k start.
        let asciiKey: UInt8? =
            byte == 0xC4 ? UInt8(ascii: "i") : byte == 0xC5 ? UInt8(ascii: "s") : byte == 0xE2 ? UInt8(ascii: "k") : nil
        return nodes[0].hasNonASCIIChild || asciiKey.map { mayStart(with: $0) } == true
    }

    /// The arrays as pointers, for a whole scan: the walk runs once per word of the draft and reads them without
    /// bounds checks (every index in them was made by `init`).
    func withWalker<Result>(_ body: (Walker) -> Result) -> Result {
        nodes.withUnsafeBufferPointer { nodes in
            childBytes.withUnsafeBufferPointer { childBytes in
                childNodes.withUnsafeBufferPointer { childNodes in
                    owners.withUnsafeBufferPointer { owners in
                        denseTables.withUnsafeBufferPointer { denseTables in
                            body(
                                Walker(
                                    nodes: nodes.baseAddress!, childBytes: childBytes.baseAddress,
                                    childNodes: childNodes.baseAddress, owners: owners.baseAddress,
                                    denseTables: denseTables.baseAddress!))
                        }
                    }
                }
            }
        }
    }

    struct Walker {
        let nodes: UnsafePointer<Node>
        let childBytes: UnsafePointer<UInt8>?
        let childNodes: UnsafePointer<Int32>?
        let owners: UnsafePointer<Int32>?
        let denseTables: UnsafePointer<Int32>

        @inline(__always)
        private func child(of node: UnsafePointer<Node>, _ byte: UInt8) -> Int32 {
            let dense = node.pointee.dense
            if dense >= 0 { return denseTables[Int(dense) &* 256 &+ Int(byte)] }
            var index = Int(node.pointee.childStart)
            let end = Int(node.pointee.childEnd)
            while index < end {
                let candidate = childBytes![index]
                if candidate == byte { return childNodes![index] }
                if candidate > byte { return -1 }
                index &+= 1
            }
            return -1
        }

        /// Follows the text from `position` as far as the trie goes, adding every pattern owning a text on the way.
        func walk(from position: Int, base: UnsafePointer<UInt8>, count: Int, into collector: inout Collector) {
            var node = nodes
            var index = position
            while index < count {
                let byte = base[index]
                if byte < 0x80 {
                    let next = child(of: node, byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                    guard next >= 0 else { return }
                    node = nodes + Int(next)
                    index &+= 1
                } else {
                    // Only decoded where the trie goes on with a non-ASCII byte, or the character's key is ASCII.
                    guard node.pointee.hasNonASCIIChild || startsASCIIKeyedScalar(byte) else { return }
                    let length = scalarLength(byte)
                    guard index + length <= count else { return }
                    var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                    for offset in 1..<length { value = (value << 6) | (UInt32(base[index + offset]) & 0x3F) }
                    guard let decoded = Unicode.Scalar(value) else { return }
                    for foldedByte in UTF8.encode(caselessKey(decoded))! {
                        let next = child(of: node, foldedByte)
                        guard next >= 0 else { return }
                        node = nodes + Int(next)
                    }
                    index += length
                }
                let ownerStart = Int(node.pointee.ownerStart)
                let ownerEnd = Int(node.pointee.ownerEnd)
                guard ownerStart < ownerEnd else { continue }
                let wordEndStart = Int(node.pointee.wordEndStart)
                for slot in ownerStart..<wordEndStart { collector.add(owner: Int(owners![slot]), at: position) }
                if wordEndStart < ownerEnd && (index == count || !isASCIIWordByte(base[index])) {
                    for slot in wordEndStart..<ownerEnd { collector.add(owner: Int(owners![slot]), at: position) }
                }
            }
        }
    }
}
