/// What the heuristics keep on a thread from one draft to the next. (It used to ride in the PCRE2 scratch; the
/// regex layer now holds PCRE2 state only.)
final class HeuristicMemo {
    /// Words as a lexicon rule resolved them (base forms of inflected words, `LanguageRules.lexiconForm`, what
    /// the lexicon says, which function words they are), per rule and language: the same words come back in every
    /// post.
    var toneWords: [String: SentimentScorer.WordMemo] = [:]
    /// How many times proximity rules split a block into sentences on this thread: the work a test can count to
    /// show that it grows with the text, not with the text times its matches.
    var sentenceSplits = 0

    /// The calling thread's memo.
    static var forCurrentThread: HeuristicMemo { perThread.value }

    private static let perThread = PerThread { HeuristicMemo() }
}
