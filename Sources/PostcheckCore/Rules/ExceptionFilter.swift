/// A rule's `exceptions` (plus the accepted vocabulary when `vocab: true`): a match is dropped when an exception
/// occurs inside it, or when it lies inside an occurrence of an exception (an accepted multi-word phrase).
/// As in Vale, each term is case-sensitive unless it starts with `(?i)`, and longer terms are tried first.
struct ExceptionFilter: Sendable {
    let pattern: RegexPattern?

    init(exceptions: [String], accepted: [String], useVocabulary: Bool, fields: YAMLFields) throws(RuleFileError) {
        var terms = exceptions
        if useVocabulary { terms += accepted }
        guard !terms.isEmpty else {
            pattern = nil
            return
        }
        terms.sort { $0.count > $1.count }
        let alternation = terms.map { $0.hasPrefix("(?i)") ? $0 : "(?-i)" + $0 }.joined(separator: "|")
        do {
            pattern = try RegexPattern("\\b(?:\(alternation))\\b", options: [.multiline])
        } catch {
            throw fields.error(key: "exceptions", "invalid exception: \(error)")
        }
    }

    func suppresses(_ match: Range<Int>, in subject: CheckInput.Subject, input: CheckInput) throws(MatchError) -> Bool {
        guard let pattern else { return false }
        let buffer = input.buffer(subject)
        if try pattern.firstMatch(in: buffer, range: match, scratch: input.scratch) != nil { return true }
        // Inside a longer accepted phrase: look in a window around the match, cut at white space so that word
        // boundaries at the window's edges are real ones.
        var low = max(subject.range.lowerBound, match.lowerBound - 160)
        while low > subject.range.lowerBound && low < match.lowerBound && buffer[low - 1] != 0x20
            && buffer[low - 1] != 0x0A
        { low -= 1 }
        var high = min(subject.range.upperBound, match.upperBound + 160)
        while high < subject.range.upperBound && high > match.upperBound && buffer[high] != 0x20 && buffer[high] != 0x0A
        { high += 1 }
        for candidate in try pattern.matches(in: buffer, range: low..<high, scratch: input.scratch)
        where candidate.range.lowerBound <= match.lowerBound && candidate.range.upperBound >= match.upperBound {
            return true
        }
        return false
    }
}
