/// `near: {patterns: […], within: sentence | N}` on existence rules: a match counts only when one of the patterns
/// occurs in the same sentence, or within N words before or after it (e.g. a competitor named next to "better than"
/// or "switch from", where a neutral mention is allowed).
struct Proximity: Sendable {
    let cues: [String: [Cue]]
    /// nil = same sentence.
    let words: Int?

    init?(fields: YAMLFields, options: RegexOptions) throws(RuleFileError) {
        guard let near = try fields.fields("near") else { return nil }
        try near.rejectUnknownKeys(allowed: ["patterns", "within"], context: "'near'")
        guard let cues = try near.cues("patterns", options: options), cues.values.contains(where: { !$0.isEmpty }) else {
            throw near.error(at: nil, "'near' needs 'patterns'")
        }
        self.cues = cues
        let within = try near.string("within") ?? "sentence"
        if within == "sentence" {
            words = nil
        } else if let count = Int(within), count > 0 {
            words = count
        } else {
            throw near.error(key: "within", "'within' must be 'sentence' or a number of words")
        }
    }

    /// The first nearby cue, if any.
    func find(around match: Range<Int>, in subject: CheckInput.Subject, input: CheckInput) throws(MatchError) -> Range<Int>? {
        let active = (cues["*"] ?? []) + (input.language.flatMap { cues[$0] } ?? [])
        let buffer = input.buffer(subject)
        let window: Range<Int>
        if let words {
            let all = input.words(in: subject)
            let before = all.filter { $0.upperBound <= match.lowerBound }.suffix(words)
            let after = all.filter { $0.lowerBound >= match.upperBound }.prefix(words)
            window = (before.first?.lowerBound ?? match.lowerBound)..<(after.last?.upperBound ?? match.upperBound)
        } else {
            let bytes = Array(buffer[subject.range])
            let sentences = SentenceSplitter.sentences(in: bytes, range: 0..<bytes.count)
            let relative = match.lowerBound - subject.range.lowerBound
            let sentence = sentences.first { $0.contains(relative) || $0.upperBound == relative } ?? 0..<bytes.count
            window = (sentence.lowerBound + subject.range.lowerBound)..<(sentence.upperBound + subject.range.lowerBound)
        }
        for cue in active {
            for found in try cue.pattern.matches(in: buffer, range: window, scratch: input.scratch)
            where !found.range.overlaps(match) {
                return found.range
            }
        }
        return nil
    }
}
