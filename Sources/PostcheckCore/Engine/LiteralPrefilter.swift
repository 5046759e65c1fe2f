/// Word-list rules merged into one scan. Every pattern that knows the texts its matches start with
/// (`RegexPattern.startTexts`: term lists, swap keys) puts them into one case-folded trie; a draft is scanned once
/// for all of them (a few PCRE2 patterns when the trie is too large for one), and each place where any text starts
/// is mapped back, through the trie, to the patterns that own a text starting there. A pattern is then tried
/// (anchored) only at its own places — the same matches as scanning the draft with it, found without a scan per
/// rule. With hundreds of word-list rules (the Vale packages, a company's term lists) this is most of the work.
struct LiteralPrefilter: Sendable {
    /// The places each pattern may match at, by pattern; a pattern not listed here scans as usual.
    struct Candidates {
        fileprivate var positions: [ObjectIdentifier: [Int]]

        func positions(for pattern: RegexPattern) -> [Int]? { positions[ObjectIdentifier(pattern)] }
    }

    private final class Node: @unchecked Sendable {
        var children: [Unicode.Scalar: Node] = [:]
        /// Patterns (indices into `patterns`) with a text ending here.
        var owners: [Int] = []
    }

    private let patterns: [ObjectIdentifier]
    var patternCount: Int { patterns.count }
    private let root: Node
    private let scans: [RegexPattern]

    /// Nil when fewer than two patterns could share a scan (nothing to gain).
    init?(patterns candidates: [RegexPattern]) {
        let root = Node()
        var identifiers: [ObjectIdentifier] = []
        var included = Set<ObjectIdentifier>()
        var texts = Set<String>()
        for pattern in candidates {
            guard let startTexts = pattern.startTexts, !startTexts.isEmpty else { continue }
            let folded = startTexts.map { $0.lowercased() }
            // Lower-casing must keep one code point per code point for the trie walk to follow PCRE2's folding.
            guard zip(startTexts, folded).allSatisfy({ $0.unicodeScalars.count == $1.unicodeScalars.count }),
                included.insert(ObjectIdentifier(pattern)).inserted
            else { continue }
            let index = identifiers.count
            identifiers.append(ObjectIdentifier(pattern))
            for text in folded {
                var node = root
                for scalar in text.unicodeScalars {
                    if let child = node.children[scalar] {
                        node = child
                    } else {
                        let child = Node()
                        node.children[scalar] = child
                        node = child
                    }
                }
                if node.owners.last != index { node.owners.append(index) }
                texts.insert(text)
            }
        }
        guard identifiers.count >= 2 else { return nil }
        // PCRE2 (as Debian builds it) refuses compiled patterns over 64 KB: a few thousand words per scan.
        var scans: [RegexPattern] = []
        var pending = [texts.sorted()]
        while let chunk = pending.popLast() {
            if chunk.count > 2000 {
                pending += [Array(chunk[..<(chunk.count / 2)]), Array(chunk[(chunk.count / 2)...])]
                continue
            }
            let alternation = TokenTrie.alternation(chunk.map(RegexPattern.escape), caseInsensitive: true)
                ?? chunk.map(RegexPattern.escape).joined(separator: "|")
            if let scan = try? RegexPattern("(?:\(alternation))", options: [.caseInsensitive]) {
                scans.append(scan)
            } else if chunk.count > 1 {
                pending += [Array(chunk[..<(chunk.count / 2)]), Array(chunk[(chunk.count / 2)...])]
            } else {
                return nil
            }
        }
        self.patterns = identifiers
        self.root = root
        self.scans = scans
    }

    /// The places in `text` (the masked draft) where each pattern's texts start. A pattern whose texts start more
    /// often than once per 32 bytes (a short, common beginning) is left out: scanning is cheaper for it than trying
    /// it at every place, and its list would take memory in proportion to the draft.
    func candidates(in text: UnsafeBufferPointer<UInt8>, scratch: MatchScratch) throws(MatchError) -> Candidates {
        var found = Array(repeating: [Int](), count: patterns.count)
        guard let base = text.baseAddress, !text.isEmpty else {
            return Candidates(positions: Dictionary(uniqueKeysWithValues: patterns.map { ($0, []) }))
        }
        let limit = max(256, text.count / 32)
        var dense = Array(repeating: false, count: patterns.count)
        // Places already walked (several scans can stop at one place): one bit per byte.
        var seen = [UInt64](repeating: 0, count: text.count / 64 + 1)
        for scan in scans {
            // Overlapping: after a match at p the scan goes on at the next character, so that texts starting
            // inside a longer one are found too.
            var start = 0
            while start < text.count {
                guard let match = try scan.firstMatch(in: text, range: start..<text.count, scratch: scratch) else { break }
                let position = match.lowerBound
                let bit = UInt64(1) << UInt64(position % 64)
                if seen[position / 64] & bit == 0 {
                    seen[position / 64] |= bit
                    collectOwners(at: position, base: base, count: text.count, limit: limit, dense: &dense, into: &found)
                }
                start = position + 1
                while start < text.count && text[start] & 0xC0 == 0x80 { start += 1 }
            }
        }
        var positions: [ObjectIdentifier: [Int]] = [:]
        for (index, identifier) in patterns.enumerated() where !dense[index] {
            positions[identifier] = found[index].sorted()
        }
        return Candidates(positions: positions)
    }

    /// Walks the trie from `position` over the case-folded text; every pattern owning a text along the way may
    /// start there (the scan reported the longest text; shorter ones on the same path are found here).
    private func collectOwners(at position: Int, base: UnsafePointer<UInt8>, count: Int, limit: Int, dense: inout [Bool],
                               into found: inout [[Int]])
    {
        var node = root
        var index = position
        while index < count {
            let byte = base[index]
            let scalar: Unicode.Scalar
            let length: Int
            if byte < 0x80 {
                scalar = Unicode.Scalar(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                length = 1
            } else {
                length = scalarLength(byte)
                var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for offset in 1..<length where index + offset < count { value = (value << 6) | (UInt32(base[index + offset]) & 0x3F) }
                guard let decoded = Unicode.Scalar(value) else { return }
                scalar = decoded.properties.lowercaseMapping.unicodeScalars.count == 1
                    ? decoded.properties.lowercaseMapping.unicodeScalars.first! : decoded
            }
            guard let child = node.children[scalar] else { return }
            node = child
            for owner in node.owners where !dense[owner] {
                if found[owner].count >= limit {
                    dense[owner] = true
                    found[owner] = []
                } else {
                    found[owner].append(position)
                }
            }
            index += length
        }
    }
}
