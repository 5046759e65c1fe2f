/// The words (`WordCounter`) of one draft's masked text, found once and shared by the rules that count or walk
/// words: densities, metrics, repetition and proximity each read every word of a draft.
///
/// A range whose ends fall between words has exactly the words of the index that lie inside it, because the
/// word scanner carries nothing from one word to the next. A range with an end inside a word (a long sentence cut
/// into pieces) is scanned on its own. Drafts over `maximumIndexedBytes` are not indexed: the index costs eight
/// bytes per word, and a file that large is a benchmark, not a post.
final class WordIndex {
    static let maximumIndexedBytes = 16 << 20

    private let buffer: UnsafeBufferPointer<UInt8>
    /// Start and end of each word, in turn (UInt32: an indexed draft is under 4 GB).
    private lazy var bounds: [UInt32] = Self.scan(buffer)

    private static func scan(_ buffer: UnsafeBufferPointer<UInt8>) -> [UInt32] {
        var bounds: [UInt32] = []
        // About one word per six bytes of prose: one allocation for most drafts.
        bounds.reserveCapacity(buffer.count / 3)
        WordCounter.forEachWord(in: buffer, range: 0..<buffer.count) { word in
            bounds.append(UInt32(truncatingIfNeeded: word.lowerBound))
            bounds.append(UInt32(truncatingIfNeeded: word.upperBound))
        }
        return bounds
    }

    /// `buffer` must outlive the index (the linter makes one per draft inside the buffer's scope).
    init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

    func forEachWord(in range: Range<Int>, _ body: (Range<Int>) -> Void) {
        guard let words = indexed(range) else {
            return WordCounter.forEachWord(in: buffer, range: range, body)
        }
        let bounds = self.bounds
        for word in words { body(Int(bounds[2 * word])..<Int(bounds[2 * word + 1])) }
    }

    func words(in range: Range<Int>) -> [Range<Int>] {
        guard let words = indexed(range) else { return WordCounter.words(in: buffer, range: range) }
        let bounds = self.bounds
        return words.map { Int(bounds[2 * $0])..<Int(bounds[2 * $0 + 1]) }
    }

    func count(in range: Range<Int>) -> Int {
        indexed(range)?.count ?? WordCounter.count(in: buffer, range: range)
    }

    /// The numbers of the words inside `range`, or nil when the index cannot answer for it.
    func indexed(_ range: Range<Int>) -> Range<Int>? {
        guard buffer.count <= Self.maximumIndexedBytes, range.lowerBound >= 0, range.upperBound <= buffer.count else {
            return nil
        }
        let bounds = self.bounds
        let wordCount = bounds.count / 2
        // The first word that ends after the range's start, and the first that ends after its end.
        let first = firstWord(endingAfter: range.lowerBound, bounds, wordCount)
        let last = firstWord(endingAfter: range.upperBound, bounds, wordCount)
        // An end strictly inside a word: the word would be cut there, which the index does not know.
        if first < wordCount && Int(bounds[2 * first]) < range.lowerBound { return nil }
        if last < wordCount && Int(bounds[2 * last]) < range.upperBound { return nil }
        return first..<max(first, last)
    }

    private func firstWord(endingAfter offset: Int, _ bounds: [UInt32], _ wordCount: Int) -> Int {
        var low = 0
        var high = wordCount
        while low < high {
            let middle = (low + high) / 2
            if Int(bounds[2 * middle + 1]) <= offset { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
