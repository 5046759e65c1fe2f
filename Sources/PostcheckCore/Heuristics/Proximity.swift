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
        guard let cues = try near.cues("patterns", options: options), cues.values.contains(where: { !$0.isEmpty })
        else {
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

    /// The subject's sentences (relative to the subject's start), when the window is a sentence: found once per
    /// subject and handed to every `find` in it. Splitting the block again for each match made a long block with
    /// many matches quadratic (112 KB took 5 s).
    func sentences(of subject: CheckInput.Subject, input: CheckInput) -> [Range<Int>]? {
        guard words == nil else { return nil }
        HeuristicMemo.forCurrentThread.sentenceSplits += 1
        return SentenceSplitter.sentences(
            in: Array(input.buffer(subject)[subject.range]), range: 0..<subject.range.count)
    }

    /// The first nearby cue, if any. `sentences` comes from `sentences(of:input:)` for the same subject.
    func find(
        around match: Range<Int>, in subject: CheckInput.Subject, input: CheckInput, sentences: [Range<Int>]?
    )
        throws(MatchError) -> Range<Int>?
    {
        let active = (cues["*"] ?? []) + (input.language.flatMap { cues[$0] } ?? [])
        let buffer = input.buffer(subject)
        let window: Range<Int>
        if let words {
            let all = input.words(in: subject)
            let before = all.filter { $0.upperBound <= match.lowerBound }.suffix(words)
            let after = all.filter { $0.lowerBound >= match.upperBound }.prefix(words)
            window = (before.first?.lowerBound ?? match.lowerBound)..<(after.last?.upperBound ?? match.upperBound)
        } else {
            let sentences = sentences ?? []
            let relative = match.lowerBound - subject.range.lowerBound
            // The sentences are in order: the first that ends at or after the match's start holds it.
            var low = 0, high = sentences.count
            while low < high {
                let middle = (low + high) / 2
                if sentences[middle].upperBound < relative { low = middle + 1 } else { high = middle }
            }
            let sentence =
                low < sentences.count && sentences[low].lowerBound <= relative
                ? sentences[low] : 0..<subject.range.count
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
