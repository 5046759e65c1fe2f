/// A faster way to find the matches of a pattern that opens with a run of one character class and then a literal
/// byte the class leaves out, such as an e-mail address: `[\p{L}\p{N}._%+-]+@…`. PCRE2 cannot skip ahead over a
/// class with Unicode properties, so it tries every byte of a text, and from each one reads the whole run again.
///
/// Every match of such a pattern takes a whole run that ends right before one of the literal bytes: a match that
/// started inside a run would also match from the run's start, which comes first. So the literal bytes are found
/// with `memchr`, the run before each is walked back, and the pattern is tried once, anchored, at its start. The
/// matches are the ones PCRE2's own search finds (`RunAnchorTests` compares them on random text).
struct RunAnchor {
    /// The literal byte after the run.
    let byte: UInt8
    /// The class alone, to test one character at a time.
    let member: RegexPattern

    /// The anchor of `source`, when it has the shape: `[class]+` (a class without nested brackets or escapes of
    /// `]`), then one ASCII punctuation byte that is no pattern syntax and that the class does not match.
    init?(source: String, options: RegexOptions) {
        let bytes = Array(source.utf8)
        guard bytes.first == UInt8(ascii: "["), bytes.count > 4, bytes[1] != UInt8(ascii: "^") else { return nil }
        var close = 1
        while close < bytes.count && bytes[close] != UInt8(ascii: "]") {
            // An escaped `]` or a nested `[` (POSIX classes) would need a real parser: left alone.
            if bytes[close] == UInt8(ascii: "[") { return nil }
            if bytes[close] == UInt8(ascii: "\\") {
                guard close + 1 < bytes.count, bytes[close + 1] != UInt8(ascii: "]") else { return nil }
                close += 1
            }
            close += 1
        }
        guard close + 2 < bytes.count, bytes[close + 1] == UInt8(ascii: "+") else { return nil }
        let literal = bytes[close + 2]
        // `@`, `#`, `:`, `/`, `=`, `&`, `!`, `~`, `,`, `;`, `%`, `'`, `"`, `<`, `>`, `-`: bytes that mean themselves.
        guard "@#:/=&!~,;%'\"<>-".utf8.contains(literal) else { return nil }
        let classSource = String(decoding: bytes[0...close], as: UTF8.self)
        guard let member = try? RegexPattern(classSource, options: options),
            (try? member.isMatch(String(decoding: [literal], as: UTF8.self))) == false
        else { return nil }
        self.byte = literal
        self.member = member
    }

    /// Calls `body` with each match of `pattern` in `range` of `text`, in order, as `RegexPattern.forEachMatch`
    /// would.
    func forEachMatch(
        of pattern: RegexPattern, in text: UnsafeBufferPointer<UInt8>, range: Range<Int>, scratch: MatchScratch,
        captureGroups: Bool, _ body: (RegexMatch) -> Void
    ) throws(MatchError) {
        var searchFrom = range.lowerBound
        // Where the next match may start (the end of the last one).
        var matchFrom = range.lowerBound
        while let at = firstIndex(of: byte, in: text, searchFrom..<range.upperBound) {
            try scratch.checkDeadline()
            searchFrom = at + 1
            var start = at
            while start > matchFrom {
                var previous = start - 1
                while previous > matchFrom && text[previous] & 0xC0 == 0x80 { previous -= 1 }
                guard try isMember(text, previous..<start, scratch: scratch) else { break }
                start = previous
            }
            guard start < at else { continue }
            guard
                let match = try pattern.anchoredMatch(
                    in: text, range: range, at: start, scratch: scratch,
                    captureGroups: captureGroups)
            else { continue }
            body(match)
            matchFrom = match.range.upperBound
            searchFrom = max(searchFrom, matchFrom)
        }
    }

    /// Whether the character at `character` is in the class.
    private func isMember(
        _ text: UnsafeBufferPointer<UInt8>, _ character: Range<Int>, scratch: MatchScratch
    ) throws(MatchError) -> Bool {
        let match = try member.anchoredMatch(
            in: text, range: character.lowerBound..<character.upperBound, at: character.lowerBound,
            scratch: scratch, captureGroups: false)
        return match?.range == character
    }
}
