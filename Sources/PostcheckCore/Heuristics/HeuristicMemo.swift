import Foundation

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

    /// A number of its own for each compiled rule that keeps words here (`LexiconRule.memoOwner`).
    static func newOwner() -> Int { owners.next() }

    /// Makes room for a memo under `key`: past 256 memos (rules of a configuration reloaded many times) they are
    /// all dropped, so that a long-running service does not keep the words of rules it no longer has.
    func makeRoom(for key: String) {
        if toneWords[key] == nil && toneWords.count >= 256 { toneWords.removeAll() }
    }

    /// The calling thread's memo.
    static var forCurrentThread: HeuristicMemo { perThread.value }

    private static let perThread = PerThread { HeuristicMemo() }
    private static let owners = OwnerCounter()

    private final class OwnerCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var last = 0

        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            last += 1
            return last
        }
    }
}
